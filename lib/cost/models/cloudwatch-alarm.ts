import { type CostModel, numberProperty } from './cost-model.ts';
import { PRICE_SERVICES } from './price-services.ts';

/**
 * Alarms: per alarm metric, standard or high resolution (period under 60 s).
 *
 * Pricing: https://aws.amazon.com/cloudwatch/pricing/
 */
export const alarm: CostModel = {
  types: ['AWS::CloudWatch::Alarm'],
  service: 'Amazon CloudWatch',
  usage: {},
  prices: [
    {
      service: PRICE_SERVICES.cloudWatch,
      queries: [
        {
          id: 'cloudwatch.alarms.standard',
          unit: 'Alarms',
          description: 'CloudWatch standard-resolution alarm, per alarm metric-month',
          attributes: { productFamily: 'Alarm', alarmType: 'Standard' },
          alwaysFree: { quantity: 10, note: 'CloudWatch free tier: 10 standard-resolution alarm metrics' },
        },
        {
          id: 'cloudwatch.alarms.high-resolution',
          unit: 'Alarms',
          description: 'CloudWatch high-resolution alarm, per alarm metric-month',
          attributes: { productFamily: 'Alarm', alarmType: 'High Resolution' },
        },
      ],
    },
  ],
  components: ({ resource }) => {
    const metrics = resource.properties.Metrics;
    const count = Array.isArray(metrics)
      ? Math.max(1, metrics.filter((m) => (m as { MetricStat?: unknown }).MetricStat).length)
      : 1;
    const period = numberProperty(resource, 'Period', 60);
    const highResolution = period < 60;
    return [
      {
        name: highResolution ? 'High-resolution alarm metrics' : 'Alarm metrics',
        priceId: highResolution ? 'cloudwatch.alarms.high-resolution' : 'cloudwatch.alarms.standard',
        quantity: count,
        idle: true,
        basis: `${count} metric(s), period ${period} s`,
      },
    ];
  },
};
