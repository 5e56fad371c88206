import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { readAssembly } from '../assembly/index.ts';
import { catalogsWithGaps } from '../cost/catalog/missing-prices.ts';
import { runCost } from '../cost/run-cost.ts';
import { loadDiagramConfig } from '../diagram/index.ts';
import { buildReview, type Review, readReviewFile, reviewMarkdown } from './review.ts';

export interface ReviewRequest {
  /** The synthesized cloud assembly of the change. */
  readonly assembly: string;
  /** A base review (or plain estimate) file to compare with: the pull request's base. */
  readonly compareTo?: string;
  /** Environment whose architecture is compared. @default config/diagram.json's */
  readonly environment?: string;
  /** Write the review JSON here, for a later comparison. */
  readonly out?: string;
  readonly onProgress?: (line: string) => void;
}

export interface ReviewResult {
  readonly review: Review;
  readonly markdown: string;
  readonly monthly: number;
  /** Head minus base, when there is a base. */
  readonly monthlyChange?: number;
}

/** The review behind `npm run review` and the cost action: estimate and architecture, compared with a base. */
export function runReview(request: ReviewRequest): ReviewResult {
  // A region without prices still gets its comment: the cost part says so instead of showing partial totals.
  const catalogs = catalogsWithGaps();
  const { estimate } = runCost({
    assembly: request.assembly,
    onProgress: request.onProgress,
    catalogFor: catalogs.catalogFor,
  });
  const review = buildReview(
    readAssembly(path.resolve(request.assembly)),
    estimate,
    loadDiagramConfig(),
    request.environment,
  );
  if (request.out) writeFileSync(request.out, `${JSON.stringify(review, null, 2)}\n`);
  const base = request.compareTo ? readReviewFile(request.compareTo) : undefined;
  return {
    review,
    markdown: reviewMarkdown(review, base, catalogs.missing()),
    monthly: estimate.totals.monthly,
    monthlyChange: base ? estimate.totals.monthly - base.estimate.totals.monthly : undefined,
  };
}
