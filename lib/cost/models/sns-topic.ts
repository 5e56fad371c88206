import type { CostModel } from './cost-model.ts';
import { PRICE_SERVICES } from './price-services.ts';

/**
 * SNS topics: publish requests and e-mail deliveries (deliveries to SQS and Lambda are free).
 *
 * Pricing: https://aws.amazon.com/sns/pricing/
 */
export const snsTopic: CostModel = {
  types: ['AWS::SNS::Topic'],
  service: 'Amazon SNS',
  usage: {
    publishes: { description: 'Messages published per month', unit: 'requests', default: 1_000 },
    emailDeliveries: {
      description: 'E-mail notifications delivered per month',
      unit: 'notifications',
      default: 100,
    },
  },
  prices: [
    {
      service: PRICE_SERVICES.sns,
      queries: [
        {
          id: 'sns.requests',
          unit: 'Requests',
          description: 'SNS API requests (publish)',
          usageType: 'Requests-Tier1',
          alwaysFree: { quantity: 1_000_000, note: 'SNS free tier: 1M requests per month' },
        },
        {
          id: 'sns.email',
          unit: 'Notifications',
          description: 'SNS email notifications',
          usageType: 'DeliveryAttempts-SMTP',
          alwaysFree: { quantity: 1_000, note: 'SNS free tier: 1,000 email notifications per month' },
        },
      ],
    },
  ],
  components: ({ usage }) => [
    { name: 'Publish requests', priceId: 'sns.requests', quantity: usage('publishes'), basis: 'publishes' },
    {
      name: 'E-mail deliveries',
      priceId: 'sns.email',
      quantity: usage('emailDeliveries'),
      basis: 'emailDeliveries',
    },
  ],
};
