// `npm run review`: a pull request's cost and architecture change, as one Markdown comment.
import { HELP, review } from './review/command.ts';
import { runCli } from './run-cli.ts';

runCli(HELP, review);
