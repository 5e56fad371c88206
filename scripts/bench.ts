// `npm run bench`: speed and memory figures, printed, never asserted (shared machines are noisy).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { runCli } from './run-cli.ts';

const HELP = `Usage: npm run bench -- [--runs <n>]

Prints benchmark figures, each part in a fresh process so its peak memory is its own:
  - synthesis of every environment: wall time (every run cold), peak memory, resources per stack;
  - the cost engine: estimate of every environment, of a generated 5,000-resource template, and a diff;
  - the diagrams (graph, Mermaid, rendering with each renderer) and a cold npm run docs, step by step;
  - the custom actions: bundling them, a whole run of the cost action, pipeline-run's source zip.

  --runs <n>   synthesis runs to time (default 3)
  -h, --help   show this help`;

/** Benchmarks that take the synthesized assembly's path and print `{ title, figures }` as their last line. */
const FIGURE_SCRIPTS = [
  'scripts/bench/cost.ts',
  'scripts/bench/cost-memory.ts',
  'scripts/bench/docs.ts',
  'scripts/bench/actions.ts',
];

interface SynthRun {
  seconds: number;
  peakRssMb: number;
  stacks: { path: string; resources: number }[];
}

interface Figures {
  title: string;
  figures: [string, string][];
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

  const assembly = mkdtempSync(path.join(tmpdir(), 'launchpad-bench-'));
  try {
    const results: SynthRun[] = [];
    for (let i = 1; i <= runs; i++) {
      process.stdout.write(`synth run ${i}/${runs} ... `);
      const result = lastJsonLine<SynthRun>('scripts/bench/synth-all.ts', assembly);
      console.log(`${result.seconds.toFixed(2)} s`);
      results.push(result);
    }
    printSynthesis(results);
    for (const script of FIGURE_SCRIPTS) {
      process.stdout.write(`\nrunning ${script} ... `);
      const synthMedian =
        results.map((r) => r.seconds).sort((a, b) => a - b)[Math.floor(results.length / 2)] ?? 0;
      const { title, figures } = lastJsonLine<Figures>(script, assembly, String(synthMedian));
      console.log(`done\n${title}`);
      const width = Math.max(...figures.map(([label]) => label.length));
      for (const [label, value] of figures) console.log(`  ${label.padEnd(width)}  ${value}`);
    }
  } finally {
    rmSync(assembly, { recursive: true, force: true });
  }
});

function lastJsonLine<T>(script: string, ...args: string[]): T {
  const child = spawnSync('node_modules/.bin/tsx', [script, ...args], { encoding: 'utf8' });
  if (child.status !== 0) throw new Error(`${script} failed:\n${child.stderr}`);
  return JSON.parse(child.stdout.trim().split('\n').at(-1) ?? '{}') as T;
}

function printSynthesis(results: SynthRun[]): void {
  const seconds = results.map((r) => r.seconds).sort((a, b) => a - b);
  const median = seconds[Math.floor(seconds.length / 2)] ?? 0;
  const stacks = results[0]?.stacks ?? [];
  console.log('\nSynthesis of every environment (cdk-nag and CloudFormation validation included)');
  console.log(
    `  wall time   min ${seconds[0]?.toFixed(2)} s, median ${median.toFixed(2)} s over ${results.length} runs`,
  );
  console.log(
    `  peak memory ${Math.max(...results.map((r) => r.peakRssMb)).toFixed(0)} MB (resident, synthesizing process)`,
  );
  console.log(`  stacks      ${stacks.length}, resources ${stacks.reduce((n, s) => n + s.resources, 0)}`);
  console.log('\nResources per stack');
  for (const stack of stacks)
    console.log(`  ${stack.path.padEnd(24)} ${String(stack.resources).padStart(4)}`);
}
