import { render } from '../../render/liquid.ts';
import { COST_COMMENT_MARKER, diffMarkdown } from '../report/diff-markdown.ts';
import type { PlanCostResult } from './plan-cost.ts';

/**
 * Hidden marker of one workspace's plan comment. Its own comment, not a section of the cost comment: the plan
 * runs in terraform.yml, one job per workspace, while the cost comment belongs to pull-request-review.yml; each
 * job then updates its own comment and none waits for, or overwrites, another's.
 */
export function terraformPlanMarker(environment: string): string {
  return `<!-- aws-data-launchpad:terraform-plan:${environment} -->`;
}

/** The pull-request comment of a plan: what it adds, changes and destroys, and what that does to the bill. */
export function planMarkdown(result: PlanCostResult): string {
  // The cost diff's own table, without the marker, heading and footer of the CDK track's cost comment.
  const costDiff = diffMarkdown(result.diff, result.estimate)
    .replace(`${COST_COMMENT_MARKER}\n`, '')
    .replace(/^## .*\n/, '')
    .replace(/^<sub>Estimated offline.*\n/m, '');
  return render('cost/terraform-plan.md', {
    marker: terraformPlanMarker(result.environment),
    environment: result.environment,
    summary: result.summary,
    costDiff,
    notPriced: result.estimate.notPriced.map((t) => `${t.type} ×${t.count}`),
    catalogs: result.estimate.catalogs.map((c) => `${c.region} ${c.generatedAt}`).join(', '),
  });
}
