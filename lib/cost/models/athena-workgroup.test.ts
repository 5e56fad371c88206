import { describe, expect, it } from 'vitest';
import { athenaWorkGroup } from './athena-workgroup.ts';
import { componentsOf, monthlyCost, quantities, usageDefaults, usageRead } from './model-test-kit.ts';

describe('Athena workgroup', () => {
  it('rounds each query up to a whole MB with a 10 MB minimum', () => {
    expect(
      quantities(componentsOf(athenaWorkGroup, {}, { queries: 1024 * 1024, averageScannedMb: 2 })),
    ).toEqual({ 'athena.data-scanned': 10 });
    expect(
      quantities(componentsOf(athenaWorkGroup, {}, { queries: 1024, averageScannedMb: 1023.2 })),
    ).toEqual({ 'athena.data-scanned': 1 });
  });

  it('caps a query at the workgroup’s BytesScannedCutoffPerQuery', () => {
    const cutoff = { WorkGroupConfiguration: { BytesScannedCutoffPerQuery: 100 * 1024 * 1024 } };
    const c = componentsOf(athenaWorkGroup, cutoff, { queries: 1024 * 1024, averageScannedMb: 5000 });
    expect(quantities(c)).toEqual({ 'athena.data-scanned': 100 });
    expect(c[0]?.basis).toMatch(/capped/);
  });

  it('reads queries and the data one scans; by default 300 queries of 50 MB', () => {
    expect(usageDefaults(athenaWorkGroup)).toEqual({ queries: 300, averageScannedMb: 50 });
    expect(usageRead(athenaWorkGroup)).toEqual(['averageScannedMb', 'queries']);
    expect(quantities(componentsOf(athenaWorkGroup))).toEqual({
      'athena.data-scanned': (300 * 50) / (1024 * 1024),
    });
  });

  it('says its MB and TB are binary, and what 3,000,000 MB comes to', () => {
    const [scanned] = componentsOf(athenaWorkGroup, {}, { queries: 1, averageScannedMb: 3_000_000 });
    expect(scanned?.unit).toBe('TB (2^40 bytes)');
    expect(scanned?.quantity).toBeCloseTo(2.861, 3);
    expect(scanned?.basis).toBe(
      "1 queries × 3,000,000 MB ÷ 1,048,576 MB per TB (Athena's MB and TB are binary)",
    );
    expect(athenaWorkGroup.usage.averageScannedMb).toMatchObject({ unit: 'MB of 2^20 bytes' });
    expect(athenaWorkGroup.usage.averageScannedMb?.description).toMatch(
      /its TB is 1,048,576 MB, so 3 TB scanned by one query is 3,145,728 MB, not 3,000,000/,
    );
  });

  it('has no always-free allowance', () => {
    const cost = monthlyCost(componentsOf(athenaWorkGroup));
    expect(cost.before).toBeGreaterThan(0);
    expect(cost.after).toBe(cost.before);
  });
});
