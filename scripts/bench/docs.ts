// Diagram and docs figures, in their own process: inventory → graph → Mermaid, the pictures with AWS icons
// (cold: elkjs loaded and compiled in the timing, then warm), rendering with each Mermaid renderer, and one
// cold `npm run docs` after synthesis with its steps. Prints one JSON line.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readAssembly } from '../../lib/assembly/index.ts';
import { buildGraph, loadDiagramConfig, mermaidDiagrams, stacksOf } from '../../lib/diagram/index.ts';
import { fixtureDiagramSet } from '../../lib/diagram/render/fixtures/fixture.ts';
import { type RendererName, renderDiagrams } from '../../lib/diagram/render/render-diagrams.ts';
import { runDocs } from '../../lib/docs/run-docs.ts';
import type { Figure } from './figures.ts';

const assemblyDir = process.argv[2];
if (!assemblyDir) throw new Error('usage: tsx scripts/bench/docs.ts <cloud assembly dir>');
const ROOT = path.resolve(import.meta.dirname, '../..');
const scratch = mkdtempSync(path.join(tmpdir(), 'launchpad-bench-docs-'));
const figures: Figure[] = [];

// Inventory → graph → Mermaid of every phase, after one warm-up, median of 20.
const config = loadDiagramConfig();
const draw = () =>
  mermaidDiagrams(buildGraph(stacksOf(readAssembly(assemblyDir).stacks, config.environment), config), config);
let diagrams = draw();
const samples = Array.from({ length: 20 }, () => {
  const started = performance.now();
  diagrams = draw();
  return performance.now() - started;
}).sort((a, b) => a - b);
figures.push({
  id: 'diagrams.mermaid',
  label: `inventory + graph + Mermaid (${Object.keys(diagrams).length} diagrams of ${config.environment})`,
  value: samples[10] ?? Number.NaN,
  unit: 'ms',
  note: '(target < 200 ms)',
});

// The pictures `npm run docs` draws by default, as it draws them: all at once (layouts in elkjs's own process,
// PNGs on the thread pool), cold (the process has not loaded elkjs yet).
{
  const started = performance.now();
  const { drawPicture } = await import('../../lib/diagram/picture/index.ts');
  const { findSansFont } = await import('../../lib/diagram/render/fonts.ts');
  const font = findSansFont();
  await Promise.all(
    Object.entries(diagrams).map(([name, d]) => drawPicture(d.picture, name, name, font, d.pictureLayout)),
  );
  const cold = (performance.now() - started) / 1000;
  figures.push({
    id: 'render.pictures.template',
    label: `draw ${Object.keys(diagrams).length} pictures (AWS icons, elkjs): SVG + PNG + draw.io, cold`,
    value: cold,
    unit: 's',
    note: '(in a process of its own: elkjs compiled in the timing; npm run docs warms it up first)',
  });
  const again = performance.now();
  await Promise.all(
    Object.entries(diagrams).map(([name, d]) => drawPicture(d.picture, name, name, font, d.pictureLayout)),
  );
  figures.push({
    id: 'render.pictures.template-warm',
    label: '  the same again in that process (elkjs loaded and compiled)',
    value: (performance.now() - again) / 1000,
    unit: 's',
  });
}

// Rendering with the Mermaid renderers (asked for by name only): the template's diagrams and a seven-diagram set (overview + six phases, ~25 nodes each).
const sets = {
  template: {
    label: 'this template',
    set: Object.entries(diagrams).map(([name, d]) => ({ name, mermaid: d.mermaid })),
  },
  fixture: { label: '7 × 25-node fixture', set: fixtureDiagramSet(7) },
};
for (const renderer of ['mermaid-cli', 'embedded'] as RendererName[]) {
  const target = `(target < ${renderer === 'embedded' ? 1 : 5} s)`;
  for (const [key, { label, set }] of Object.entries(sets)) {
    const id = `render.${renderer}.${key}`;
    const title = `render ${set.length} (${label}) with ${renderer}, SVG + PNG`;
    try {
      const { timings } = await renderDiagrams(set, { outDir: path.join(scratch, renderer), renderer });
      const first = timings.diagrams[0]?.ms ?? 0;
      const rest = timings.diagrams.slice(1).map((d) => d.ms);
      const each = rest.length
        ? ` then ${(rest.reduce((a, b) => a + b, 0) / rest.length / 1000).toFixed(2)} s each`
        : '';
      figures.push({
        id,
        label: title,
        value: timings.totalMs / 1000,
        unit: 's',
        note: `start ${(timings.startupMs / 1000).toFixed(2)} s, first ${(first / 1000).toFixed(2)} s${each} ${target}`,
      });
    } catch (error) {
      const why = `not measured: ${(error as Error).message.split('\n')[0]}`;
      figures.push({ id, label: title, value: Number.NaN, unit: 's', note: why });
    }
  }
}

// A cold docs run: a copy of README and docs/ without images, so every diagram is drawn.
const root = path.join(scratch, 'repo');
cpSync(path.join(ROOT, 'README.md'), path.join(root, 'README.md'));
cpSync(path.join(ROOT, 'docs'), path.join(root, 'docs'), { recursive: true });
rmSync(path.join(root, 'docs/diagrams'), { recursive: true, force: true });
const steps: [string, number][] = [];
const docsStarted = performance.now();
await runDocs({ root, assemblyDir, onStep: (step, ms) => steps.push([step, ms]) });
const docsSeconds = (performance.now() - docsStarted) / 1000;
figures.push({
  id: 'docs.cold',
  label:
    'npm run docs after its synthesis, every picture drawn (elkjs warm from the figures above; no browser)',
  value: docsSeconds,
  unit: 's',
});
// The pictures are drawn while the charts, pages and module READMEs are written: the steps overlap.
for (const [step, ms] of steps) {
  figures.push({
    id: `docs.cold.${step}`,
    label: `  ${step}`,
    value: ms / 1000,
    unit: 's',
    note: step === 'render' ? '(from its start to its end, beside the steps after it)' : undefined,
  });
}
rmSync(scratch, { recursive: true, force: true });
console.log(JSON.stringify({ title: 'Diagrams and docs', figures }));
