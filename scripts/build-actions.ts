// `npm run build:actions`: bundles the custom actions (actions/<name>/main.ts) in one build into the committed
// actions/dist (an entry per action and the chunks they share) and actions/<name>/dist/index.js, the stub its
// action.yml runs; `--check` fails when a committed file is stale.
import { parseArgs } from 'node:util';
import { buildActions } from './build-actions/bundle.ts';
import { runCli } from './run-cli.ts';

const HELP = `Usage: npm run build:actions [-- --check]

Bundles every action under actions/ (a folder with an action.yml and a main.ts) with esbuild, in one build:
actions/dist holds an entry per action and the chunks they share, and actions/<name>/dist/index.js, the file
GitHub runs, imports its entry. Commit actions/dist and actions/*/dist with the source.

  --check      build in memory and compare with the committed files: exits 1 and names every stale file
               and the actions it affects (run "npm run build:actions" and commit to fix it)
  -h, --help   this text`;

const kib = (bytes: number) => `${(bytes / 1024).toFixed(0)} KiB`;

runCli(HELP, async (argv) => {
  const { values } = parseArgs({
    args: argv,
    options: {
      check: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(HELP);
    return;
  }
  const started = performance.now();
  const report = await buildActions({ write: !values.check });
  for (const action of report.actions) {
    const state = values.check ? (action.stale ? 'STALE' : 'up to date') : 'written';
    console.log(`${action.name.padEnd(14)} ${kib(action.startBytes).padStart(9)} at start  ${state}`);
  }
  console.log(
    `${report.actions.length} actions, ${report.files.length} files, ${(report.bytes / 1048576).toFixed(2)} MiB in all, in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  if (report.stale.length === 0) return;
  const files = report.stale.map((s) => `  actions/${s.file} (${s.reason})`).join('\n');
  if (!values.check) return console.log(`Updated:\n${files}`);
  const actions = report.actions.filter((a) => a.stale).map((a) => a.name);
  console.error(
    `The committed bundles do not match the source${actions.length ? ` (actions ${actions.join(', ')})` : ''}:\n${files}\nRun "npm run build:actions" and commit actions/dist and actions/*/dist.`,
  );
  process.exitCode = 1;
});
