import { type CostModel, formatCount, nestedProperty, stringProperty } from './cost-model.ts';
import { PRICE_SERVICES } from './price-services.ts';

/**
 * Step Functions: state transitions (standard) or requests and GB-seconds in 64 MB steps (express); X-Ray traces.
 *
 * Pricing: https://aws.amazon.com/step-functions/pricing/ and https://aws.amazon.com/xray/pricing/
 */
export const stateMachine: CostModel = {
  types: ['AWS::StepFunctions::StateMachine', 'AWS::Serverless::StateMachine'],
  service: 'AWS Step Functions',
  usage: {
    executions: { description: 'Executions per month', unit: 'executions', default: 100 },
    transitionsPerExecution: {
      description: 'State transitions of one standard execution',
      unit: 'transitions',
      default: 10,
    },
    averageDurationMs: {
      description: 'Average duration of one express execution',
      unit: 'ms',
      default: 1_000,
    },
    memoryMb: {
      description: 'Memory an express execution uses (billed in 64 MB steps)',
      unit: 'MB',
      default: 64,
    },
  },
  prices: [
    {
      service: PRICE_SERVICES.stepFunctions,
      queries: [
        {
          id: 'sfn.standard.state-transitions',
          unit: 'Transitions',
          description: 'Step Functions Standard state transitions',
          usageType: 'StateTransition',
          alwaysFree: {
            quantity: 4_000,
            note: 'Step Functions free tier: 4,000 state transitions per month',
          },
        },
        {
          id: 'sfn.express.requests',
          unit: 'Requests',
          description: 'Step Functions Express requests',
          usageType: 'StepFunctions-Request',
        },
        {
          id: 'sfn.express.duration',
          unit: 'GB-Second',
          description: 'Step Functions Express duration',
          usageType: 'StepFunctions-GB-Second',
        },
      ],
    },
    {
      service: PRICE_SERVICES.xRay,
      queries: [
        {
          id: 'xray.traces-recorded',
          unit: 'Traces',
          description: 'X-Ray traces recorded',
          usageType: 'XRay-TracesStored',
          alwaysFree: { quantity: 100_000, note: 'X-Ray free tier: 100,000 traces recorded per month' },
        },
      ],
    },
  ],
  components: ({ resource, usage }) => {
    const executions = usage('executions');
    const type = stringProperty(resource, 'StateMachineType', stringProperty(resource, 'Type', 'STANDARD'));
    const traced = nestedProperty(resource, ['TracingConfiguration', 'Enabled']) === true;
    const tracing = traced
      ? [
          {
            name: 'X-Ray traces',
            priceId: 'xray.traces-recorded',
            quantity: executions,
            basis: 'one trace per execution',
          },
        ]
      : [];
    if (type === 'EXPRESS') {
      const memoryMb = Math.ceil(usage('memoryMb') / 64) * 64;
      const seconds = Math.ceil(usage('averageDurationMs') / 100) / 10;
      return [
        {
          name: 'Express requests',
          priceId: 'sfn.express.requests',
          quantity: executions,
          basis: 'executions',
        },
        {
          name: 'Express duration',
          priceId: 'sfn.express.duration',
          quantity: executions * seconds * (memoryMb / 1024),
          basis: `${formatCount(executions)} executions × ${seconds} s × ${memoryMb} MB`,
        },
        ...tracing,
      ];
    }
    const transitions = usage('transitionsPerExecution');
    return [
      {
        name: 'State transitions',
        priceId: 'sfn.standard.state-transitions',
        quantity: executions * transitions,
        basis: `${formatCount(executions)} executions × ${transitions} transitions`,
      },
      ...tracing,
    ];
  },
};
