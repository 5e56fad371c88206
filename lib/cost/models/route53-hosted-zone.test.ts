import { describe, expect, it } from 'vitest';
import { componentsOf, monthlyCost, quantities, usageDefaults, usageRead } from './model-test-kit.ts';
import { hostedZone } from './route53-hosted-zone.ts';

describe('Route 53 hosted zone', () => {
  it('bills the zone, idle or not, and the standard queries it answers', () => {
    expect(quantities(componentsOf(hostedZone, {}, { queries: 3 }))).toEqual({
      'route53.hosted-zone': 1,
      'route53.queries.standard': 3,
    });
    expect(componentsOf(hostedZone)[0]?.idle).toBe(true);
    expect(usageDefaults(hostedZone)).toEqual({ queries: 0 });
    expect(usageRead(hostedZone)).toEqual(['queries']);
  });

  it('prices as Infracost does: $0.50 a zone; 1.1 billion queries = $400 + $20', () => {
    expect(monthlyCost(componentsOf(hostedZone)).after).toBeCloseTo(0.5, 6);
    // First billion at $0.40 per million, the next 100 million at $0.20 (route53_record_test.golden).
    expect(monthlyCost(componentsOf(hostedZone, {}, { queries: 1.1e9 })).after).toBeCloseTo(420.5, 6);
  });
});
