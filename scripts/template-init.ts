// `npm run template-init`: the first run after "Use this template" personalizes the README and config/*.json
// and, with --checklist-issue, opens the setup-checklist issue. Safe to run again: it then changes nothing.
import { runCli } from './run-cli.ts';
import { HELP, templateInitCommand } from './template-init/command.ts';

runCli(HELP, templateInitCommand);
