import { describe, expect, it } from 'vitest';
import { vpcEndpoint } from './ec2-vpc-endpoint.ts';
import { componentsOf, monthlyCost, quantities, usageDefaults, usageRead } from './model-test-kit.ts';

const INTERFACE = { VpcEndpointType: 'Interface', SubnetIds: ['a', 'b'] };

describe('VPC endpoint', () => {
  it('bills interface endpoints per AZ-hour and per GB; gateway endpoints are free', () => {
    expect(quantities(componentsOf(vpcEndpoint, INTERFACE))['vpc.interface-endpoint.hours']).toBe(1460);
    expect(componentsOf(vpcEndpoint, { VpcEndpointType: 'Gateway' })).toEqual([]);
    expect(componentsOf(vpcEndpoint)).toEqual([]);
  });

  it('reads the data an interface endpoint processes; by default 1 GB a month', () => {
    expect(usageDefaults(vpcEndpoint)).toEqual({ processedGb: 1 });
    expect(usageRead(vpcEndpoint, INTERFACE)).toEqual(['processedGb']);
    expect(usageRead(vpcEndpoint)).toEqual([]);
    expect(quantities(componentsOf(vpcEndpoint, INTERFACE))['vpc.interface-endpoint.data']).toBe(1);
  });

  it('has no always-free allowance', () => {
    const cost = monthlyCost(componentsOf(vpcEndpoint, INTERFACE));
    expect(cost.before).toBeGreaterThan(0);
    expect(cost.after).toBe(cost.before);
  });
});
