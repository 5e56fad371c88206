import { referencedLogicalIds } from '../../assembly/intrinsics.ts';
import type { InventoryResource, InventoryStack } from '../../assembly/types.ts';
import type { ServicePrices } from './price-query.ts';

/** A monthly usage quantity a model needs that the template cannot know, with its learner-sized default. */
export interface UsageField {
  readonly description: string;
  readonly unit: string;
  readonly default: number;
}

/** One billed line of a resource: a quantity of one catalog price. */
export interface ComponentSpec {
  readonly name: string;
  /** Catalog price id, e.g. `lambda.requests`. */
  readonly priceId: string;
  /** Monthly quantity, in the price's unit. */
  readonly quantity: number;
  /** Billed with no traffic at all (capacity hours, keys, alarms): the bill of a deployed-and-forgotten stack. */
  readonly idle?: boolean;
  /** How the quantity was reached, e.g. `730 h × 2 shards (ShardCount)`. */
  readonly basis: string;
  /**
   * The unit as shown, when the catalog's says too little (Athena bills TB of 2^40 bytes, not 10^12): the
   * quantity stays in the catalog's unit. @default the catalog's unit
   */
  readonly unit?: string;
}

export interface ModelContext {
  readonly resource: InventoryResource;
  readonly stack: InventoryStack;
  /** A usage value for this resource: the usage file's per-resource value, else its per-type default, else the model's. */
  usage(field: string): number;
}

/**
 * How one CloudFormation type (or a small family of them) is billed: the usage it needs, where each price it
 * uses is found in the AWS Price List, and its monthly cost components. One model per file, tested beside it.
 */
export interface CostModel {
  readonly types: readonly string[];
  readonly service: string;
  readonly usage: Readonly<Record<string, UsageField>>;
  /** The Price List queries of every catalog price id the components use, by service. */
  readonly prices: readonly ServicePrices[];
  components(context: ModelContext): ComponentSpec[];
  /**
   * Why this resource cannot be priced from its template (an instance type behind a launch template in
   * another stack, a Spot capacity provider, ...), or undefined when it can: such a resource is reported as
   * not priced with this reason instead of being guessed.
   */
  unpriced?(context: Pick<ModelContext, 'resource' | 'stack'>): string | undefined;
}

/** AWS bills a month as 730 hours. */
export const HOURS_PER_MONTH = 730;
export const DAYS_PER_MONTH = HOURS_PER_MONTH / 24;

/** A number, or a string that is one (`"20"`); undefined for anything else (absent, a token). */
export function numberValue(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)))
    return Number(value);
  return undefined;
}

/** A property's number, or `fallback` when absent or not resolvable at synth time (a token). */
export function numberProperty(resource: InventoryResource, name: string, fallback: number): number {
  return numberValue(resource.properties[name]) ?? fallback;
}

export function stringProperty(resource: InventoryResource, name: string, fallback: string): string {
  const value = resource.properties[name];
  return typeof value === 'string' ? value : fallback;
}

/** Reads a nested property by path (`['StreamModeDetails', 'StreamMode']`), or undefined. */
export function nestedProperty(resource: InventoryResource, path: readonly string[]): unknown {
  let value: unknown = resource.properties;
  for (const key of path) {
    if (!value || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** `1,234,567` — for bases that people read. */
export const formatCount = (n: number): string => n.toLocaleString('en-US', { maximumFractionDigits: 2 });

/**
 * The resource of the same stack that a property names by `{ Ref: id }` or `{ 'Fn::GetAtt': [id, ...] }`
 * (a launch template, a task definition, a cluster), or undefined when it names none there.
 */
export function referencedResource(stack: InventoryStack, value: unknown): InventoryResource | undefined {
  if (!value || typeof value !== 'object' || Object.keys(value).length !== 1) return undefined;
  if (!('Ref' in value) && !('Fn::GetAtt' in value)) return undefined;
  const [id] = referencedLogicalIds(value);
  return id === undefined ? undefined : stack.resources.find((r) => r.logicalId === id);
}
