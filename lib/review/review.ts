import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Inventory } from '../assembly/types.ts';
import { ConfigError } from '../config/config-error.ts';
import { missingPricesMarkdown } from '../cost/catalog/missing-prices.ts';
import { diffEstimates } from '../cost/diff/diff.ts';
import type { Estimate } from '../cost/estimate/estimate-types.ts';
import { COST_COMMENT_MARKER, diffMarkdown } from '../cost/report/diff-markdown.ts';
import { estimateMarkdown } from '../cost/report/estimate-markdown.ts';
import { readEstimateFile } from '../cost/run-cost.ts';
import type { ArchitectureGraph } from '../diagram/graph-types.ts';
import {
  buildGraph,
  type DiagramConfig,
  diffGraphs,
  diffMermaid,
  isUnchanged,
  stacksOf,
} from '../diagram/index.ts';
import { render } from '../render/liquid.ts';

/** What a pull request is judged on: its cost and its architecture (the JSON `npm run review -- --out` writes). */
export interface Review {
  readonly schemaVersion: 1;
  readonly estimate: Estimate;
  readonly architecture: ArchitectureGraph;
}

export function buildReview(
  inventory: Inventory,
  estimate: Estimate,
  diagram: DiagramConfig,
  environment?: string,
): Review {
  const env = environment ?? diagram.environment;
  return {
    schemaVersion: 1,
    estimate,
    architecture: buildGraph(stacksOf(inventory.stacks, env), { ...diagram, environment: env }),
  };
}

/** Reads an earlier `npm run review -- --out` file; a plain estimate (`npm run cost -- --format json`) is accepted too. */
export function readReviewFile(file: string): { estimate: Estimate; architecture?: ArchitectureGraph } {
  const shown = path.relative(process.cwd(), path.resolve(file));
  if (!existsSync(file)) {
    throw new ConfigError(shown, [
      {
        pointer: '',
        expected: 'a review file',
        found: 'no such file',
        hint: 'Write one with: npm run review -- --out <file>',
      },
    ]);
  }
  let data: Partial<Review>;
  try {
    data = JSON.parse(readFileSync(file, 'utf8').replace(/^\uFEFF/, '')) as Partial<Review>;
  } catch (error) {
    throw new ConfigError(shown, [
      {
        pointer: '',
        expected: 'JSON',
        found: `text that is not (${(error as Error).message.split('\n')[0]}), perhaps cut short`,
        hint: 'Write it again with: npm run review -- --out <file>',
      },
    ]);
  }
  if (data.schemaVersion === 1 && data.estimate && data.architecture) {
    return { estimate: data.estimate, architecture: data.architecture };
  }
  return { estimate: readEstimateFile(file) };
}

/**
 * The pull-request comment: what the change does to the bill, then what it does to the architecture (the
 * head's diagram with added parts in green and removed ones in red). Without a base: the head's estimate.
 */
export function reviewMarkdown(
  head: Review,
  base?: { estimate: Estimate; architecture?: ArchitectureGraph },
  /** Regions without prices: the cost part says how to fetch them instead of showing partial figures. */
  missingPrices: readonly string[] = [],
): string {
  const cost =
    missingPrices.length > 0
      ? unpricedMarkdown(missingPrices, base !== undefined)
      : base
        ? diffMarkdown(diffEstimates(base.estimate, head.estimate), head.estimate)
        : estimateMarkdown(head.estimate);
  if (!base?.architecture) return cost;
  const diff = diffGraphs(base.architecture, head.architecture);
  const labelOf = new Map(
    [...base.architecture.nodes, ...head.architecture.nodes].map((n) => [n.id, n.label]),
  );
  const architecture = render('review/architecture-diff.md', {
    environment: head.architecture.environment,
    unchanged: isUnchanged(diff),
    mermaid: diffMermaid(base.architecture, head.architecture).trim(),
    ...diff,
    edgeChanges: [
      ...diff.addedEdges.map((e) => ({ ...e, sign: '➕' })),
      ...diff.removedEdges.map((e) => ({ ...e, sign: '➖' })),
    ].map((e) => ({ ...e, from: labelOf.get(e.from) ?? e.from, to: labelOf.get(e.to) ?? e.to })),
  });
  return `${cost.trimEnd()}\n\n${architecture}`;
}

/** The cost part when a region has no prices: same heading (and comment marker) as the priced one, then why and the fix. */
function unpricedMarkdown(regions: readonly string[], pullRequest: boolean): string {
  const heading = pullRequest
    ? `${COST_COMMENT_MARKER}\n## 💰 Cost estimate of this pull request`
    : '## Monthly cost estimate';
  return `${heading}\n\n${missingPricesMarkdown(regions)}`;
}
