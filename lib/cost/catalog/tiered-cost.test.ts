import { describe, expect, it } from 'vitest';
import { loadCatalog } from './load-catalog.ts';
import type { PriceTier } from './price-catalog.ts';
import { priceLookup, tieredCost, UnknownPriceError } from './tiered-cost.ts';

const FLAT: PriceTier[] = [{ from: 0, usd: 0.5 }];
/** S3 Standard's shape: $0.023 up to 51,200 GB, $0.022 up to 512,000 GB, $0.021 beyond. */
const S3: PriceTier[] = [
  { from: 0, to: 51_200, usd: 0.023 },
  { from: 51_200, to: 512_000, usd: 0.022 },
  { from: 512_000, usd: 0.021 },
];

describe('tieredCost', () => {
  it('prices a flat rate', () => {
    expect(tieredCost(FLAT, 30)).toBe(15);
    expect(tieredCost(FLAT, 30, 1_000_000)).toBe(15);
  });

  it('spreads a quantity over several bands', () => {
    expect(tieredCost(S3, 52_900)).toBeCloseTo(51_200 * 0.023 + 1_700 * 0.022, 10);
    expect(tieredCost(S3, 600_000)).toBeCloseTo(51_200 * 0.023 + 460_800 * 0.022 + 88_000 * 0.021, 8);
  });

  it('starts where the account already is when alreadyUsed crosses a band boundary', () => {
    // 30,000 GB in other buckets; this bucket's 40,000 GB straddle the 51,200 GB edge.
    expect(tieredCost(S3, 40_000, 30_000)).toBeCloseTo(21_200 * 0.023 + 18_800 * 0.022, 10);
    // The parts add up to the whole, whatever the split.
    expect(tieredCost(S3, 30_000) + tieredCost(S3, 40_000, 30_000)).toBeCloseTo(tieredCost(S3, 70_000), 10);
  });

  it('prices at the band the account is in when alreadyUsed is beyond the first bands', () => {
    expect(tieredCost(S3, 1_000, 600_000)).toBeCloseTo(1_000 * 0.021, 10);
    expect(tieredCost(S3, 1_000, 51_200)).toBeCloseTo(1_000 * 0.022, 10);
  });

  it('costs nothing for zero units', () => {
    expect(tieredCost(S3, 0)).toBe(0);
    expect(tieredCost(S3, 0, 100_000)).toBe(0);
  });

  it('prices fractional quantities, including across an edge', () => {
    expect(tieredCost(FLAT, 0.25)).toBe(0.125);
    expect(tieredCost(S3, 1.5, 51_199.5)).toBeCloseTo(0.5 * 0.023 + 1 * 0.022, 12);
  });

  it('applies a free allowance as units already used', () => {
    const lambda: PriceTier[] = [{ from: 0, usd: 0.0000166667 }];
    const used = 1_500_000;
    const free = 400_000;
    expect(tieredCost(lambda, used - free, free)).toBeCloseTo(18.33337, 8);
  });

  it('refuses negative, infinite or missing quantities and an empty band list', () => {
    expect(() => tieredCost(S3, -1)).toThrow(/quantity must be a finite number >= 0, found -1/);
    expect(() => tieredCost(S3, 1, -5)).toThrow(/alreadyUsed must be a finite number >= 0/);
    expect(() => tieredCost(S3, Number.POSITIVE_INFINITY)).toThrow(RangeError);
    expect(() => tieredCost(S3, Number.NaN)).toThrow(RangeError);
    expect(() => tieredCost([], 1)).toThrow(/at least one price band/);
  });
});

describe('priceLookup', () => {
  const catalog = loadCatalog('us-east-1');

  it('returns the entry of a known id', () => {
    expect(priceLookup(catalog, 'lambda.requests').usageType).toBe('Request');
  });

  it('names close matches for a mistyped id', () => {
    const error = (() => {
      try {
        priceLookup(catalog, 'lambda.request');
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(UnknownPriceError);
    const unknown = error as UnknownPriceError;
    expect(unknown.suggestions[0]).toBe('lambda.requests');
    expect(unknown.message).toContain('Unknown price id "lambda.request" in the us-east-1 price catalog');
    expect(unknown.message).toContain('Did you mean "lambda.requests"');
    expect(unknown.message).toContain('never assumed to be zero');
  });

  it("lists the service's ids when nothing is close", () => {
    expect(() => priceLookup(catalog, 'sqs.standard.messages-sent-per-month')).toThrow(
      /Ids of "sqs": sqs\.standard\.requests, sqs\.fifo\.requests/,
    );
  });

  it('lists the services when the prefix is unknown', () => {
    expect(() => priceLookup(catalog, 'gamelift.fleets')).toThrow(/No id starts with "gamelift\."; .*lambda/);
  });

  it('does not treat inherited object keys as prices', () => {
    expect(() => priceLookup(catalog, 'toString')).toThrow(UnknownPriceError);
    expect(() => priceLookup(catalog, '__proto__')).toThrow(UnknownPriceError);
  });
});
