import type { CostModel } from './cost-model.ts';
import { PRICE_SERVICES } from './price-services.ts';

/**
 * EventBridge Pipes: requests that enter the pipe after its filter, each 64 KB of payload counting as one.
 * The source's polling, the enrichment and the target are billed on those services.
 *
 * Pricing: https://aws.amazon.com/eventbridge/pricing/
 */
export const pipe: CostModel = {
  types: ['AWS::Pipes::Pipe'],
  service: 'Amazon EventBridge',
  usage: {
    requests: {
      description: 'Events that pass the filter per month (each 64 KB of payload counts as one)',
      unit: 'requests',
      default: 10_000,
    },
  },
  prices: [
    {
      service: PRICE_SERVICES.eventBridge,
      queries: [
        {
          id: 'eventbridge.pipes.requests',
          unit: 'Requests',
          description: 'EventBridge Pipes requests, per 64 KB chunk',
          usageType: 'Pipes-Requests',
        },
      ],
    },
  ],
  components: ({ usage }) => [
    {
      name: 'Pipe requests',
      priceId: 'eventbridge.pipes.requests',
      quantity: usage('requests'),
      basis: 'requests',
    },
  ],
};
