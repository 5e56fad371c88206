// Custom-action figures, in their own process: bundling every action, a whole run of the cost action's
// bundle as the runner starts it, and pipeline-run's source zip of this repository. Prints one JSON line.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { zipFolder } from '../../lib/pipeline/zip-folder.ts';
import { buildActions, listActions } from '../build-actions/bundle.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const assemblyDir = process.argv[2];
if (!assemblyDir) throw new Error('usage: tsx scripts/bench/actions.ts <cloud assembly dir>');

const median = (samples: number[]) => samples.sort((a, b) => a - b)[Math.floor(samples.length / 2)] ?? 0;
async function timeAsync(runs: number, action: () => Promise<unknown>): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await action();
    samples.push(performance.now() - started);
  }
  return median(samples);
}

const names = listActions();
const bundleMs = await timeAsync(3, () => buildActions({ write: false }));
const { bytes } = await buildActions({ write: false });

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
const costMs = median([costRun(), costRun(), costRun()]);
rmSync(temp, { recursive: true, force: true });

let zip: ReturnType<typeof zipFolder> = { zip: Buffer.alloc(0), files: 0 };
const zipMs = await timeAsync(3, async () => {
  zip = zipFolder(ROOT);
});

console.log(
  JSON.stringify({
    title: 'Custom actions (median of 3)',
    figures: [
      [
        `bundle ${names.length} actions with esbuild (in memory)`,
        `${(bundleMs / 1000).toFixed(2)} s, ${(bytes / 1048576).toFixed(1)} MiB in all`,
      ],
      [
        'cost action bundle, whole run on the assembly (node start to exit)',
        `${(costMs / 1000).toFixed(2)} s`,
      ],
      [
        `pipeline-run source zip of the repository (${zip.files} files)`,
        `${(zipMs / 1000).toFixed(2)} s, ${(zip.zip.length / 1048576).toFixed(1)} MiB`,
      ],
    ],
  }),
);
