import { describe, expect, it } from 'vitest';
import type { PriceQuery } from '../models/price-query.ts';
import { type PriceDimension, TierConversionError, toTiers } from './price-tiers.ts';

const dimension = (beginRange: string, endRange: string, usd: string, unit = 'Requests'): PriceDimension => ({
  unit,
  beginRange,
  endRange,
  pricePerUnit: { USD: usd },
});

describe('price dimensions to catalog tiers', () => {
  const lambdaRequests: PriceQuery = {
    id: 'lambda.requests',
    unit: 'Requests',
    description: 'x',
    usageType: 'Request',
  };

  it('keeps the bands in order, per one catalog unit, the last open-ended', () => {
    const query: PriceQuery = { id: 's3.storage.standard', unit: 'GB-Mo', description: 'x' };
    const { tiers, notes } = toTiers(query, [
      dimension('512000', 'Inf', '0.0210000000', 'GB-Mo'),
      dimension('0', '51200', '0.0230000000', 'GB-Mo'),
      dimension('51200', '512000', '0.0220000000', 'GB-Mo'),
    ]);
    expect(tiers).toEqual([
      { from: 0, to: 51200, usd: 0.023 },
      { from: 51200, to: 512000, usd: 0.022 },
      { from: 512000, usd: 0.021 },
    ]);
    expect(notes).toEqual([]);
  });

  it('converts a per-million API unit into per-request prices and ranges', () => {
    const query: PriceQuery = { ...lambdaRequests, apiUnits: { '1M Requests': 1_000_000 } };
    expect(
      toTiers(query, [
        dimension('0', '333', '3.50', '1M Requests'),
        dimension('333', 'Inf', '2.80', '1M Requests'),
      ]).tiers,
    ).toEqual([
      { from: 0, to: 333_000_000, usd: 0.0000035 },
      { from: 333_000_000, usd: 0.0000028 },
    ]);
  });

  it('refuses a unit the id does not accept, naming the ones it does', () => {
    expect(() => toTiers(lambdaRequests, [dimension('0', 'Inf', '0.2', 'Million Requests')])).toThrow(
      /prices it per "Million Requests", which is not a unit this id accepts \(Requests, API Requests, API Calls\); add the unit and its factor to the query's apiUnits/,
    );
  });

  it('leaves a published free band to alwaysFree, and says so when the two disagree', () => {
    const sns: PriceQuery = {
      id: 'sns.requests',
      unit: 'Requests',
      description: 'x',
      alwaysFree: { quantity: 1_000_000, note: 'free' },
    };
    const free = [dimension('0', '1000000', '0.0000000000'), dimension('1000000', 'Inf', '0.0000005000')];
    expect(toTiers(sns, free)).toEqual({
      tiers: [{ from: 0, usd: 0.0000005 }],
      notes: ["dropped the API's free band (first 1000000 Requests); alwaysFree covers it"],
    });
    const other = toTiers({ ...sns, alwaysFree: { quantity: 2_000_000, note: 'free' } }, free);
    expect(other.notes[0]).toMatch(/differs from alwaysFree \(2000000\); check the allowance/);
    // Without an allowance, a $0 band is a real price band and stays.
    expect(toTiers({ ...sns, alwaysFree: undefined }, free).tiers).toEqual([
      { from: 0, to: 1_000_000, usd: 0 },
      { from: 1_000_000, usd: 0.0000005 },
    ]);
  });

  it('refuses bands with gaps, bands that do not start at 0 or end at Inf, and prices that are not numbers', () => {
    const gap = [dimension('0', '10', '1'), dimension('20', 'Inf', '1')];
    expect(() => toTiers(lambdaRequests, gap)).toThrow(
      /not contiguous: one ends at 10, the next starts at 20/,
    );
    expect(() => toTiers(lambdaRequests, [dimension('5', 'Inf', '1')])).toThrow(/starts at 5, not 0/);
    expect(() => toTiers(lambdaRequests, [dimension('0', '10', '1')])).toThrow(/ends at 10, not Inf/);
    expect(() => toTiers(lambdaRequests, [dimension('0', 'Inf', 'n/a')])).toThrow(TierConversionError);
    expect(() => toTiers(lambdaRequests, [])).toThrow(/no price dimensions/);
  });
});
