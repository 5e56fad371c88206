import type { CostModel } from './cost-model.ts';
import { PRICE_SERVICES } from './price-services.ts';

/**
 * Metric filters publish one custom metric per transformation.
 *
 * Pricing: https://aws.amazon.com/cloudwatch/pricing/
 */
export const metricFilter: CostModel = {
  types: ['AWS::Logs::MetricFilter'],
  service: 'Amazon CloudWatch',
  usage: {},
  prices: [
    {
      service: PRICE_SERVICES.cloudWatch,
      queries: [
        {
          id: 'cloudwatch.metrics.custom',
          unit: 'Metrics',
          description: 'CloudWatch custom metrics, per metric-month',
          usageType: 'CW:MetricMonitorUsage',
          alwaysFree: { quantity: 10, note: 'CloudWatch free tier: 10 custom metrics' },
        },
      ],
    },
  ],
  components: ({ resource }) => {
    const transformations = resource.properties.MetricTransformations;
    const list = Array.isArray(transformations) ? (transformations as { DefaultValue?: unknown }[]) : [{}];
    // With a default value the metric is published every minute, matched or not: billed even when idle.
    const idle = list.some((t) => t.DefaultValue !== undefined);
    return [
      {
        name: 'Custom metrics',
        priceId: 'cloudwatch.metrics.custom',
        quantity: list.length,
        idle,
        basis: `${list.length} metric transformation(s)`,
      },
    ];
  },
};
