// `npm run smoke`: the end-to-end check of a deployed environment (ingest → deliver → transform → query).
import { runCli } from './run-cli.ts';
import { HELP, smoke } from './smoke/command.ts';

runCli(HELP, smoke);
