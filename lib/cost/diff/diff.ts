import type { ComponentCost, Estimate, ResourceCost, Totals } from '../estimate/estimate-types.ts';

export interface TotalsDelta {
  readonly base: Totals;
  readonly head: Totals;
  /** head − base, monthly after allowances. */
  readonly delta: number;
  readonly deltaBeforeFreeTier: number;
  readonly deltaIdle: number;
}

export interface ComponentDelta {
  readonly name: string;
  readonly priceId: string;
  readonly unit: string;
  readonly baseQuantity: number;
  readonly headQuantity: number;
  readonly baseMonthly: number;
  readonly headMonthly: number;
  readonly delta: number;
}

export interface ResourceDelta extends TotalsDelta {
  /** `dev/foundation/DataLakeRaw1F82835B` */
  readonly key: string;
  readonly change: 'added' | 'removed' | 'changed';
  readonly environment: string;
  readonly type: string;
  readonly resource: ResourceCost;
  readonly components: readonly ComponentDelta[];
}

export interface EstimateDiff {
  readonly totals: TotalsDelta;
  readonly environments: readonly (TotalsDelta & { readonly name: string })[];
  readonly resources: readonly ResourceDelta[];
  /** Resource types not priced in head that were not in base: new blind spots of the estimate. */
  readonly newlyNotPriced: readonly string[];
}

const ZERO: Totals = { monthly: 0, monthlyBeforeFreeTier: 0, idle: 0 };
const EPSILON = 1e-9;

/** What a change (base → head, e.g. a pull request) does to the bill: per environment, resource and component. */
export function diffEstimates(base: Estimate, head: Estimate): EstimateDiff {
  const key = (r: ResourceCost) => `${r.stack}/${r.logicalId}`;
  const baseResources = new Map(base.resources.map((r) => [key(r), r]));
  const headResources = new Map(head.resources.map((r) => [key(r), r]));
  const resources: ResourceDelta[] = [];
  for (const k of [...new Set([...baseResources.keys(), ...headResources.keys()])].sort()) {
    const before = baseResources.get(k);
    const after = headResources.get(k);
    const components = componentDeltas(before?.components ?? [], after?.components ?? []);
    const change = !before ? 'added' : !after ? 'removed' : 'changed';
    const totals = delta(before ?? ZERO, after ?? ZERO);
    const changed = change !== 'changed' || components.length > 0 || Math.abs(totals.delta) > EPSILON;
    const resource = after ?? before;
    if (!changed || !resource) continue;
    resources.push({
      key: k,
      change,
      environment: resource.environment,
      type: resource.type,
      resource,
      components,
      ...totals,
    });
  }
  const names = [...new Set([...base.environments, ...head.environments].map((e) => e.name))];
  const baseNotPriced = new Set(base.notPriced.map((t) => t.type));
  return {
    totals: delta(base.totals, head.totals),
    environments: names.map((name) => ({
      name,
      ...delta(
        base.environments.find((e) => e.name === name) ?? ZERO,
        head.environments.find((e) => e.name === name) ?? ZERO,
      ),
    })),
    resources: resources.sort(
      (a, b) =>
        Math.abs(b.deltaBeforeFreeTier) - Math.abs(a.deltaBeforeFreeTier) || a.key.localeCompare(b.key),
    ),
    newlyNotPriced: head.notPriced.map((t) => t.type).filter((t) => !baseNotPriced.has(t)),
  };
}

function delta(base: Totals, head: Totals): TotalsDelta {
  return {
    base: pick(base),
    head: pick(head),
    delta: round(head.monthly - base.monthly),
    deltaBeforeFreeTier: round(head.monthlyBeforeFreeTier - base.monthlyBeforeFreeTier),
    deltaIdle: round(head.idle - base.idle),
  };
}

const pick = ({ monthly, monthlyBeforeFreeTier, idle }: Totals): Totals => ({
  monthly,
  monthlyBeforeFreeTier,
  idle,
});

function componentDeltas(base: readonly ComponentCost[], head: readonly ComponentCost[]): ComponentDelta[] {
  const id = (c: ComponentCost) => `${c.priceId}|${c.name}`;
  const ids = [...new Set([...base, ...head].map(id))];
  return ids.flatMap((k) => {
    const b = base.find((c) => id(c) === k);
    const h = head.find((c) => id(c) === k);
    const sample = h ?? b;
    if (!sample) return [];
    const d = round((h?.monthly ?? 0) - (b?.monthly ?? 0));
    const quantityChanged = Math.abs((h?.quantity ?? 0) - (b?.quantity ?? 0)) > EPSILON;
    if (!quantityChanged && Math.abs(d) <= EPSILON) return [];
    return [
      {
        name: sample.name,
        priceId: sample.priceId,
        unit: sample.unit,
        baseQuantity: b?.quantity ?? 0,
        headQuantity: h?.quantity ?? 0,
        baseMonthly: b?.monthly ?? 0,
        headMonthly: h?.monthly ?? 0,
        delta: d,
      },
    ];
  });
}

const round = (value: number) => Math.round(value * 1e6) / 1e6;
