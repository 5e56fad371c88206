// One cold synthesis of every environment, in its own process so its peak memory is its own.
// Prints a JSON line for scripts/bench.ts.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { synthesize } from '../../infra/synthesize.ts';

const outdir = mkdtempSync(path.join(tmpdir(), 'launchpad-bench-'));
const started = performance.now();
const result = synthesize({ outdir });
const seconds = (performance.now() - started) / 1000;
rmSync(outdir, { recursive: true, force: true });
console.log(
  JSON.stringify({
    seconds,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    stacks: result.stacks.map((s) => ({ path: s.path, resources: s.resources })),
  }),
);
