import { describe, expect, it } from 'vitest';
import { restApi } from './apigateway-rest-api.ts';
import { componentsOf, monthlyCost, quantities, usageDefaults, usageRead } from './model-test-kit.ts';

describe('API Gateway REST API', () => {
  it('bills requests, SAM APIs too', () => {
    expect(quantities(componentsOf(restApi, {}, { requests: 5 }))).toEqual({ 'apigateway.rest.requests': 5 });
    expect(quantities(componentsOf(restApi, {}, {}, 'AWS::Serverless::Api'))).toEqual({
      'apigateway.rest.requests': 10_000,
    });
  });

  it('reads requests; by default 10,000 a month', () => {
    expect(usageDefaults(restApi)).toEqual({ requests: 10_000 });
    expect(usageRead(restApi)).toEqual(['requests']);
  });

  it('has no always-free allowance (its free tier is a 12-month offer for new accounts)', () => {
    const cost = monthlyCost(componentsOf(restApi));
    expect(cost.before).toBeGreaterThan(0);
    expect(cost.after).toBe(cost.before);
  });
});
