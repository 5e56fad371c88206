// `npm run bench`: speed and memory figures, printed, never asserted (shared machines are noisy).
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { runCli } from './run-cli.ts';

const HELP = `Usage: npm run bench -- [--runs <n>]

Prints benchmark figures: wall time and peak memory of synthesizing every environment (each run a
fresh process, so every run is cold), and the resource count of every stack.

  --runs <n>   synthesis runs to time (default 3)
  -h, --help   show this help`;

interface SynthRun {
  seconds: number;
  peakRssMb: number;
  stacks: { path: string; resources: number }[];
}

runCli(HELP, (argv) => {
  const { values } = parseArgs({
    args: argv,
    options: { runs: { type: 'string', default: '3' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) return console.log(HELP);
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1)
    throw new Error(`--runs must be a whole number >= 1, got ${values.runs}`);

  const results: SynthRun[] = [];
  for (let i = 1; i <= runs; i++) {
    process.stdout.write(`synth run ${i}/${runs} ... `);
    const child = spawnSync('node_modules/.bin/tsx', ['scripts/bench/synth-all.ts'], { encoding: 'utf8' });
    if (child.status !== 0) throw new Error(`synthesis failed:\n${child.stderr}`);
    const result = JSON.parse(child.stdout.trim().split('\n').at(-1) ?? '{}') as SynthRun;
    console.log(`${result.seconds.toFixed(2)} s`);
    results.push(result);
  }
  const seconds = results.map((r) => r.seconds).sort((a, b) => a - b);
  const median = seconds[Math.floor(seconds.length / 2)] ?? 0;
  const peak = Math.max(...results.map((r) => r.peakRssMb));
  const stacks = results[0]?.stacks ?? [];

  console.log('\nSynthesis of every environment (cdk-nag and CloudFormation validation included)');
  console.log(
    `  wall time   min ${seconds[0]?.toFixed(2)} s, median ${median.toFixed(2)} s over ${runs} runs`,
  );
  console.log(`  peak memory ${peak.toFixed(0)} MB (resident, synthesizing process)`);
  console.log(`  stacks      ${stacks.length}, resources ${stacks.reduce((n, s) => n + s.resources, 0)}`);
  console.log('\nResources per stack');
  for (const stack of stacks)
    console.log(`  ${stack.path.padEnd(24)} ${String(stack.resources).padStart(4)}`);
});
