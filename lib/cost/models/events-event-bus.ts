import type { CostModel } from './cost-model.ts';
import { PRICE_SERVICES } from './price-services.ts';

/**
 * Custom event buses: custom events published (AWS service events on the default bus are free).
 *
 * Pricing: https://aws.amazon.com/eventbridge/pricing/
 */
export const eventBus: CostModel = {
  types: ['AWS::Events::EventBus'],
  service: 'Amazon EventBridge',
  usage: {
    customEvents: {
      description: 'Custom events published to the bus per month',
      unit: 'events',
      default: 10_000,
    },
  },
  prices: [
    {
      service: PRICE_SERVICES.eventBridge,
      queries: [
        {
          id: 'eventbridge.custom-events',
          unit: 'Events',
          description: 'EventBridge custom events (64 KB chunks)',
          usageType: 'Event-64K-Chunks',
        },
      ],
    },
  ],
  components: ({ usage }) => [
    {
      name: 'Custom events',
      priceId: 'eventbridge.custom-events',
      quantity: usage('customEvents'),
      basis: 'customEvents',
    },
  ],
};
