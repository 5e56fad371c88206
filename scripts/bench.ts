// `npm run bench`: speed and memory figures beside the baseline's, printed, never asserted (shared machines
// are noisy).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { type Figure, type FigureGroup, formatGroup, formatValue, median } from './bench/figures.ts';
import { runCli } from './run-cli.ts';

const HELP = `Usage: npm run bench -- [--runs <n>]

Prints benchmark figures, each part in a fresh process so its peak memory is its own, beside the figures
of scripts/bench/baseline.json (the commit before issue 12), then the issues' targets, passed or not:
  - synthesis of every environment: wall time (every run cold), peak memory, resources per stack;
  - start-up: a bare node and tsx start, npm run cost on a small template, npm run review on an assembly;
  - the cost engine: estimate of every environment, of a generated 5,000-resource template, and a diff;
  - the price refresh reading a generated 100 MiB offer file (50,000 products) as it streams in;
  - the diagrams (graph, Mermaid, the pictures with AWS icons, each Mermaid renderer) and a cold
    npm run docs after its synthesis, step by step;
  - npm run docs (every picture drawn) against npm run synth, whole commands, in a copy of the checkout;
  - the custom actions: their one build, a whole run of the cost action, pipeline-run's source zip.
Figures are medians of several runs: the machines these run on are shared, so small changes are noise.

  --runs <n>   synthesis runs to time (default 3)
  -h, --help   show this help`;

/** Benchmarks that take the synthesized assembly's path and print a FigureGroup as their last line. */
const FIGURE_SCRIPTS = [
  'scripts/bench/startup.ts',
  'scripts/bench/cost.ts',
  'scripts/bench/cost-memory.ts',
  'scripts/bench/offer-file.ts',
  'scripts/bench/docs.ts',
  'scripts/bench/docs-command.ts',
  'scripts/bench/actions.ts',
];

interface SynthRun {
  seconds: number;
  peakRssMb: number;
  stacks: { path: string; resources: number }[];
}

/** The figures of the commit before issue 12, measured on the same kind of machine. */
interface Baseline {
  commit: string;
  measured: string;
  machine: string;
  method: string;
  figures: Record<string, number>;
}
const baseline = JSON.parse(
  readFileSync(path.join(import.meta.dirname, 'bench/baseline.json'), 'utf8'),
) as Baseline;

/** The targets of issues 12 and 16: the figure, and the most it may be. */
const TARGETS: { id: string; label: string; max: number }[] = [
  { id: 'startup.cost-ratio', label: 'npm run cost -- --template, against a bare tsx start', max: 1.5 },
  { id: 'actions.cost-run', label: "the cost action's whole run on an assembly", max: 1 },
  { id: 'actions.size', label: 'committed action bundles', max: 2.5 },
  {
    id: 'command.docs-render',
    label: 'drawing every picture in npm run docs (from the graph to the files)',
    max: 1,
  },
  {
    id: 'command.docs-ratio',
    label: 'npm run docs with every picture drawn, against npm run synth (whole commands)',
    max: 1.3,
  },
];

runCli(HELP, (argv) => {
  const { values } = parseArgs({
    args: argv,
    options: { runs: { type: 'string', default: '3' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) return console.log(HELP);
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1)
    throw new Error(`--runs must be a whole number >= 1, got ${values.runs}`);

  console.log(
    `Figures now / before: before is ${baseline.commit} (${baseline.measured}), ${baseline.method}`,
  );
  console.log(`Machine: ${baseline.machine}\n`);
  const assembly = mkdtempSync(path.join(tmpdir(), 'launchpad-bench-'));
  const figures: Figure[] = [];
  const print = (group: FigureGroup) => {
    console.log(formatGroup(group, baseline.figures).join('\n'));
    figures.push(...group.figures);
  };
  try {
    const results: SynthRun[] = [];
    for (let i = 1; i <= runs; i++) {
      process.stdout.write(`synth run ${i}/${runs} ... `);
      const result = lastJsonLine<SynthRun>('scripts/bench/synth-all.ts', assembly);
      console.log(`${result.seconds.toFixed(2)} s`);
      results.push(result);
    }
    const synthMedian = median(results.map((r) => r.seconds));
    print(synthesisFigures(results, synthMedian));
    printStacks(results[0]?.stacks ?? []);
    for (const script of FIGURE_SCRIPTS) {
      process.stdout.write(`\nrunning ${script} ... `);
      const group = lastJsonLine<FigureGroup>(script, assembly);
      console.log('done');
      print(group);
    }
  } finally {
    rmSync(assembly, { recursive: true, force: true });
  }
  console.log('\nTargets of issues 12 and 16');
  const width = Math.max(...TARGETS.map((t) => t.label.length));
  for (const target of TARGETS) {
    const figure = figures.find((f) => f.id === target.id);
    const value = figure?.value ?? Number.NaN;
    const unit = figure?.unit ?? '';
    const verdict = Number.isNaN(value) ? 'not measured' : value <= target.max ? 'pass' : 'FAIL';
    console.log(
      `  ${target.label.padEnd(width)}  ${formatValue(value, unit)} (<= ${formatValue(target.max, unit)})  ${verdict}`,
    );
  }
});

function lastJsonLine<T>(script: string, ...args: string[]): T {
  const child = spawnSync('node_modules/.bin/tsx', [script, ...args], { encoding: 'utf8' });
  if (child.status !== 0) throw new Error(`${script} failed:\n${child.stderr}`);
  return JSON.parse(child.stdout.trim().split('\n').at(-1) ?? '{}') as T;
}

function synthesisFigures(results: SynthRun[], medianSeconds: number): FigureGroup {
  const stacks = results[0]?.stacks ?? [];
  return {
    title: `\nSynthesis of every environment (cdk-nag and CloudFormation validation included; median of ${results.length})`,
    figures: [
      {
        id: 'synth.wall',
        label: 'wall time',
        value: medianSeconds,
        unit: 's',
        note: `min ${Math.min(...results.map((r) => r.seconds)).toFixed(2)} s`,
      },
      {
        id: 'synth.peak-memory',
        label: 'peak memory (resident, synthesizing process)',
        value: Math.max(...results.map((r) => r.peakRssMb)),
        unit: 'MB',
      },
      { id: 'synth.stacks', label: 'stacks', value: stacks.length, unit: '' },
      {
        id: 'synth.resources',
        label: 'resources',
        value: stacks.reduce((n, s) => n + s.resources, 0),
        unit: '',
      },
    ],
  };
}

function printStacks(stacks: SynthRun['stacks']): void {
  console.log('Resources per stack');
  for (const stack of stacks)
    console.log(`  ${stack.path.padEnd(24)} ${String(stack.resources).padStart(4)}`);
}
