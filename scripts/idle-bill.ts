// `npm run idle-bill`: what an environment has deployed, since when and what it costs idle; keeps its
// idle-bill issue up to date.
import { HELP, idleBill } from './idle-bill/command.ts';
import { runCli } from './run-cli.ts';

runCli(HELP, idleBill);
