// `npm run mermaid-cli:install`: installs mermaid-cli and puppeteer, pinned in tools/mermaid-cli, so that the
// diagrams are drawn with mermaid.js in this machine's Chrome/Chromium, as GitHub draws them.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { browserInstallHint, findBrowser } from '../lib/diagram/render/browser.ts';
import { MERMAID_CLI_DIR, mermaidCliInstalled } from '../lib/diagram/render/mermaid-cli-package.ts';
import { runCli } from './run-cli.ts';

const HELP = `Usage: npm run mermaid-cli:install

Installs @mermaid-js/mermaid-cli and puppeteer, at the versions tools/mermaid-cli/package-lock.json pins, into
tools/mermaid-cli/node_modules (about 500 MB; no install scripts run, so no browser is downloaded). Then
npm run docs draws the diagrams with mermaid.js in your own Chrome/Chromium, as GitHub draws them; without
it, or without a browser, the embedded renderer draws them. The tests of the mermaid-cli renderer and of
Mermaid's parser need it; npm ci alone leaves it out, since only machines with a browser use it.

  -h, --help   this text`;

runCli(HELP, (argv) => {
  const { values } = parseArgs({ args: argv, options: { help: { type: 'boolean', short: 'h' } } });
  if (values.help) return console.log(HELP);
  const where = path.relative(process.cwd(), MERMAID_CLI_DIR) || '.';
  console.log(`Installing mermaid-cli and puppeteer into ${where}/node_modules ...`);
  // Under `npm run`, npm_execpath is npm's own script: run it with this Node, on any platform.
  const npm = process.env.npm_execpath;
  const args = ['ci', '--prefix', MERMAID_CLI_DIR, '--ignore-scripts', '--no-audit', '--no-fund'];
  const run = npm
    ? spawnSync(process.execPath, [npm, ...args], { stdio: 'inherit' })
    : spawnSync('npm', args, { stdio: 'inherit', shell: process.platform === 'win32' });
  if (run.status !== 0 || !mermaidCliInstalled()) {
    throw new Error(
      `npm ci in ${where} failed (exit ${run.status ?? run.signal}): see npm's output above. npm run docs still draws the diagrams with its embedded renderer.`,
    );
  }
  const browser = findBrowser().executablePath;
  console.log(
    browser
      ? `mermaid-cli is installed; it will render in ${browser}.`
      : `mermaid-cli is installed, but no Chrome/Chromium was found: ${browserInstallHint()}, or set PUPPETEER_EXECUTABLE_PATH.`,
  );
});
