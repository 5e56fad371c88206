import { describe, expect, it } from 'vitest';
import { cloudFrontDistribution } from './cloudfront-distribution.ts';
import { componentsOf, monthlyCost, quantities, usageDefaults, usageRead } from './model-test-kit.ts';

describe('CloudFront distribution', () => {
  it('bills data out and HTTPS and HTTP requests from the usage', () => {
    expect(
      quantities(
        componentsOf(cloudFrontDistribution, {}, { dataOutGb: 5, httpsRequests: 7, httpRequests: 3 }),
      ),
    ).toEqual({
      'cloudfront.data-out.us': 5,
      'cloudfront.requests.https.us': 7,
      'cloudfront.requests.http.us': 3,
    });
    expect(usageRead(cloudFrontDistribution)).toEqual(['dataOutGb', 'httpRequests', 'httpsRequests']);
    expect(usageDefaults(cloudFrontDistribution)).toEqual({
      dataOutGb: 1,
      httpsRequests: 10_000,
      httpRequests: 0,
    });
  });

  it('costs a learner nothing: the first TB and 10 million requests are always free', () => {
    const cost = monthlyCost(componentsOf(cloudFrontDistribution));
    expect(cost.before).toBeGreaterThan(0);
    expect(cost.after).toBe(0);
  });

  it('prices by hand: 2,048 GB and 20 million HTTPS requests = $174.08 + $20 listed, $87.04 + $10 after the free tier', () => {
    // 2,048 GB × $0.085; 20,000,000 × $0.0100 / 10,000. Free: 1,024 GB and 10,000,000 requests.
    const cost = monthlyCost(
      componentsOf(cloudFrontDistribution, {}, { dataOutGb: 2048, httpsRequests: 20e6 }),
    );
    expect(cost.before).toBeCloseTo(194.08, 6);
    expect(cost.after).toBeCloseTo(97.04, 6);
  });

  it('walks the data-out bands: 60,000 GB = 10,240 × $0.085 + 40,960 × $0.080 + 8,800 × $0.060', () => {
    const cost = monthlyCost(
      componentsOf(cloudFrontDistribution, {}, { dataOutGb: 60_000, httpsRequests: 0 }),
    );
    expect(cost.before).toBeCloseTo(870.4 + 3_276.8 + 528, 6);
  });

  it('shares the 10 million free requests between HTTP and HTTPS', () => {
    const cost = monthlyCost(
      componentsOf(cloudFrontDistribution, {}, { dataOutGb: 0, httpsRequests: 6e6, httpRequests: 6e6 }),
    );
    expect(cost.before).toBeCloseTo(6 + 4.5, 6);
    expect(cost.after).toBeGreaterThan(0);
    expect(cost.after).toBeLessThan(cost.before - 7.5 + 1e-9);
  });
});
