// `npm run cost:coverage -- <folder>`: how much of a folder of templates the cost engine accounts for.
import { coverage, HELP } from './cost/coverage.ts';
import { runCli } from './run-cli.ts';

runCli(HELP, coverage);
