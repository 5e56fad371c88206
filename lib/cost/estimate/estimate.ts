import type { Inventory, InventoryResource, InventoryStack } from '../../assembly/types.ts';
import { refreshCommand } from '../catalog/missing-prices.ts';
import type { PriceCatalog, PriceEntry } from '../catalog/price-catalog.ts';
import type { ComponentSpec } from '../models/cost-model.ts';
import { freeVerdict } from '../models/free-types.ts';
import { modelFor } from '../models/index.ts';
import type { UsageFile } from '../usage/usage-file.ts';
import type {
  ComponentCost,
  EnvironmentCost,
  Estimate,
  NamedCost,
  NotPricedType,
  ResourceCost,
  Totals,
} from './estimate-types.ts';
import { type OptInSettings, optInCosts } from './opt-ins.ts';
import { priceGroups } from './price-groups.ts';
import { usageResolver } from './usage-resolver.ts';

export interface EstimateOptions {
  /** The price catalog of a region; throws a CatalogError that says how to get one when there is none. */
  readonly catalogFor: (region: string) => PriceCatalog;
  /** The usage file of an environment (or of a plain template), if any. */
  readonly usageFor?: (environment: string) => UsageFile | undefined;
  /** Region of stacks that name none (plain templates). @default 'us-east-1' */
  readonly defaultRegion?: string;
  /** Free-plan credits to spread over the monthly bill. @default 100 */
  readonly creditsUsd?: number;
  /** The costly-service switches of each environment, to say what switching each on costs. */
  readonly optIns?: readonly OptInSettings[];
}

/** Stacks without an account id are assumed to share this one (the conservative choice for allowances). */
const SHARED_ACCOUNT = 'default account';
const FREE_PLAN_MONTHS = 6;

interface Pending {
  readonly resource: number;
  readonly spec: ComponentSpec;
  readonly account: string;
  readonly region: string;
  readonly entry?: PriceEntry;
}

