import { describe, expect, it } from 'vitest';
import { loadBalancer } from './elbv2-load-balancer.ts';
import { componentsOf, monthlyCost, quantities, unpricedReason, usageDefaults } from './model-test-kit.ts';

describe('Application and Network Load Balancers', () => {
  it("matches Infracost's ALB with 1,000 LCU-hours: 730 h $16.42 (Infracost shows $16.425 rounded down) + $8.00", () => {
    const c = componentsOf(loadBalancer, {}, { capacityUnits: 1000 / 730 });
    expect(quantities(c)).toEqual({ 'elb.application.hours': 730, 'elb.application.capacity-units': 1000 });
    expect(monthlyCost(c).before).toBeCloseTo(16.425 + 8, 6);
    expect(c[0]?.idle).toBe(true);
    expect(c[1]?.unit).toBe('LCU-hours');
  });

  it('prices a Network Load Balancer by its own hours and NLCUs', () => {
    const c = componentsOf(loadBalancer, { Type: 'network' });
    expect(quantities(c)).toEqual({ 'elb.network.hours': 730, 'elb.network.capacity-units': 730 });
    // 730 × $0.0225 + 730 × 1 NLCU × $0.006.
    expect(monthlyCost(c).before).toBeCloseTo(16.425 + 4.38, 6);
    expect(c[1]?.unit).toBe('NLCU-hours');
  });

  it('uses 1 capacity unit an hour by default and does not price Gateway Load Balancers', () => {
    expect(usageDefaults(loadBalancer)).toEqual({ capacityUnits: 1 });
    expect(unpricedReason(loadBalancer, { Type: 'gateway' })).toMatch(
      /gateway load balancers are not priced/,
    );
    expect(unpricedReason(loadBalancer, {})).toBeUndefined();
  });
});
