import { describe, expect, it } from 'vitest';
import { natGateway } from './ec2-nat-gateway.ts';
import { componentsOf, monthlyCost, quantities, usageDefaults, usageRead } from './model-test-kit.ts';

describe('NAT gateway', () => {
  it('bills hours, idle or not, and data processed', () => {
    expect(quantities(componentsOf(natGateway, {}, { processedGb: 3 }))).toEqual({
      'vpc.nat-gateway.hours': 730,
      'vpc.nat-gateway.data': 3,
    });
    expect(componentsOf(natGateway)[0]?.idle).toBe(true);
  });

  it('reads the data processed; by default 1 GB a month', () => {
    expect(usageDefaults(natGateway)).toEqual({ processedGb: 1 });
    expect(usageRead(natGateway)).toEqual(['processedGb']);
  });

  it('has no always-free allowance', () => {
    const cost = monthlyCost(componentsOf(natGateway));
    expect(cost.before).toBeGreaterThan(0);
    expect(cost.after).toBe(cost.before);
  });
});
