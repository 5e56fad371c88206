import { closeMatches } from '../../config/close-matches.ts';
import type { PriceCatalog, PriceEntry, PriceTier } from './price-catalog.ts';

/**
 * The cost in USD of `quantity` units priced by `tiers`, when `alreadyUsed` units of the same account's
 * month have already been counted. AWS applies volume bands to the account's monthly total, so a model
 * pricing one resource passes the units of the other resources as `alreadyUsed`: 40 TB in a second bucket
 * after 30 TB in a first one is billed 20 TB at the first band and 20 TB at the second.
 *
 * A free allowance is the same mechanism: the free units are the first ones of the month, so
 * `tieredCost(tiers, used - free, free)` prices what is left after it.
 *
 * The result is not rounded; round once, where it is shown.
 */
export function tieredCost(tiers: readonly PriceTier[], quantity: number, alreadyUsed = 0): number {
  requireQuantity('quantity', quantity);
  requireQuantity('alreadyUsed', alreadyUsed);
  if (tiers.length === 0) throw new RangeError('tieredCost needs at least one price band, found none.');
  if (quantity === 0) return 0;

  const start = alreadyUsed;
  const end = alreadyUsed + quantity;
  let cost = 0;
  for (const tier of tiers) {
    const low = Math.max(start, tier.from);
    const high = Math.min(end, tier.to ?? Number.POSITIVE_INFINITY);
    if (high > low) cost += (high - low) * tier.usd;
  }
  return cost;
}

function requireQuantity(name: string, value: number): void {
  if (!Number.isFinite(value) || value < 0) {
    throw new RangeError(`tieredCost: ${name} must be a finite number >= 0, found ${value}.`);
  }
}

/** Thrown by priceLookup for an id the catalog does not have. */
export class UnknownPriceError extends Error {
  constructor(
    readonly id: string,
    readonly region: string,
    /** Ids of the catalog that look like the one asked for, closest first. */
    readonly suggestions: readonly string[],
    message: string,
  ) {
    super(message);
    this.name = 'UnknownPriceError';
  }
}

/** The entry of price id `id`; throws UnknownPriceError, naming close matches, when there is none. */
export function priceLookup(catalog: PriceCatalog, id: string): PriceEntry {
  const entry = Object.hasOwn(catalog.prices, id) ? catalog.prices[id] : undefined;
  if (entry) return entry;

  const ids = Object.keys(catalog.prices);
  const suggestions = closeMatches(id, ids, Math.max(2, Math.floor(id.length / 4)), 5);
  const where = `the ${catalog.region} price catalog (${catalog.origin} of ${catalog.generatedAt}, ${ids.length} prices)`;
  let hint: string;
  if (suggestions.length > 0) {
    hint = `Did you mean ${suggestions.map((s) => `"${s}"`).join(', ')}?`;
  } else {
    const service = id.split('.')[0] ?? '';
    const sameService = ids.filter((known) => known.startsWith(`${service}.`));
    hint =
      sameService.length > 0
        ? `Ids of "${service}": ${sameService.join(', ')}.`
        : `No id starts with "${service}."; the catalog's services are ${[...new Set(ids.map((known) => known.split('.')[0]))].join(', ')}.`;
  }
  throw new UnknownPriceError(
    id,
    catalog.region,
    suggestions,
    `Unknown price id "${id}" in ${where}. ${hint} A price missing from the catalog is added to every <region>.json and to the refresh, never assumed to be zero.`,
  );
}
