import type { CostModel } from './cost-model.ts';

/** Custom event buses: custom events published (AWS service events on the default bus are free). */
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
  components: ({ usage }) => [
    {
      name: 'Custom events',
      priceId: 'eventbridge.custom-events',
      quantity: usage('customEvents'),
      basis: 'customEvents',
    },
  ],
};

/** EventBridge Scheduler schedules: invocations. */
export const schedule: CostModel = {
  types: ['AWS::Scheduler::Schedule'],
  service: 'Amazon EventBridge',
  usage: {
    invocations: { description: 'Invocations per month', unit: 'invocations', default: 30 },
  },
  components: ({ usage }) => [
    {
      name: 'Scheduler invocations',
      priceId: 'eventbridge.scheduler.invocations',
      quantity: usage('invocations'),
      basis: 'invocations',
    },
  ],
};