/** Prices an inventory: per component, per resource, per environment, phase and service, with allowances applied once per account. */
export function estimate(inventory: Inventory, options: EstimateOptions): Estimate {
  const defaultRegion = options.defaultRegion ?? 'us-east-1';
  const warnings: string[] = [...(inventory.warnings ?? [])];
  const catalogs = new Map<string, PriceCatalog>();
  const catalog = (region: string) => {
    let found = catalogs.get(region);
    if (!found) {
      found = options.catalogFor(region);
      catalogs.set(region, found);
    }
    return found;
  };

  const resources: Omit<ResourceCost, keyof Totals | 'components'>[] = [];
  const pending: Pending[] = [];
  const matchedKeys = new Map<UsageFile, Set<string>>();
  const usageFiles = new Map<string, UsageFile | undefined>();
  for (const stack of inventory.stacks) {
    const environment = stack.environment ?? stack.stackName;
    const region = stack.region ?? defaultRegion;
    const account = stack.account ?? SHARED_ACCOUNT;
    // One usage file per environment, shared by its stacks, so a key matched in any of them counts as matched.
    if (!usageFiles.has(environment)) usageFiles.set(environment, options.usageFor?.(environment));
    const usageFile = usageFiles.get(environment);
    const matched = usageFile ? (matchedKeys.get(usageFile) ?? new Set<string>()) : new Set<string>();
    if (usageFile) matchedKeys.set(usageFile, matched);
    for (const resource of stack.resources) {
      if (resource.conditionMet === false) continue;
      const index = resources.length;
      const base = describe(stack, resource, environment);
      const model = modelFor(resource.type);
      if (!model) {
        const verdict = freeVerdict(resource.type, resource.properties);
        resources.push({
          ...base,
          status: verdict?.free ? 'free' : 'not-priced',
          reason: verdict?.reason ?? `no cost model for ${resource.type}`,
          usage: {},
        });
        continue;
      }
      const unpriced = model.unpriced?.({ resource, stack });
      if (unpriced !== undefined) {
        resources.push({
          ...base,
          service: model.service,
          status: 'not-priced',
          reason: unpriced,
          usage: {},
        });
        continue;
      }
      const { read, used } = usageResolver(model, resource, stack, usageFile, matched);
      const specs = model.components({ resource, stack, usage: read }).filter((c) => c.quantity > 0);
      const missing = specs.filter((c) => !catalog(region).prices[c.priceId]).map((c) => c.priceId);
      resources.push({
        ...base,
        service: model.service,
        status: missing.length > 0 ? 'not-priced' : specs.length > 0 ? 'priced' : 'free',
        reason:
          missing.length > 0
            ? `no price for ${missing.join(', ')} in the ${region} catalog; fetch it with ${refreshCommand(region)}`
            : specs.length > 0
              ? undefined
              : 'no billed usage in this configuration',
        usage: used,
      });
      for (const spec of specs)
        pending.push({ resource: index, spec, account, region, entry: catalog(region).prices[spec.priceId] });
    }
  }
  for (const [file, matched] of matchedKeys) {
    for (const key of Object.keys(file.resources).filter((k) => !matched.has(k))) {
      warnings.push(
        `${file.file}:${file.lineOf(key)}: usage for "${key}" matches no resource; check the construct path or logical id.`,
      );
    }
  }

  const priced = pending.filter((p): p is Pending & { entry: PriceEntry } => p.entry !== undefined);
  const full = priceGroups(priced.map((p) => ({ ...p, quantity: p.spec.quantity })));
  const components: ComponentCost[][] = resources.map(() => []);
  priced.forEach((p, i) => {
    const monthly = full.shares[i]?.after ?? 0;
    components[p.resource]?.push({
      name: p.spec.name,
      priceId: p.spec.priceId,
      quantity: round(p.spec.quantity),
      unit: p.spec.unit ?? p.entry.unit,
      unitPrice: p.spec.quantity > 0 ? round(monthly / p.spec.quantity, 10) : 0,
      monthly: round(monthly),
      monthlyBeforeFreeTier: round(full.shares[i]?.before ?? 0),
      idle: p.spec.idle === true,
      basis: p.spec.basis,
    });
  });
  // The idle bill: only what is billed with no traffic, priced on its own so allowances apply to it alone.
  const idleIndices = priced.flatMap((p, i) => (p.spec.idle ? [i] : []));
  const idle = priceGroups(
    idleIndices
      .map((i) => priced[i] as Pending & { entry: PriceEntry; quantity?: number })
      .map((p) => ({ ...p, quantity: p.spec.quantity })),
  );
  const idleOfResource = resources.map(() => 0);
  idleIndices.forEach((i, k) => {
    const owner = priced[i]?.resource ?? 0;
    idleOfResource[owner] = (idleOfResource[owner] ?? 0) + (idle.shares[k]?.after ?? 0);
  });

  const resourceCosts: ResourceCost[] = resources.map((r, i) => {
    const own = components[i] ?? [];
    return {
      ...r,
      components: own,
      monthly: round(sum(own.map((c) => c.monthly))),
      monthlyBeforeFreeTier: round(sum(own.map((c) => c.monthlyBeforeFreeTier))),
      idle: round(idleOfResource[i] ?? 0),
    };
  });
  const totals = totalOf(resourceCosts);
  const environments = environmentCosts(inventory.stacks, resourceCosts, defaultRegion);
  return {
    schemaVersion: 1,
    currency: 'USD',
    assumptions: assumptions(inventory, catalogs),
    warnings,
    totals,
    environments,
    services: byName(
      resourceCosts.filter((r) => r.status !== 'free'),
      (r) => r.service,
    ),
    resources: resourceCosts,
    notPriced: notPriced(resourceCosts),
    freeTier: {
      allowances: full.allowances,
      credits: credits(options.creditsUsd ?? 100, totals.monthly),
    },
    optIns: optInCosts(options.optIns ?? [], (environment) =>
      catalog(environments.find((e) => e.name === environment)?.region ?? defaultRegion),
    ),
    catalogs: [...catalogs.values()].map((c) => ({
      region: c.region,
      origin: c.origin,
      generatedAt: c.generatedAt,
    })),
  };
}

function describe(stack: InventoryStack, resource: InventoryResource, environment: string) {
  return {
    stack: stack.id,
    environment,
    phase: resource.phase ?? stack.phase ?? 'other',
    logicalId: resource.logicalId,
    constructPath: resource.constructPath,
    type: resource.type,
    service: serviceOfType(resource.type),
  };
}

/** `AWS::IAM::Role` → `AWS IAM`, for resources without a model. */
function serviceOfType(type: string): string {
  const [vendor, service] = type.split('::');
  return vendor === 'AWS' && service ? `AWS ${service}` : type;
}

