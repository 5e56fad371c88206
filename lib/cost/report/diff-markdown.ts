import { render } from '../../render/liquid.ts';
import type { EstimateDiff, ResourceDelta } from '../diff/diff.ts';
import type { Estimate } from '../estimate/estimate-types.ts';
import { resourceName } from './estimate-markdown.ts';

/** Hidden marker that identifies the cost comment on a pull request. */
export const COST_COMMENT_MARKER = '<!-- aws-data-launchpad:cost-estimate -->';

/** Changed resources listed one by one; GitHub comments hold 65,536 characters, and people read the top of a list. */
export const MAX_RESOURCE_ROWS = 50;

/** More rows than this and the changed-resources table starts closed. */
const OPEN_TABLE_ROWS = 15;

/**
 * The pull-request comment: totals before → after, per environment, and the changed resources with their
 * components. Resources that cost nothing are folded into one line per change kind ("26 free resources added:
 * EC2 Subnet ×2, …"), so the rows people read are the ones that move the bill: priced first, largest first,
 * then those the estimate cannot price.
 */
export function diffMarkdown(diff: EstimateDiff, head: Estimate): string {
  const listed = diff.resources
    .filter((r) => !isFree(r))
    .map((r, order) => ({ r, order }))
    .sort((a, b) => rank(a.r) - rank(b.r) || a.order - b.order)
    .map(({ r }) => r);
  const hidden = listed.slice(MAX_RESOURCE_ROWS);
  const folded = foldFree(diff.resources.filter(isFree));
  return render('cost/diff.md', {
    ...diff,
    marker: COST_COMMENT_MARKER,
    changedCount: diff.resources.length,
    open: Math.min(listed.length, MAX_RESOURCE_ROWS) + folded.length <= OPEN_TABLE_ROWS,
    resources: listed
      .slice(0, MAX_RESOURCE_ROWS)
      .map((r) => ({ ...r, name: `${r.environment}: ${resourceName(r.resource)}` })),
    folded,
    hidden: { count: hidden.length, delta: hidden.reduce((sum, r) => sum + r.delta, 0) },
    catalogs: head.catalogs
      .map(
        (c) =>
          `${c.region} ${c.origin === 'bundled-snapshot' ? 'snapshot' : 'Price List API'} ${c.generatedAt}`,
      )
      .join(', '),
  });
}

/** Free on both sides and no component moved: nothing about it changes the bill. */
const isFree = (r: ResourceDelta) => r.resource.status === 'free' && r.components.length === 0;

/** Priced resources before those the estimate cannot price (their cost is unknown, not zero). */
const rank = (r: ResourceDelta) => (r.resource.status === 'not-priced' ? 1 : 0);

const CHANGE_ORDER = ['added', 'removed', 'changed'] as const;

/** One line per change kind: how many free resources, in which environments, of which types (most first). */
function foldFree(free: readonly ResourceDelta[]) {
  return CHANGE_ORDER.flatMap((change) => {
    const group = free.filter((r) => r.change === change);
    if (group.length === 0) return [];
    const byType = new Map<string, number>();
    for (const r of group) byType.set(typeLabel(r.type), (byType.get(typeLabel(r.type)) ?? 0) + 1);
    return [
      {
        change,
        count: group.length,
        environments: [...new Set(group.map((r) => r.environment))].join(', '),
        types: [...byType]
          .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
          .map(([label, n]) => (n > 1 ? `${label} ×${n}` : label))
          .join(', '),
      },
    ];
  });
}

/** `AWS::EC2::Subnet` → `EC2 Subnet`; every `Custom::…` type is one "custom resource". */
function typeLabel(type: string): string {
  if (type.startsWith('Custom::')) return 'custom resource';
  const [, service, name] = type.split('::');
  return service && name ? `${service} ${name}` : type;
}
