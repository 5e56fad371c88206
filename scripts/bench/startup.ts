// Start-up figures, each a whole process as a person starts it (npm's own start left out): a bare node start,
// a bare tsx start, npm run cost on a small template, npm run review on an existing assembly. Medians of interleaved runs, so
// that the machine's load touches each alike. It runs each command as the checkout's package.json says
// (tsx before issue 12, scripts/launch.mjs since), so it measures any checkout of this repository (the
// baseline's figures came from the commit before issue 12). Prints one JSON line.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type FigureGroup, median } from './figures.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');
const assemblyDir = process.argv[2];
if (!assemblyDir) throw new Error('usage: tsx scripts/bench/startup.ts <cloud assembly dir>');
const RUNS = 7;

const scratch = mkdtempSync(path.join(tmpdir(), 'launchpad-bench-startup-'));
const empty = path.join(scratch, 'empty.ts');
writeFileSync(empty, '');
const template = path.join(scratch, 'small.yaml');
writeFileSync(
  template,
  [
    'Resources:',
    '  Queue:',
    '    Type: AWS::SQS::Queue',
    '  Fn:',
    '    Type: AWS::Lambda::Function',
    '    Properties:',
    '      MemorySize: 256',
    '  Robot:',
    '    Type: AWS::RoboMaker::Robot',
  ].join('\n'),
);

/** The command line of an npm script of this checkout, e.g. `node scripts/launch.mjs scripts/cost.ts`. */
function npmScript(name: string): string[] {
  const scripts = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).scripts;
  const [program = '', ...args] = String(scripts[name]).split(' ');
  return [program === 'node' ? process.execPath : program === 'tsx' ? TSX : program, ...args];
}

const commands = {
  node: [process.execPath, '-e', '0'],
  bare: [TSX, empty],
  cost: [...npmScript('cost'), '--template', template],
  review: [...npmScript('review'), '--assembly', assemblyDir],
};
/** Seconds one whole run of a command line takes. */
function timed([program = '', ...args]: readonly string[], env: Record<string, string> = {}): number {
  const started = performance.now();
  const run = spawnSync(program, args, {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, AWS_EC2_METADATA_DISABLED: 'true', ...env },
  });
  if (run.status !== 0) throw new Error(`${program} ${args.join(' ')} failed:\n${run.stderr}`);
  return (performance.now() - started) / 1000;
}

// The first start after a change of the sources: scripts/launch.mjs bundles the command before running it.
const costFirst = timed(commands.cost, { LAUNCH_REBUILD: '1' });
const samples: Record<keyof typeof commands, number[]> = { node: [], bare: [], cost: [], review: [] };
for (let i = 0; i < RUNS; i++) {
  for (const [name, command] of Object.entries(commands) as [keyof typeof commands, string[]][]) {
    samples[name].push(timed(command));
  }
}
rmSync(scratch, { recursive: true, force: true });

const [node, bare, cost, review] = [
  median(samples.node),
  median(samples.bare),
  median(samples.cost),
  median(samples.review),
];
const group: FigureGroup = {
  title: `Start-up, whole processes (median of ${RUNS} interleaved runs)`,
  figures: [
    { id: 'startup.node', label: 'a bare node start (node -e 0)', value: node, unit: 's' },
    { id: 'startup.tsx', label: 'a bare tsx start (an empty script)', value: bare, unit: 's' },
    {
      id: 'startup.cost-template',
      label: 'npm run cost -- --template (3 resources, YAML)',
      value: cost,
      unit: 's',
    },
    {
      id: 'startup.cost-template-first',
      label: '  its first start after a change of the sources',
      value: costFirst,
      unit: 's',
    },
    {
      id: 'startup.cost-ratio',
      label: '  against a bare tsx start',
      value: cost / bare,
      unit: '×',
      note: '(target <= 1.5×)',
    },
    { id: 'startup.cost-node-ratio', label: '  against a bare node start', value: cost / node, unit: '×' },
    {
      id: 'startup.review-assembly',
      label: 'npm run review -- --assembly (every environment)',
      value: review,
      unit: 's',
    },
  ],
};
console.log(JSON.stringify(group));
