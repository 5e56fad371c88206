import { describe, expect, it } from 'vitest';
import {
  componentsOf,
  monthlyCost,
  quantities,
  unpricedReason,
  usageDefaults,
  usageRead,
} from './model-test-kit.ts';
import { healthCheck } from './route53-health-check.ts';

// The checks of Infracost's route53_health_check_test, as CloudFormation writes them.
const check = (config: Record<string, unknown>) => ({
  HealthCheckConfig: { FullyQualifiedDomainName: 'example.com', ...config },
});

describe('Route 53 health checks', () => {
  it("bills a plain HTTP check of an AWS endpoint $0.50 a month, as Infracost's 'simple'", () => {
    const c = componentsOf(healthCheck, check({ Type: 'HTTP', Port: 80 }));
    expect(quantities(c)).toEqual({ 'route53.health-check.aws': 1, 'route53.health-check.option.aws': 0 });
    expect(monthlyCost(c).before).toBeCloseTo(0.5, 6);
    expect(c[0]?.idle).toBe(true);
  });

  it('adds a feature-month for HTTPS, string matching, latency and the 10 s interval: $0.50 + $4.00', () => {
    const all = check({
      Type: 'HTTPS_STR_MATCH',
      SearchString: 'ok',
      MeasureLatency: true,
      RequestInterval: 10,
    });
    const c = componentsOf(healthCheck, all);
    expect(quantities(c)).toEqual({ 'route53.health-check.aws': 1, 'route53.health-check.option.aws': 4 });
    expect(monthlyCost(c).before).toBeCloseTo(4.5, 6);
    expect(c[1]?.basis).toBe('HTTPS, string matching, fast interval (10 s), latency measurement');
    // Outside AWS: $0.75 + 4 × $2.00, Infracost's ssl_latency_interval_string_match_withUsage.
    expect(monthlyCost(componentsOf(healthCheck, all, { nonAwsEndpoint: 1 })).before).toBeCloseTo(8.75, 6);
  });

  it('leaves calculated and CloudWatch-alarm checks not priced, naming the type', () => {
    expect(unpricedReason(healthCheck, check({ Type: 'CALCULATED' }))).toMatch(
      /CALCULATED health check .* not priced/,
    );
    expect(unpricedReason(healthCheck, check({ Type: 'CLOUDWATCH_METRIC' }))).toMatch(/CLOUDWATCH_METRIC/);
    expect(unpricedReason(healthCheck, check({ Type: 'TCP' }))).toBeUndefined();
  });

  it('assumes an AWS endpoint', () => {
    expect(usageDefaults(healthCheck)).toEqual({ nonAwsEndpoint: 0 });
    expect(usageRead(healthCheck, check({ Type: 'HTTP' }))).toEqual(['nonAwsEndpoint']);
  });
});
