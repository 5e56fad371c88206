import { describe, expect, it } from 'vitest';
import { metricFilter } from './logs-metric-filter.ts';
import { componentsOf, monthlyCost, quantities, usageRead } from './model-test-kit.ts';

const transformations = (count: number) => ({
  MetricTransformations: Array.from({ length: count }, (_, i) => ({ MetricName: `m${i}` })),
});

describe('CloudWatch Logs metric filter', () => {
  it('one custom metric per transformation, idle when a default value is published', () => {
    const c = componentsOf(metricFilter, {
      MetricTransformations: [{ MetricName: 'Errors', DefaultValue: 0 }],
    });
    expect(c).toEqual([
      expect.objectContaining({ priceId: 'cloudwatch.metrics.custom', quantity: 1, idle: true }),
    ]);
    expect(componentsOf(metricFilter, transformations(2))).toEqual([
      expect.objectContaining({ quantity: 2, idle: false }),
    ]);
  });

  it('needs no usage: the template states its metrics', () => {
    expect(metricFilter.usage).toEqual({});
    expect(usageRead(metricFilter, transformations(3))).toEqual([]);
    expect(quantities(componentsOf(metricFilter))).toEqual({ 'cloudwatch.metrics.custom': 1 });
  });

  it('bills nothing within 10 custom metrics', () => {
    expect(monthlyCost(componentsOf(metricFilter, transformations(10)))).toMatchObject({ after: 0 });
    expect(monthlyCost(componentsOf(metricFilter, transformations(11))).after).toBeGreaterThan(0);
  });
});
