import { describe, expect, it } from 'vitest';
import { PRICE_QUERY_SETS } from '../models/index.ts';
import type { PriceQuery, ServiceQuerySet } from '../models/price-query.ts';
import { buildFilters, stripRegionPrefix, UnknownRegionError, usageTypeCandidates } from './price-filters.ts';

function setOf(label: string): ServiceQuerySet {
  const set = PRICE_QUERY_SETS.find((s) => s.label === label);
  if (!set) throw new Error(`no query set ${label}`);
  return set;
}

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
    expect(() => usageTypeCandidates('xx-north-7', s3, storage)).toThrow(
      /Add it to REGION_USAGE_TYPE_PREFIX in lib\/cost\/refresh\/price-filters\.ts/,
    );
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
