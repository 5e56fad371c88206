import { describe, expect, it } from 'vitest';
import { componentsOf, monthlyCost, quantities, usageDefaults, usageRead } from './model-test-kit.ts';
import { pipe } from './pipes-pipe.ts';

describe('EventBridge pipe', () => {
  it('bills the requests that pass its filter', () => {
    expect(quantities(componentsOf(pipe, {}, { requests: 4 }))).toEqual({ 'eventbridge.pipes.requests': 4 });
    expect(usageDefaults(pipe)).toEqual({ requests: 10_000 });
    expect(usageRead(pipe)).toEqual(['requests']);
  });

  // Before this price was bundled, 29 pipes in aws-samples/serverless-patterns were "no price in the catalog".
  it('prices requests at $0.40 per million from the bundled catalog: 5 million requests = $2.00', () => {
    expect(monthlyCost(componentsOf(pipe, {}, { requests: 5e6 })).after).toBeCloseTo(2, 6);
  });
});
