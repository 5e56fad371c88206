import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PriceCatalog } from '../catalog/price-catalog.ts';
import {
  allPriceIds,
  buildFilters,
  catalogUnitsPerApiUnit,
  PRICE_QUERY_SETS,
  type PriceDimension,
  type PriceQuery,
  type ServiceQuerySet,
  stripRegionPrefix,
  TierConversionError,
  toTiers,
  UnknownRegionError,
  usageTypeCandidates,
} from './price-queries.ts';

const BUNDLED: PriceCatalog = JSON.parse(
  readFileSync(path.join(import.meta.dirname, '../catalog/us-east-1.json'), 'utf8'),
);
const queries = PRICE_QUERY_SETS.flatMap((set) => set.queries.map((query) => ({ set, query })));
function setOf(label: string): ServiceQuerySet {
  const set = PRICE_QUERY_SETS.find((s) => s.label === label);
  if (!set) throw new Error(`no query set ${label}`);
  return set;
}

const dimension = (beginRange: string, endRange: string, usd: string, unit = 'Requests'): PriceDimension => ({
  unit,
  beginRange,
  endRange,
  pricePerUnit: { USD: usd },
});

describe('the query table', () => {
  it('covers exactly the price ids of the bundled catalog, once each, in the same order', () => {
    const ids = allPriceIds();
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(Object.keys(BUNDLED.prices));
  });

  it('uses the bundled catalog units and free allowances, so refreshed files read the same way', () => {
    for (const { query } of queries) {
      const bundled = BUNDLED.prices[query.id];
      expect({ id: query.id, unit: query.unit }).toEqual({ id: query.id, unit: bundled?.unit });
      expect({ id: query.id, free: query.alwaysFree?.quantity, pool: query.alwaysFree?.pool }).toEqual({
        id: query.id,
        free: bundled?.alwaysFree?.quantity,
        pool: bundled?.alwaysFree?.pool,
      });
    }
  });

  it('gives every query something to match besides the region: a usage type or attributes', () => {
    for (const { query } of queries) {
      expect(query.usageType !== undefined || Object.keys(query.attributes ?? {}).length > 0, query.id).toBe(
        true,
      );
    }
  });
});

describe('usage-type spellings', () => {
  const s3 = setOf('S3');
  const glue = setOf('Glue');
  const storage = s3.queries[0] as PriceQuery;
  const crawler = glue.queries.find((q) => q.id === 'glue.crawler.dpu-hour') as PriceQuery;

  it('prefixes the usage type with the region code outside us-east-1', () => {
    expect(usageTypeCandidates('eu-west-2', s3, storage)).toEqual(['EUW2-TimedStorage-ByteHrs']);
    expect(usageTypeCandidates('eu-west-1', s3, storage)).toEqual(['EU-TimedStorage-ByteHrs']);
    expect(usageTypeCandidates('ap-south-1', glue, crawler)).toEqual(['APS3-Crawler-DPU-Hour']);
  });

  it('tries both us-east-1 spellings, the service’s usual one first', () => {
    expect(usageTypeCandidates('us-east-1', s3, storage)).toEqual([
      'TimedStorage-ByteHrs',
      'USE1-TimedStorage-ByteHrs',
    ]);
    expect(usageTypeCandidates('us-east-1', glue, crawler)).toEqual([
      'USE1-Crawler-DPU-Hour',
      'Crawler-DPU-Hour',
    ]);
  });

  it('leaves account-wide usage types alone and refuses a region it has no prefix for', () => {
    const cloudwatch = setOf('CloudWatch');
    const dashboards = cloudwatch.queries.find((q) => q.global) as PriceQuery;
    expect(usageTypeCandidates('eu-west-2', cloudwatch, dashboards)).toEqual(['DashboardsUsageHour-Basic']);
    expect(() => usageTypeCandidates('xx-north-7', s3, storage)).toThrow(UnknownRegionError);
    expect(() => usageTypeCandidates('xx-north-7', s3, storage)).toThrow(/REGION_USAGE_TYPE_PREFIX/);
  });

  it('strips the region prefix the catalog does not keep', () => {
    expect(stripRegionPrefix('EU-Request', 'eu-west-1')).toBe('Request');
    expect(stripRegionPrefix('USE1-StateTransition', 'us-east-1')).toBe('StateTransition');
    expect(stripRegionPrefix('EUW2-PublicIPv4:InUseAddress', 'eu-west-2')).toBe('PublicIPv4:InUseAddress');
    expect(stripRegionPrefix('Request-ARM', 'us-east-1')).toBe('Request-ARM');
    expect(stripRegionPrefix('Requests-Tier1', 'eu-west-1')).toBe('Requests-Tier1');
  });

  it('builds TERM_MATCH filters on region, usage type and the extra attributes', () => {
    const transition = s3.queries.find((q) => q.id === 's3.transition.glacier-ir') as PriceQuery;
    expect(buildFilters('eu-west-1', transition, 'EU-Requests-Tier4')).toEqual([
      { Type: 'TERM_MATCH', Field: 'regionCode', Value: 'eu-west-1' },
      { Type: 'TERM_MATCH', Field: 'usagetype', Value: 'EU-Requests-Tier4' },
      { Type: 'TERM_MATCH', Field: 'operation', Value: 'S3-GIRTransition' },
    ]);
  });
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

  it('accepts the API’s spellings of a unit and refuses other units', () => {
    expect(catalogUnitsPerApiUnit(lambdaRequests, 'Request')).toBe(1);
    expect(catalogUnitsPerApiUnit(lambdaRequests, 'API Requests')).toBe(1);
    expect(catalogUnitsPerApiUnit({ ...lambdaRequests, unit: 'Hrs' }, 'Hours')).toBe(1);
    expect(catalogUnitsPerApiUnit({ ...lambdaRequests, unit: 'TB' }, 'Terabytes')).toBe(1);
    expect(catalogUnitsPerApiUnit(lambdaRequests, 'GB')).toBeUndefined();
    expect(() => toTiers(lambdaRequests, [dimension('0', 'Inf', '0.2', 'Million Requests')])).toThrow(
      /prices it per "Million Requests", which is not a unit this id accepts \(Requests, API Requests, API Calls\)/,
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
