import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { actualCostMarkdown } from '../cost/actual/actual-cost-markdown.ts';
import { estimateMarkdown } from '../cost/report/estimate-markdown.ts';
import { badgeSvg } from '../evidence/badge.ts';
import { render } from '../render/liquid.ts';
import { type WriteResult, writeIfChanged } from '../render/write-if-changed.ts';
import type { DocsModel } from './docs-model.ts';
import { docsView } from './docs-view.ts';
import { fillRegions, region } from './generated-regions.ts';
import { ingestApiCollection } from './postman.ts';
import { addUserSections, PORTFOLIO_SECTIONS, type UserSection, userSection } from './user-sections.ts';

interface Page {
  /** Relative to the repository root. */
  readonly path: string;
  /** Template of a new page (holds the regions); absent for files people create themselves (README). */
  readonly skeleton?: string;
  readonly regions: Readonly<Record<string, string>>;
  /** Sections the person owns, added once with a prompt and never rewritten. @default none */
  readonly userSections?: readonly UserSection[];
}

export interface DocsResult {
  readonly files: readonly { readonly path: string; readonly result: WriteResult }[];
  readonly warnings: readonly string[];
}

/**
 * Writes the README's generated regions and the docs pages. Only generated regions change: what people
 * write outside them stays, and a run with the same inputs changes no byte.
 */
export function generateDocs(model: DocsModel, root: string): DocsResult {
  const view = docsView(model);
  const regionText = (name: string, depth: number) =>
    render(`docs/regions/${name}.md`, { ...view, root: '../'.repeat(depth) });
  const pages: Page[] = [
    {
      path: 'README.md',
      regions: Object.fromEntries(
        ['architecture', 'phases', 'verified-run', 'cost', 'outputs', 'technologies'].map((name) => [
          name,
          regionText(name, 0),
        ]),
      ),
    },
    {
      path: 'docs/architecture.md',
      skeleton: 'docs/pages/architecture.md',
      regions: { diagrams: regionText('diagrams', 1) },
    },
    {
      path: 'docs/cost.md',
      skeleton: 'docs/pages/cost.md',
      regions: {
        estimate: view.pricesMissing ? `${view.pricesMissing}\n` : estimateMarkdown(model.estimate),
        actual: actualRegion(model),
      },
    },
    {
      path: 'docs/portfolio.md',
      skeleton: 'docs/pages/portfolio.md',
      regions: {
        portfolio: render('docs/regions/portfolio.md', {
          ...view,
          root: '../',
          verifiedRun: regionText('verified-run', 1).trim(),
        }),
      },
      userSections: PORTFOLIO_SECTIONS,
    },
    ...(view.capstone
      ? [
          {
            path: 'docs/capstone.md',
            skeleton: 'docs/pages/capstone.md',
            regions: { capstone: regionText('capstone', 1) },
          },
        ]
      : []),
    ...view.phases
      .filter((phase) => phase.built)
      .map((phase) => ({
        path: `docs/phases/${phase.name}.md`,
        skeleton: 'docs/pages/phase.md',
        regions: { phase: render('docs/regions/phase.md', { ...view, phase, root: '../../' }) },
      })),
  ];

  const warnings: string[] = [];
  const files = pages.map((page) => {
    const file = path.join(root, page.path);
    const existing = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
    if (existing === undefined && !page.skeleton) {
      warnings.push(`${page.path} does not exist, so its generated regions were not written.`);
      return { path: page.path, result: 'unchanged' as const };
    }
    const base =
      existing ??
      render(page.skeleton ?? '', {
        ...view,
        phase: view.phases.find((p) => page.path.endsWith(`/${p.name}.md`)),
        sections: (page.userSections ?? []).map(userSection).join('\n\n'),
        regions: Object.keys(page.regions)
          .map((name) => region(name, ''))
          .join('\n\n'),
      });
    const owned = addUserSections(base, page.userSections ?? [], '<!-- BEGIN GENERATED: ');
    const { text, missing, moved } = fillRegions(owned, page.regions, page.path, () =>
      committed(root, page.path),
    );
    for (const line of moved) {
      warnings.push(
        `${page.path}:${line.line} was written inside the generated region "${line.region}", which every run rewrites; it now follows the region: ${JSON.stringify(line.text)}`,
      );
    }
    for (const name of missing) {
      warnings.push(
        `${page.path} has no "${name}" region, so it was not written: add <!-- BEGIN GENERATED: ${name} --> and <!-- END GENERATED: ${name} --> where it belongs.`,
      );
    }
    return { path: page.path, result: writeIfChanged(file, text) };
  });
  if (view.phases.some((p) => p.name === 'ingestion' && p.built)) {
    const collection = ingestApiCollection(
      view.names.ApiUrl?.startsWith('https://') ? view.names.ApiUrl : undefined,
      view.names_environment ?? 'dev',
    );
    const file = 'docs/postman/ingest-api.postman_collection.json';
    files.push({
      path: file,
      result: writeIfChanged(path.join(root, file), `${JSON.stringify(collection, null, 2)}\n`),
    });
  }
  for (const run of view.evidence.runs) {
    const svg = badgeSvg(
      `smoke ${run.environment}`,
      `${run.result} ${run.day}`,
      run.passed ? 'passed' : 'failed',
    );
    files.push({ path: run.badge, result: writeIfChanged(path.join(root, run.badge), svg) });
  }
  return { files, warnings };
}

/**
 * The file as last committed, which is what the generator wrote then (the docs are checked to be current):
 * the baseline that tells a line someone wrote inside a region from one the generator wrote. Undefined
 * outside a git work tree or for a file not committed yet.
 */
function committed(root: string, file: string): string | undefined {
  try {
    return execFileSync('git', ['show', `HEAD:./${file}`], {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch {
    return undefined;
  }
}

/** The estimate beside the real bill when the docs workflow fetched it; else how to see it. */
function actualRegion(model: DocsModel): string {
  if (model.actualCost) return actualCostMarkdown(model.actualCost, model.estimate);
  return [
    '### The estimate beside the bill',
    '',
    "With AWS credentials, `npm run cost -- --actual --env dev` shows each service's estimate beside its month-to-date and last month's actual cost (Cost Explorer, filtered by the `project` and `environment` tags). Each Cost Explorer request costs $0.01; answers are cached for the day. The docs workflow writes that comparison here when dev is deployed and its AWS credentials are set up.",
    '',
  ].join('\n');
}
