import { describe, expect, it } from 'vitest';
import { dashboard } from './cloudwatch-dashboard.ts';
import { componentsOf, monthlyCost, quantities, usageRead } from './model-test-kit.ts';

describe('CloudWatch dashboard', () => {
  it('bills one dashboard-month, idle or not', () => {
    expect(quantities(componentsOf(dashboard))).toEqual({ 'cloudwatch.dashboards': 1 });
    expect(componentsOf(dashboard)[0]?.idle).toBe(true);
  });

  it('needs no usage', () => {
    expect(dashboard.usage).toEqual({});
    expect(usageRead(dashboard)).toEqual([]);
  });

  it('bills nothing for the first 3 dashboards', () => {
    const dashboards = (count: number) => Array.from({ length: count }, () => componentsOf(dashboard)).flat();
    expect(monthlyCost(dashboards(3)).after).toBe(0);
    expect(monthlyCost(dashboards(4)).after).toBeGreaterThan(0);
  });
});
