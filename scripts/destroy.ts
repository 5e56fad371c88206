// `npm run destroy`: tears one environment down from this machine and says what is left that costs money.
import { destroy, HELP } from './destroy/command.ts';
import { runCli } from './run-cli.ts';

runCli(HELP, destroy);
