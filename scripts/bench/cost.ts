// Cost-engine figures, in their own process (so no CDK in memory): estimate of every environment of the
// given cloud assembly, of a generated 5,000-resource template, and the diff of two. Prints one JSON line.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readAssembly, readTemplateFile } from '../../lib/assembly/index.ts';
import { loadCatalog } from '../../lib/cost/catalog/load-catalog.ts';
import { diffEstimates } from '../../lib/cost/diff/diff.ts';
import { estimate } from '../../lib/cost/estimate/estimate.ts';
import { diffMarkdown } from '../../lib/cost/report/diff-markdown.ts';
import { estimateMarkdown } from '../../lib/cost/report/estimate-markdown.ts';
import { environmentUsageFile } from '../../lib/cost/usage/usage-file.ts';
import type { FigureGroup } from './figures.ts';
import { generatedTemplate } from './generated-template.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'launchpad-bench-cost-'));
const options = {
  catalogFor: (region: string) => loadCatalog(region),
  usageFor: (env: string) => environmentUsageFile(env),
};

/** Median milliseconds of `runs` calls, after one warm-up call (start-up is not what is measured). */
function time<T>(runs: number, action: () => T): { ms: number; result: T } {
  let result = action();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    result = action();
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  return { ms: samples[Math.floor(samples.length / 2)] ?? 0, result };
}

const assemblyDir = process.argv[2];
if (!assemblyDir) throw new Error('usage: tsx scripts/bench/cost.ts <cloud assembly dir>');
const inventory = readAssembly(assemblyDir);
const whole = time(20, () => estimateMarkdown(estimate(readAssembly(assemblyDir), options)));
const estimateOnly = time(20, () => estimate(inventory, options));

const baseFile = path.join(dir, 'base.json');
const headFile = path.join(dir, 'head.json');
writeFileSync(baseFile, JSON.stringify(generatedTemplate(5000, 128)));
writeFileSync(headFile, JSON.stringify(generatedTemplate(5000, 256)));
const large = time(5, () => estimate(readTemplateFile(baseFile), options));
const head = estimate(readTemplateFile(headFile), options);
const diff = time(5, () => diffMarkdown(diffEstimates(large.result, head), head));
rmSync(dir, { recursive: true, force: true });

const group: FigureGroup = {
  title: 'Cost engine (after start-up, median of repeated runs)',
  figures: [
    {
      id: 'cost.assembly',
      label: `all environments (${inventory.stacks.length} stacks): read + estimate + Markdown`,
      value: whole.ms,
      unit: 'ms',
      note: '(target < 300 ms)',
    },
    { id: 'cost.estimate', label: '  of which the estimate alone', value: estimateOnly.ms, unit: 'ms' },
    {
      id: 'cost.large-template',
      label: '5,000-resource template: read + estimate',
      value: large.ms,
      unit: 'ms',
      note: '(target < 1,000 ms)',
    },
    {
      id: 'cost.large-diff',
      label: `diff of two 5,000-resource estimates + comment (${diff.result.length.toLocaleString('en-US')} chars)`,
      value: diff.ms,
      unit: 'ms',
    },
  ],
};
console.log(JSON.stringify(group));
