import { render } from '../../render/liquid.ts';
import type { EstimateDiff } from '../diff/diff.ts';
import type { Estimate } from '../estimate/estimate-types.ts';
import { resourceName } from './estimate-markdown.ts';

/** Hidden marker that identifies the cost comment on a pull request. */
export const COST_COMMENT_MARKER = '<!-- aws-data-launchpad:cost-estimate -->';

/** The pull-request comment: totals before → after, per environment, and every changed resource and component. */
export function diffMarkdown(diff: EstimateDiff, head: Estimate): string {
  return render('cost/diff.md', {
    ...diff,
    marker: COST_COMMENT_MARKER,
    resources: diff.resources.map((r) => ({ ...r, name: `${r.environment}: ${resourceName(r.resource)}` })),
    catalogs: head.catalogs
      .map(
        (c) =>
          `${c.region} ${c.origin === 'bundled-snapshot' ? 'snapshot' : 'Price List API'} ${c.generatedAt}`,
      )
      .join(', '),
  });
}
