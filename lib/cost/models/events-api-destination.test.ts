import { describe, expect, it } from 'vitest';
import { apiDestination } from './events-api-destination.ts';
import { componentsOf, monthlyCost, quantities, usageDefaults, usageRead } from './model-test-kit.ts';

describe('EventBridge API destinations', () => {
  // Before this model, 18 API destinations in aws-samples/serverless-patterns were "no cost model".
  it("bills invocations as AWS's pricing example: 2 million invocations = $0.40", () => {
    const c = componentsOf(apiDestination, { HttpMethod: 'POST' }, { invocations: 2e6 });
    expect(quantities(c)).toEqual({ 'eventbridge.api-destinations.invocations': 2e6 });
    expect(monthlyCost(c).after).toBeCloseTo(0.4, 6);
    expect(c[0]?.idle).toBeUndefined();
  });

  it('assumes 10,000 invocations a month', () => {
    expect(usageDefaults(apiDestination)).toEqual({ invocations: 10_000 });
    expect(usageRead(apiDestination)).toEqual(['invocations']);
  });
});
