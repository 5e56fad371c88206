// `npm run synth`: synthesize every environment offline and print one line per stack.
import { runCli } from './run-cli.ts';
import { HELP, synth } from './synth/command.ts';

runCli(HELP, synth);
