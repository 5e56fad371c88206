// Custom-action figures, in their own process: the one build of every action, a whole run of the cost
// action's bundle as the runner starts it, and pipeline-run's source zip of this repository. Prints one JSON
// line for scripts/bench.ts.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { zipFolder } from '../../lib/pipeline/zip-folder.ts';
import { buildActions } from '../build-actions/bundle.ts';
import { type FigureGroup, median } from './figures.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const assemblyDir = process.argv[2];
if (!assemblyDir) throw new Error('usage: tsx scripts/bench/actions.ts <cloud assembly dir>');
const RUNS = 5;

async function timeAsync(runs: number, action: () => Promise<unknown>): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await action();
    samples.push(performance.now() - started);
  }
  return median(samples);
}

const bundleMs = await timeAsync(3, () => buildActions({ write: false }));
const build = await buildActions({ write: false });

const temp = mkdtempSync(path.join(tmpdir(), 'launchpad-bench-actions-'));
const costRun = () => {
  for (const file of ['output', 'summary.md']) writeFileSync(path.join(temp, file), '');
  const started = performance.now();
  const run = spawnSync(process.execPath, [path.join(ROOT, 'actions/cost/dist/index.js')], {
    cwd: ROOT,
    env: {
      ...process.env,
      INPUT_ASSEMBLY: assemblyDir,
      GITHUB_OUTPUT: path.join(temp, 'output'),
      GITHUB_STEP_SUMMARY: path.join(temp, 'summary.md'),
      RUNNER_TEMP: temp,
    },
  });
  if (run.status !== 0) throw new Error(`the cost action failed: ${run.stdout}${run.stderr}`);
  return performance.now() - started;
};
const costMs = median(Array.from({ length: RUNS }, costRun));
rmSync(temp, { recursive: true, force: true });

let zip: ReturnType<typeof zipFolder> = { zip: Buffer.alloc(0), files: 0 };
const zipMs = await timeAsync(3, async () => {
  zip = zipFolder(ROOT);
});

const group: FigureGroup = {
  title: `Custom actions (medians: the build of 3, the cost action's run of ${RUNS})`,
  figures: [
    {
      id: 'actions.build',
      label: `build ${build.actions.length} actions with esbuild (in memory)`,
      value: bundleMs / 1000,
      unit: 's',
    },
    {
      id: 'actions.size',
      label: 'committed bundles, in all',
      value: build.bytes / 1048576,
      unit: 'MiB',
      note: `(target <= 2.5 MiB; ${build.files.length} files)`,
    },
    {
      id: 'actions.cost-run',
      label: 'cost action, whole run on the assembly (node start to exit)',
      value: costMs / 1000,
      unit: 's',
      note: '(target <= 1 s)',
    },
    {
      id: 'actions.zip',
      label: `pipeline-run source zip of the repository (${zip.files} files)`,
      value: zipMs / 1000,
      unit: 's',
      note: `${(zip.zip.length / 1048576).toFixed(1)} MiB`,
    },
  ],
};
console.log(JSON.stringify(group));
