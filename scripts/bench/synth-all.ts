// One cold synthesis of every environment into the directory given as argument, in its own process
// so its peak memory is its own. Prints a JSON line for scripts/bench.ts.
import { synthesize } from '../../infra/synthesize.ts';

const outdir = process.argv[2];
if (!outdir) throw new Error('usage: tsx scripts/bench/synth-all.ts <outdir>');
const started = performance.now();
const result = synthesize({ outdir });
const seconds = (performance.now() - started) / 1000;
console.log(
  JSON.stringify({
    seconds,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    stacks: result.stacks.map((s) => ({ path: s.path, resources: s.resources })),
  }),
);
