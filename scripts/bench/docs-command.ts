// `npm run docs` against `npm run synth`, each a whole process as a person starts it, in a copy of this
// checkout (so the repository's own docs are never touched): every picture is drawn at each docs run (its
// SVG is deleted first, so no committed picture is kept), as after a change to the CDK app; the charts and
// the Terraform modules' tables, whose inputs did not change, come from their caches (node_modules/.cache,
// filled by the first, untimed run). Interleaved runs, medians. Prints one JSON line.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gitFiles } from '../../lib/pipeline/zip-folder.ts';
import { type Figure, median } from './figures.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const RUNS = 3;
const scratch = mkdtempSync(path.join(tmpdir(), 'launchpad-bench-docs-command-'));
const copy = path.join(scratch, 'repo');
// The scratch copy goes whether the runs pass or fail.
process.on('exit', () => rmSync(scratch, { recursive: true, force: true }));

// The checkout's files as git sees them (tracked and new, not ignored), as pipeline-run zips them;
// node_modules shared by a link.
const files = gitFiles(ROOT);
if (!files)
  throw new Error(`${ROOT} is not a git work tree: the bench copies the checkout's files as git lists them.`);
for (const file of files) {
  mkdirSync(path.dirname(path.join(copy, file)), { recursive: true });
  cpSync(path.join(ROOT, file), path.join(copy, file));
}
symlinkSync(path.join(ROOT, 'node_modules'), path.join(copy, 'node_modules'), 'dir');

/** The seconds of each `render` line npm run docs printed: how long its pictures took, from the graph. */
const renders: number[] = [];
/** The seconds of each `synth` line npm run docs printed: its synthesis of the templates (no checks). */
const docsSynths: number[] = [];

/** Seconds one whole run of `node scripts/launch.mjs scripts/<name>.ts` takes in the copy. */
function run(name: 'synth' | 'docs'): number {
  if (name === 'docs') {
    const diagrams = path.join(copy, 'docs/diagrams');
    for (const f of readdirSync(diagrams).filter((f) => f.endsWith('.svg'))) rmSync(path.join(diagrams, f));
  }
  const started = performance.now();
  const child = spawnSync(process.execPath, ['scripts/launch.mjs', `scripts/${name}.ts`], {
    cwd: copy,
    encoding: 'utf8',
  });
  const seconds = (performance.now() - started) / 1000;
  if (child.status !== 0) throw new Error(`npm run ${name} failed in ${copy}:\n${child.stderr}`);
  const render = child.stdout.match(/^render\s+([\d.]+) s {2}\d+ rendered, 0 unchanged/m)?.[1];
  const synth = child.stdout.match(/^synth\s+([\d.]+) s /m)?.[1];
  if (name === 'docs') {
    renders.push(render === undefined ? Number.NaN : Number(render));
    docsSynths.push(synth === undefined ? Number.NaN : Number(synth));
  }
  return seconds;
}

// One run each first: the copy's command bundles are built then, as on a checkout's first start.
run('synth');
run('docs');
const synth: number[] = [];
const docs: number[] = [];
for (let i = 0; i < RUNS; i++) {
  synth.push(run('synth'));
  docs.push(run('docs'));
}
renders.shift(); // the untimed first run's
docsSynths.shift();
const figures: Figure[] = [
  {
    id: 'command.synth',
    label: 'npm run synth, whole process (templates, cdk-nag and CloudFormation checks)',
    value: median(synth),
    unit: 's',
  },
  {
    id: 'command.docs',
    label: 'npm run docs, whole process, every picture drawn (charts and .tf files unchanged)',
    value: median(docs),
    unit: 's',
  },
  {
    id: 'command.docs-ratio',
    label: '  npm run docs against npm run synth',
    value: median(docs) / median(synth),
    unit: '×',
    note: `(target ≤ 1.3; medians of ${RUNS} interleaved runs)`,
  },
  {
    id: 'command.docs-synth',
    label: '  its synthesis: the templates alone (cdk-nag and CloudFormation checks are npm run synth’s)',
    value: median(docsSynths),
    unit: 's',
  },
  {
    id: 'command.docs-after-synth',
    label: '  the rest of it: start-up, pictures, charts, pages',
    value: median(docs.map((seconds, i) => seconds - (docsSynths[i] ?? Number.NaN))),
    unit: 's',
  },
  {
    id: 'command.docs-render',
    label:
      '  its render step: every picture, from the graph to the files (elkjs warmed during the synthesis)',
    value: median(renders),
    unit: 's',
    note: '(target ≤ 1 s)',
  },
];
console.log(JSON.stringify({ title: 'npm run docs against npm run synth, whole commands', figures }));
