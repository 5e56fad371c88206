import type { CostModel } from './cost-model.ts';
import { PRICE_SERVICES } from './price-services.ts';

/**
 * Dashboards: a dashboard-month each (the Price List prices them once for every region).
 *
 * Pricing: https://aws.amazon.com/cloudwatch/pricing/
 */
export const dashboard: CostModel = {
  types: ['AWS::CloudWatch::Dashboard'],
  service: 'Amazon CloudWatch',
  usage: {},
  prices: [
    {
      service: PRICE_SERVICES.cloudWatch,
      queries: [
        {
          id: 'cloudwatch.dashboards',
          unit: 'Dashboards',
          description: 'CloudWatch dashboard, per dashboard-month',
          usageType: 'DashboardsUsageHour-Basic',
          global: true,
          alwaysFree: { quantity: 3, note: 'CloudWatch free tier: 3 dashboards' },
        },
      ],
    },
  ],
  components: () => [
    { name: 'Dashboard', priceId: 'cloudwatch.dashboards', quantity: 1, idle: true, basis: 'one dashboard' },
  ],
};
