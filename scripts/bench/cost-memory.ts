// Peak memory of one cost run on a generated 5,000-resource template (read, estimate, Markdown), alone in
// its process so nothing else is counted. Prints one JSON line for scripts/bench.ts.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readTemplateFile } from '../../lib/assembly/index.ts';
import { loadCatalog } from '../../lib/cost/catalog/load-catalog.ts';
import { estimate } from '../../lib/cost/estimate/estimate.ts';
import { estimateMarkdown } from '../../lib/cost/report/estimate-markdown.ts';
import type { FigureGroup } from './figures.ts';
import { generatedTemplate } from './generated-template.ts';

const before = process.memoryUsage().rss / 1048576;
const dir = mkdtempSync(path.join(tmpdir(), 'launchpad-bench-memory-'));
const file = path.join(dir, 'template.json');
writeFileSync(file, JSON.stringify(generatedTemplate(5000, 128)));
const markdown = estimateMarkdown(
  estimate(readTemplateFile(file), { catalogFor: (region) => loadCatalog(region) }),
);
rmSync(dir, { recursive: true, force: true });
const peak = process.resourceUsage().maxRSS / 1024;
const group: FigureGroup = {
  title: 'Cost engine memory: one run on a 5,000-resource template',
  figures: [
    {
      id: 'cost-memory.peak',
      label: 'peak resident memory of the process',
      value: peak,
      unit: 'MB',
      note: '(target < 200 MB)',
    },
    {
      id: 'cost-memory.start',
      label: '  of which Node and the TypeScript loader at start',
      value: before,
      unit: 'MB',
    },
    { id: 'cost-memory.report', label: 'Markdown report written', value: markdown.length / 1024, unit: 'KB' },
  ],
};
console.log(JSON.stringify(group));
