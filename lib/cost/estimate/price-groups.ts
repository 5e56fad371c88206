import type { PriceEntry } from '../catalog/price-catalog.ts';
import { tieredCost } from '../catalog/tiered-cost.ts';
import type { FreeTierSummary } from './estimate-types.ts';

export interface PriceInput {
  readonly account: string;
  readonly region: string;
  readonly entry: PriceEntry;
  readonly spec: { readonly priceId: string };
  readonly quantity: number;
}

export interface PriceShare {
  readonly before: number;
  readonly after: number;
}

/**
 * Prices quantities the way the bill does: one account's usage of one price is added up before the tiers
 * apply, and each always-free allowance is used once per account (shared by the prices of its pool).
 * Each input gets its share of its group's cost, in proportion to its quantity.
 */
export function priceGroups(inputs: readonly PriceInput[]): {
  shares: PriceShare[];
  allowances: FreeTierSummary['allowances'];
} {
  const groups = new Map<
    string,
    { entry: PriceEntry; account: string; priceId: string; members: number[]; quantity: number }
  >();
  inputs.forEach((input, index) => {
    const key = `${input.account}|${input.region}|${input.spec.priceId}`;
    const group = groups.get(key) ?? {
      entry: input.entry,
      account: input.account,
      priceId: input.spec.priceId,
      members: [],
      quantity: 0,
    };
    group.members.push(index);
    group.quantity += input.quantity;
    groups.set(key, group);
  });

  const remaining = new Map<string, number>();
  const allowances = new Map<
    string,
    { account: string; pool: string; quantity: number; used: number; unit: string; savedUsd: number }
  >();
  const shares: PriceShare[] = inputs.map(() => ({ before: 0, after: 0 }));
  for (const key of [...groups.keys()].sort()) {
    const group = groups.get(key);
    if (!group) continue;
    const { entry, account, quantity } = group;
    const before = tieredCost(entry.tiers, quantity);
    let free = 0;
    let summary: (typeof allowances extends Map<string, infer V> ? V : never) | undefined;
    if (entry.alwaysFree) {
      const poolKey = `${account}|${entry.alwaysFree.pool ?? group.priceId}`;
      const left = remaining.get(poolKey) ?? entry.alwaysFree.quantity;
      free = Math.min(left, quantity);
      remaining.set(poolKey, left - free);
      summary = allowances.get(poolKey) ?? {
        account,
        pool: entry.alwaysFree.pool ?? group.priceId,
        quantity: entry.alwaysFree.quantity,
        used: 0,
        unit: entry.unit,
        savedUsd: 0,
      };
      allowances.set(poolKey, summary);
    }
    // Free units are the first ones of the month, so the billed rest starts after them in the tiers.
    const after = tieredCost(entry.tiers, quantity - free, free);
    if (summary) {
      summary.used += free;
      summary.savedUsd += before - after;
    }
    for (const member of group.members) {
      const share = quantity > 0 ? (inputs[member]?.quantity ?? 0) / quantity : 0;
      shares[member] = { before: before * share, after: after * share };
    }
  }
  return {
    shares,
    allowances: [...allowances.values()].map((a) => ({
      ...a,
      used: Math.round(a.used * 1e6) / 1e6,
      savedUsd: Math.round(a.savedUsd * 1e6) / 1e6,
    })),
  };
}
