// `npm run bootstrap`: the one-time admin step that lets GitHub Actions deploy one environment.
import { bootstrap, HELP } from './bootstrap/command.ts';
import { runCli } from './run-cli.ts';

runCli(HELP, bootstrap);
