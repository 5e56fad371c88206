import type { CostModel } from './cost-model.ts';
import { PRICE_SERVICES } from './price-services.ts';

/**
 * EventBridge Scheduler schedules: invocations.
 *
 * Pricing: https://aws.amazon.com/eventbridge/pricing/
 */
export const schedule: CostModel = {
  types: ['AWS::Scheduler::Schedule'],
  service: 'Amazon EventBridge',
  usage: {
    invocations: { description: 'Invocations per month', unit: 'invocations', default: 30 },
  },
  prices: [
    {
      service: PRICE_SERVICES.eventBridge,
      queries: [
        {
          id: 'eventbridge.scheduler.invocations',
          unit: 'Invocations',
          description: 'EventBridge Scheduler invocations',
          usageType: 'ScheduledInvocation',
          alwaysFree: {
            quantity: 14_000_000,
            note: 'EventBridge Scheduler free tier: 14M invocations per month',
          },
        },
      ],
    },
  ],
  components: ({ usage }) => [
    {
      name: 'Scheduler invocations',
      priceId: 'eventbridge.scheduler.invocations',
      quantity: usage('invocations'),
      basis: 'invocations',
    },
  ],
};
