import { render } from '../../render/liquid.ts';
import type { EstimateDiff } from '../diff/diff.ts';
import type { Estimate } from '../estimate/estimate-types.ts';
import { resourceName } from './estimate-markdown.ts';

/** Hidden marker that identifies the cost comment on a pull request. */
export const COST_COMMENT_MARKER = '<!-- aws-data-launchpad:cost-estimate -->';

/** Changed resources listed one by one; GitHub comments hold 65,536 characters, and people read the top of a list. */
export const MAX_RESOURCE_ROWS = 50;

/** The pull-request comment: totals before → after, per environment, and the changed resources with their components. */
export function diffMarkdown(diff: EstimateDiff, head: Estimate): string {
  const hidden = diff.resources.slice(MAX_RESOURCE_ROWS);
  return render('cost/diff.md', {
    ...diff,
    marker: COST_COMMENT_MARKER,
    changedCount: diff.resources.length,
    resources: diff.resources
      .slice(0, MAX_RESOURCE_ROWS)
      .map((r) => ({ ...r, name: `${r.environment}: ${resourceName(r.resource)}` })),
    hidden: { count: hidden.length, delta: hidden.reduce((sum, r) => sum + r.delta, 0) },
    catalogs: head.catalogs
      .map(
        (c) =>
          `${c.region} ${c.origin === 'bundled-snapshot' ? 'snapshot' : 'Price List API'} ${c.generatedAt}`,
      )
      .join(', '),
  });
}
