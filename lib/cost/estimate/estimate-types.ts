/** The estimate as written by `npm run cost -- --format json` (schema: estimate.schema.json beside this file). */
export interface Estimate {
  readonly schemaVersion: 1;
  readonly currency: 'USD';
  /** What the figures rest on, in sentences: shared accounts, usage defaults, regions, catalog dates. */
  readonly assumptions: readonly string[];
  /** Things the reader should fix: usage-file keys that match no resource, components without a price. */
  readonly warnings: readonly string[];
  readonly totals: Totals;
  readonly environments: readonly EnvironmentCost[];
  readonly services: readonly NamedCost[];
  readonly resources: readonly ResourceCost[];
  /** Resource types with no cost model and not known to be free: counted and named, never a silent $0. */
  readonly notPriced: readonly NotPricedType[];
  readonly freeTier: FreeTierSummary;
  readonly optIns: readonly OptInCost[];
  readonly catalogs: readonly {
    readonly region: string;
    readonly origin: string;
    readonly generatedAt: string;
  }[];
}

/** Monthly US dollars: before and after the always-free allowances, and with no traffic at all (idle). */
export interface Totals {
  readonly monthly: number;
  readonly monthlyBeforeFreeTier: number;
  readonly idle: number;
}

export interface NamedCost extends Totals {
  readonly name: string;
}

export interface EnvironmentCost extends Totals {
  readonly name: string;
  readonly region: string;
  readonly account: string;
  readonly phases: readonly NamedCost[];
  readonly services: readonly NamedCost[];
  /** The command that removes this environment's stacks, for the idle bill. */
  readonly teardown: string;
}

export type ResourceStatus = 'priced' | 'free' | 'not-priced';

export interface ResourceCost extends Totals {
  /** `dev/foundation` */
  readonly stack: string;
  readonly environment: string;
  readonly phase: string;
  readonly logicalId: string;
  readonly constructPath?: string;
  readonly type: string;
  readonly service: string;
  readonly status: ResourceStatus;
  /** Why it is free or not priced. */
  readonly reason?: string;
  readonly components: readonly ComponentCost[];
  /** The usage values the model read, and where each came from. */
  readonly usage: Readonly<Record<string, UsageValue>>;
}

export interface UsageValue {
  readonly value: number;
  /** `usage file (resource)`, `usage file (type)` or `default` (the learner workload the model assumes). */
  readonly source: 'usage file (resource)' | 'usage file (type)' | 'default';
}

export interface ComponentCost {
  readonly name: string;
  readonly priceId: string;
  readonly quantity: number;
  readonly unit: string;
  /** Average US dollars per unit after tiers and allowances (monthly / quantity). */
  readonly unitPrice: number;
  readonly monthly: number;
  readonly monthlyBeforeFreeTier: number;
  readonly idle: boolean;
  readonly basis: string;
}

export interface NotPricedType {
  readonly type: string;
  readonly count: number;
  readonly reason: string;
  readonly resources: readonly string[];
}

export interface FreeTierSummary {
  /** Always-free allowances applied, once per account. */
  readonly allowances: readonly {
    readonly account: string;
    readonly pool: string;
    readonly quantity: number;
    readonly used: number;
    readonly unit: string;
    readonly savedUsd: number;
  }[];
  /** Free-plan credits and how long they last at the estimated monthly cost. */
  readonly credits: { readonly usd: number; readonly months: number | null; readonly note: string };
}

export interface OptInCost {
  readonly environment: string;
  /** The config switch, e.g. `costlyServices.dms`. */
  readonly setting: string;
  /** `on`, `off`, or `<phase> off` when the phase the switch belongs to is not deployed. */
  readonly state: string;
  /** What switching it on costs per month at list price (smallest configuration); null when the region's catalog lacks a price. */
  readonly monthlyWhenOn: number | null;
  readonly what: string;
}
