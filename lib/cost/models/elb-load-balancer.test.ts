import { describe, expect, it } from 'vitest';
import { classicLoadBalancer } from './elb-load-balancer.ts';
import { componentsOf, monthlyCost, quantities, usageDefaults } from './model-test-kit.ts';

describe('Classic Load Balancers', () => {
  it("matches Infracost's classic load balancer processing 10,000 GB: $18.25 + $80.00", () => {
    const c = componentsOf(classicLoadBalancer, {}, { processedGb: 10_000 });
    expect(quantities(c)).toEqual({ 'elb.classic.hours': 730, 'elb.classic.data': 10_000 });
    expect(monthlyCost(c).before).toBeCloseTo(98.25, 6);
    expect(c[0]?.idle).toBe(true);
  });

  it('assumes 1 GB processed a month by default', () => {
    expect(usageDefaults(classicLoadBalancer)).toEqual({ processedGb: 1 });
  });
});
