/** The OnDemand price dimensions of one Price List product, turned into catalog tiers. */
import type { PriceTier } from '../catalog/price-catalog.ts';
import type { PriceQuery } from '../models/price-query.ts';
import { acceptedUnits, catalogUnitsPerApiUnit } from './api-units.ts';

/** One OnDemand price dimension as the Price List API writes it (numbers are strings; `Inf` ends the last). */
export interface PriceDimension {
  readonly unit: string;
  readonly beginRange: string;
  readonly endRange: string;
  readonly pricePerUnit: Readonly<Record<string, string>>;
  readonly description?: string;
  readonly rateCode?: string;
}

export interface TierConversion {
  readonly tiers: PriceTier[];
  /** Things a person should know, e.g. a free band dropped because `alwaysFree` covers it. */
  readonly notes: string[];
}

/** Raised for price dimensions that cannot become catalog tiers; the caller adds the id and SKU. */
export class TierConversionError extends Error {
  override name = 'TierConversionError';
}

/**
 * Turns the OnDemand price dimensions of one SKU into catalog tiers: sorted by `beginRange`, converted to
 * the catalog unit (ranges multiplied, prices divided by {@link catalogUnitsPerApiUnit}), checked to be
 * contiguous from 0 to `Inf`. A leading $0 band is the free allowance that some services (SNS, KMS, ...)
 * publish as a tier; when the id has `alwaysFree`, that allowance is applied from `alwaysFree` instead,
 * so the band is dropped (and the next band starts at 0) rather than counted twice.
 */
export function toTiers(query: PriceQuery, dimensions: readonly PriceDimension[]): TierConversion {
  if (dimensions.length === 0) throw new TierConversionError('the OnDemand term has no price dimensions');
  const notes: string[] = [];
  const rows = dimensions.map((dimension) => {
    const factor = catalogUnitsPerApiUnit(query, dimension.unit);
    if (factor === undefined) {
      throw new TierConversionError(
        `the API prices it per "${dimension.unit}", which is not a unit this id accepts (${acceptedUnits(query).join(', ')}); ` +
          "add the unit and its factor to the query's apiUnits",
      );
    }
    const usd = parseNumber(dimension.pricePerUnit.USD, 'pricePerUnit.USD');
    const begin = parseNumber(dimension.beginRange, 'beginRange');
    const end = dimension.endRange === 'Inf' ? undefined : parseNumber(dimension.endRange, 'endRange');
    return {
      from: clean(begin * factor),
      to: end === undefined ? undefined : clean(end * factor),
      usd: clean(usd / factor),
    };
  });
  rows.sort((a, b) => a.from - b.from);

  const first = rows[0];
  if (first === undefined || first.from !== 0)
    throw new TierConversionError(`the first band starts at ${first?.from}, not 0`);
  rows.forEach((row, index) => {
    const next = rows[index + 1];
    if (next === undefined) {
      if (row.to !== undefined) throw new TierConversionError(`the last band ends at ${row.to}, not Inf`);
    } else if (row.to !== next.from) {
      throw new TierConversionError(
        `the bands are not contiguous: one ends at ${row.to}, the next starts at ${next.from}`,
      );
    }
  });

  if (query.alwaysFree && rows.length > 1 && first.usd === 0) {
    rows.shift();
    const paid = rows[0];
    if (paid) paid.from = 0;
    const allowance = query.alwaysFree.quantity;
    notes.push(
      first.to === allowance
        ? `dropped the API's free band (first ${first.to} ${query.unit}); alwaysFree covers it`
        : `dropped the API's free band (first ${first.to} ${query.unit}), which differs from alwaysFree (${allowance}); check the allowance`,
    );
  }
  return {
    tiers: rows.map(({ from, to, usd }) => (to === undefined ? { from, usd } : { from, to, usd })),
    notes,
  };
}

function parseNumber(text: string | undefined, field: string): number {
  const value = text === undefined ? Number.NaN : Number(text);
  if (!Number.isFinite(value))
    throw new TierConversionError(`${field} is ${JSON.stringify(text)}, not a number`);
  return value;
}

/** Removes binary floating-point noise from unit conversion (2e-7, not 1.9999999999999998e-7). */
function clean(value: number): number {
  return Number(value.toPrecision(12));
}
