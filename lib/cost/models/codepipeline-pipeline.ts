import { type CostModel, formatCount, stringProperty } from './cost-model.ts';
import { PRICE_SERVICES } from './price-services.ts';

/**
 * CodePipeline: V1 per active pipeline-month, V2 per action-execution minute.
 *
 * Pricing: https://aws.amazon.com/codepipeline/pricing/
 */
export const codePipeline: CostModel = {
  types: ['AWS::CodePipeline::Pipeline'],
  service: 'AWS CodePipeline',
  usage: {
    executions: { description: 'Pipeline executions per month', unit: 'executions', default: 30 },
    actionMinutesPerExecution: {
      description: 'Minutes all actions of one execution run, together (V2)',
      unit: 'minutes',
      default: 10,
    },
  },
  prices: [
    {
      service: PRICE_SERVICES.codePipeline,
      queries: [
        {
          id: 'codepipeline.v1.active-pipeline',
          unit: 'Pipelines',
          description: 'CodePipeline V1 active pipeline, per pipeline-month',
          usageType: 'activePipeline',
          alwaysFree: { quantity: 1, note: 'CodePipeline free tier: 1 active V1 pipeline per month' },
        },
        {
          id: 'codepipeline.v2.action-minutes',
          unit: 'Minutes',
          description: 'CodePipeline V2 action execution minutes',
          usageType: 'actionExecutionMinute',
          alwaysFree: {
            quantity: 100,
            note: 'CodePipeline free tier: 100 V2 action execution minutes per month',
          },
        },
      ],
    },
  ],
  components: ({ resource, usage }) => {
    if (stringProperty(resource, 'PipelineType', 'V1') === 'V2') {
      const executions = usage('executions');
      const minutes = usage('actionMinutesPerExecution');
      return [
        {
          name: 'Action execution minutes (V2)',
          priceId: 'codepipeline.v2.action-minutes',
          quantity: executions * minutes,
          basis: `${formatCount(executions)} executions × ${minutes} min`,
        },
      ];
    }
    return [
      {
        name: 'Active pipeline (V1)',
        priceId: 'codepipeline.v1.active-pipeline',
        quantity: 1,
        idle: true,
        basis: 'one pipeline',
      },
    ];
  },
};
