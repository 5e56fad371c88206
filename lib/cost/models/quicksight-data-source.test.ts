import { describe, expect, it } from 'vitest';
import { componentsOf, monthlyCost, quantities, usageDefaults, usageRead } from './model-test-kit.ts';
import { quickSightDataSource } from './quicksight-data-source.ts';

describe('QuickSight data source', () => {
  it('bills user subscriptions on the data source', () => {
    expect(quantities(componentsOf(quickSightDataSource, {}, { authors: 2, readers: 5 }))).toMatchObject({
      'quicksight.author': 2,
      'quicksight.reader': 5,
    });
  });

  it('reads authors, readers and extra SPICE; by default one author', () => {
    expect(usageDefaults(quickSightDataSource)).toEqual({ authors: 1, readers: 0, extraSpiceGb: 0 });
    expect(usageRead(quickSightDataSource)).toEqual(['authors', 'extraSpiceGb', 'readers']);
    expect(quantities(componentsOf(quickSightDataSource, {}, { extraSpiceGb: 10 }))).toEqual({
      'quicksight.author': 1,
      'quicksight.reader': 0,
      'quicksight.spice': 10,
    });
  });

  it('has no always-free allowance', () => {
    const cost = monthlyCost(componentsOf(quickSightDataSource));
    expect(cost.before).toBeGreaterThan(0);
    expect(cost.after).toBe(cost.before);
  });
});
