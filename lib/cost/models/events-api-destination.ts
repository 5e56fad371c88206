import type { CostModel } from './cost-model.ts';
import { PRICE_SERVICES } from './price-services.ts';

/**
 * EventBridge API destinations: each invocation of the HTTP endpoint from a rule or a pipe, each 64 KB of
 * payload counting as one. The connection it authorizes with costs nothing; data sent out to the internet is
 * billed as data transfer, not priced here.
 *
 * Pricing: https://aws.amazon.com/eventbridge/pricing/
 */
export const apiDestination: CostModel = {
  types: ['AWS::Events::ApiDestination'],
  service: 'Amazon EventBridge',
  usage: {
    invocations: {
      description: 'Invocations of the endpoint per month (each 64 KB of payload counts as one)',
      unit: 'invocations',
      default: 10_000,
    },
  },
  prices: [
    {
      service: PRICE_SERVICES.eventBridge,
      queries: [
        {
          id: 'eventbridge.api-destinations.invocations',
          unit: 'Invocations',
          description: 'EventBridge API destination invocations, per 64 KB chunk',
          usageType: 'ApiDestination-Invocations',
          optional:
            'the usage type name is not confirmed against an offer file; if no product has it, the price is left out rather than failing the refresh',
        },
      ],
    },
  ],
  components: ({ usage }) => [
    {
      name: 'Invocations',
      priceId: 'eventbridge.api-destinations.invocations',
      quantity: usage('invocations'),
      basis: 'invocations',
    },
  ],
};
