// `npm run cost`: the monthly cost estimate of the templates, offline, as Markdown or JSON; or a diff.
import { cost, HELP } from './cost/command.ts';
import { runCli } from './run-cli.ts';

runCli(HELP, cost);
