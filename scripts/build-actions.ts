// `npm run build:actions`: bundles each custom action (actions/<name>/main.ts) into the committed
// actions/<name>/dist/index.js that its action.yml runs; `--check` fails when a bundle is stale.
import { parseArgs } from 'node:util';
import { buildActions, listActions } from './build-actions/bundle.ts';
import { runCli } from './run-cli.ts';

const HELP = `Usage: npm run build:actions [-- --check] [--action <name>]

Bundles every action under actions/ (a folder with an action.yml and a main.ts) with esbuild into
actions/<name>/dist/index.js, the file GitHub runs. Commit the dist folders with the source.

  --check          build in memory and compare with the committed dist: exits 1 and names every stale
                   action (run "npm run build:actions" and commit to fix it)
  --action <name>  only this action (repeatable)
  -h, --help       this text`;

runCli(HELP, async (argv) => {
  const { values } = parseArgs({
    args: argv,
    options: {
      check: { type: 'boolean', default: false },
      action: { type: 'string', multiple: true },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(HELP);
    return;
  }
  const names = values.action ?? listActions();
  const started = performance.now();
  const results = await buildActions(names, { write: !values.check });
  for (const r of results) {
    const size = `${(r.bytes / 1024).toFixed(0)} KiB`;
    console.log(
      `${r.name.padEnd(14)} ${size.padStart(9)}  ${values.check ? (r.stale ? 'STALE' : 'up to date') : 'written'}`,
    );
  }
  const stale = results.filter((r) => r.stale);
  console.log(`${results.length} actions in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  if (values.check && stale.length > 0) {
    console.error(
      `The committed dist of ${stale.map((r) => r.name).join(', ')} does not match its source: run "npm run build:actions" and commit actions/*/dist.`,
    );
    process.exitCode = 1;
  }
});