function environmentCosts(
  stacks: readonly InventoryStack[],
  resources: ResourceCost[],
  defaultRegion: string,
): EnvironmentCost[] {
  const names = [...new Set(resources.map((r) => r.environment))];
  return names.map((name) => {
    const own = resources.filter((r) => r.environment === name);
    const stacksOf = stacks.filter((s) => (s.environment ?? s.stackName) === name);
    const first = stacksOf[0];
    return {
      name,
      region: first?.region ?? defaultRegion,
      account: first?.account ?? SHARED_ACCOUNT,
      ...totalOf(own),
      phases: byName(own, (r) => r.phase),
      services: byName(
        own.filter((r) => r.status !== 'free'),
        (r) => r.service,
      ),
      teardown: first?.environment
        ? `npm run destroy -- --env ${first.environment}`
        : `aws cloudformation delete-stack --stack-name ${stacksOf.map((s) => s.stackName).join(' ')}`,
    };
  });
}

function byName(resources: readonly ResourceCost[], nameOf: (r: ResourceCost) => string): NamedCost[] {
  const groups = new Map<string, ResourceCost[]>();
  for (const r of resources) groups.set(nameOf(r), [...(groups.get(nameOf(r)) ?? []), r]);
  return [...groups]
    .map(([name, group]) => ({ name, ...totalOf(group) }))
    .sort((a, b) => b.monthlyBeforeFreeTier - a.monthlyBeforeFreeTier || a.name.localeCompare(b.name));
}

function totalOf(resources: readonly Totals[]): Totals {
  return {
    monthly: round(sum(resources.map((r) => r.monthly))),
    monthlyBeforeFreeTier: round(sum(resources.map((r) => r.monthlyBeforeFreeTier))),
    idle: round(sum(resources.map((r) => r.idle))),
  };
}

function notPriced(resources: readonly ResourceCost[]): NotPricedType[] {
  const byType = new Map<string, ResourceCost[]>();
  for (const r of resources.filter((r) => r.status === 'not-priced'))
    byType.set(r.type, [...(byType.get(r.type) ?? []), r]);
  return [...byType].map(([type, group]) => ({
    type,
    count: group.length,
    reason: group[0]?.reason ?? '',
    resources: group.map((r) => `${r.stack}/${r.logicalId}`),
  }));
}

function credits(usd: number, monthly: number) {
  const months = monthly > 0 ? round(usd / monthly, 1) : null;
  return {
    usd,
    months,
    note:
      `Accounts opened since 15 July 2025 get $100 in credits at sign-up and up to $100 more for trying services; on the Free plan they last at most ${FREE_PLAN_MONTHS} months (12 on the Paid plan). ` +
      (months === null
        ? 'At this estimate the credits are not drawn on: the always-free allowances cover it.'
        : months >= FREE_PLAN_MONTHS
          ? `At this estimate $${usd} of credits outlasts the ${FREE_PLAN_MONTHS}-month plan (it would cover ${Math.floor(months)} months).`
          : `At this estimate $${usd} of credits lasts ${months} months, less than the ${FREE_PLAN_MONTHS}-month plan.`),
  };
}

function assumptions(inventory: Inventory, catalogs: Map<string, PriceCatalog>): string[] {
  const shared = inventory.stacks.filter((s) => !s.account).map((s) => s.environment ?? s.stackName);
  const list = [
    'Monthly usage comes from config/usage/<environment>.yml where set, else from the learner-sized defaults each resource lists.',
    'A month is 730 hours. Data transfer out of AWS is not priced.',
  ];
  if (shared.length > 0) {
    list.push(
      `Environments without an account id (${[...new Set(shared)].join(', ')}) are assumed to share one account, so always-free allowances count once for them: set "account" in config/<env>.json to price separate accounts.`,
    );
  }
  for (const c of catalogs.values()) {
    list.push(
      `Prices for ${c.region}: ${c.origin === 'bundled-snapshot' ? 'bundled snapshot of AWS pricing pages' : 'AWS Price List API'} of ${c.generatedAt}.`,
    );
  }
  return list;
}

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

/** Rounds away floating-point noise so outputs are stable byte for byte. */
export function round(value: number, digits = 6): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
