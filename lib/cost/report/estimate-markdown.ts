import { render } from '../../render/liquid.ts';
import type { Estimate, ResourceCost } from '../estimate/estimate-types.ts';

/** A resource's short name for tables: its construct path below the stack, else its logical id. */
export function resourceName(r: Pick<ResourceCost, 'constructPath' | 'stack' | 'logicalId'>): string {
  const path = r.constructPath?.startsWith(`${r.stack}/`)
    ? r.constructPath.slice(r.stack.length + 1)
    : r.constructPath;
  return (path ?? r.logicalId).replace(/\/Resource$/, '');
}

/** The estimate as Markdown: totals, a Mermaid pie by service, opt-in switches, resources with their components. */
export function estimateMarkdown(estimate: Estimate): string {
  const byCost = (a: ResourceCost, b: ResourceCost) =>
    b.monthlyBeforeFreeTier - a.monthlyBeforeFreeTier || resourceName(a).localeCompare(resourceName(b));
  const named = (r: ResourceCost) => ({ ...r, name: resourceName(r) });
  const environments = estimate.environments.map((env) => {
    const own = estimate.resources.filter((r) => r.environment === env.name);
    return {
      ...env,
      priced: own
        .filter((r) => r.status === 'priced')
        .sort(byCost)
        .map(named),
      free: own.filter((r) => r.status === 'free').map(named),
      freeGroups: groupByReason(own.filter((r) => r.status === 'free')),
      notPriced: own.filter((r) => r.status === 'not-priced').map(named),
    };
  });
  const optInEnvironments = [...new Set(estimate.optIns.map((o) => o.environment))];
  const optIns = [...new Set(estimate.optIns.map((o) => o.setting))].map((setting) => {
    const rows = estimate.optIns.filter((o) => o.setting === setting);
    return {
      setting,
      what: rows[0]?.what,
      monthlyWhenOn: rows[0]?.monthlyWhenOn ?? null,
      states: optInEnvironments.map((env) => rows.find((o) => o.environment === env)?.state ?? 'off'),
    };
  });
  return render('cost/estimate.md', {
    ...estimate,
    environments,
    optIns,
    optInEnvironments,
    pie: pieSlices(estimate),
  });
}

/** Services with a cost, for the Mermaid pie; small amounts keep enough decimals to stay visible. */
function pieSlices(estimate: Estimate): { name: string; value: number }[] {
  const digits = estimate.services.every((s) => s.monthlyBeforeFreeTier < 1) ? 4 : 2;
  return estimate.services
    .map((s) => ({
      name: s.name.replaceAll('"', "'"),
      value: Number(s.monthlyBeforeFreeTier.toFixed(digits)),
    }))
    .filter((s) => s.value > 0);
}

/** Free resources grouped by why they are free, so the list reads as a few lines. */
function groupByReason(resources: readonly ResourceCost[]): { reason: string; names: string[] }[] {
  const groups = new Map<string, string[]>();
  for (const r of resources)
    groups.set(r.reason ?? '', [...(groups.get(r.reason ?? '') ?? []), resourceName(r)]);
  return [...groups].map(([reason, names]) => ({
    reason: reason.charAt(0).toUpperCase() + reason.slice(1),
    names,
  }));
}
