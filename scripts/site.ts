// `npm run site`: the docs as a static site for GitHub Pages, in _site/ (pages.yml publishes it).
import { runCli } from './run-cli.ts';
import { HELP, site } from './site/command.ts';

runCli(HELP, site);
