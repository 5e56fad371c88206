import type { InventoryResource, InventoryStack } from '../../assembly/types.ts';
import { loadCatalog } from '../catalog/load-catalog.ts';
import { priceGroups } from '../estimate/price-groups.ts';
import type { ComponentSpec, CostModel } from './cost-model.ts';

interface Run {
  readonly components: ComponentSpec[];
  /** Usage fields the model read, in reading order. */
  readonly read: string[];
}

/** The subject resource in a stack of its own, beside the given neighbours (a launch template, a task definition). */
function subjectIn(
  properties: Record<string, unknown>,
  type: string,
  neighbours: readonly InventoryResource[],
): { resource: InventoryResource; stack: InventoryStack } {
  const resource: InventoryResource = { logicalId: 'Subject', type, properties, dependsOn: [] };
  const stack: InventoryStack = {
    id: 'test/stack',
    stackName: 'test-stack',
    templateFile: 'test.template.json',
    parameters: {},
    resources: [resource, ...neighbours],
    outputs: {},
  };
  return { resource, stack };
}

function run(
  model: CostModel,
  properties: Record<string, unknown>,
  usage: Record<string, number>,
  type: string,
  neighbours: readonly InventoryResource[] = [],
): Run {
  const { resource, stack } = subjectIn(properties, type, neighbours);
  const read: string[] = [];
  const components = model.components({
    resource,
    stack,
    usage: (field) => {
      const declared = model.usage[field];
      if (!declared) throw new Error(`undeclared usage field ${field}`);
      if (!read.includes(field)) read.push(field);
      return usage[field] ?? declared.default;
    },
  });
  const declaredIds = new Set(declaredPriceIds(model));
  const undeclared = components.map((c) => c.priceId).filter((id) => !declaredIds.has(id));
  if (undeclared.length > 0)
    throw new Error(`${type} uses price ids its model does not query: ${undeclared}`);
  return { components, read };
}

/**
 * Runs a model on one resource with the given properties and usage (other fields at their defaults). Fails
 * when a component uses a price id the model does not declare a query for.
 */
export function componentsOf(
  model: CostModel,
  properties: Record<string, unknown> = {},
  usage: Record<string, number> = {},
  type = model.types[0] ?? '',
): ComponentSpec[] {
  return run(model, properties, usage, type).components;
}

/** Another resource of the subject's stack, which the subject refers to by `{ Ref: logicalId }`. */
export function neighbour(
  logicalId: string,
  type: string,
  properties: Record<string, unknown>,
): InventoryResource {
  return { logicalId, type, properties, dependsOn: [] };
}

/** Like {@link componentsOf}, with other resources in the subject's stack. */
export function componentsBeside(
  model: CostModel,
  properties: Record<string, unknown>,
  neighbours: readonly InventoryResource[],
  usage: Record<string, number> = {},
  type = model.types[0] ?? '',
): ComponentSpec[] {
  return run(model, properties, usage, type, neighbours).components;
}

/** The reason a model gives for not pricing a resource, or undefined when it prices it. */
export function unpricedReason(
  model: CostModel,
  properties: Record<string, unknown> = {},
  neighbours: readonly InventoryResource[] = [],
  type = model.types[0] ?? '',
): string | undefined {
  return model.unpriced?.(subjectIn(properties, type, neighbours));
}

/** The usage fields a model reads for one resource, sorted: every declared field should be read somewhere. */
export function usageRead(
  model: CostModel,
  properties: Record<string, unknown> = {},
  usage: Record<string, number> = {},
  type = model.types[0] ?? '',
): string[] {
  return run(model, properties, usage, type).read.sort();
}

/** Each usage field's default. */
export function usageDefaults(model: CostModel): Record<string, number> {
  return Object.fromEntries(Object.entries(model.usage).map(([name, field]) => [name, field.default]));
}

/** The price ids a model declares queries for, in declaration order. */
export function declaredPriceIds(model: CostModel): string[] {
  return model.prices.flatMap((prices) => prices.queries.map((query) => query.id));
}

/** priceId → quantity, for compact assertions. */
export function quantities(components: readonly ComponentSpec[]): Record<string, number> {
  return Object.fromEntries(components.map((c) => [c.priceId, c.quantity]));
}

/**
 * The monthly USD of components at the bundled us-east-1 prices, before and after the always-free
 * allowances, priced as one account's bill (quantities of a price added up, pools shared).
 */
export function monthlyCost(components: readonly ComponentSpec[]): { before: number; after: number } {
  const catalog = loadCatalog('us-east-1');
  const { shares } = priceGroups(
    components.map((spec) => {
      const entry = catalog.prices[spec.priceId];
      if (!entry) throw new Error(`no price ${spec.priceId} in the bundled catalog`);
      return { account: 'test', region: 'us-east-1', entry, spec, quantity: spec.quantity };
    }),
  );
  const total = (key: 'before' | 'after') => shares.reduce((sum, share) => sum + share[key], 0);
  return { before: total('before'), after: total('after') };
}
