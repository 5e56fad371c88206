import { describe, expect, it } from 'vitest';
import { elasticIp } from './ec2-eip.ts';
import { componentsOf, monthlyCost, quantities, usageRead } from './model-test-kit.ts';

describe('Elastic IP', () => {
  it('bills its public IPv4 address every hour', () => {
    expect(quantities(componentsOf(elasticIp))).toEqual({ 'vpc.public-ipv4': 730 });
    expect(componentsOf(elasticIp)[0]?.idle).toBe(true);
  });

  it('needs no usage', () => {
    expect(elasticIp.usage).toEqual({});
    expect(usageRead(elasticIp)).toEqual([]);
  });

  it('has no always-free allowance', () => {
    const cost = monthlyCost(componentsOf(elasticIp));
    expect(cost.before).toBeGreaterThan(0);
    expect(cost.after).toBe(cost.before);
  });
});
