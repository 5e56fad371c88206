import { type CostModel, formatCount, nestedProperty, stringProperty } from './cost-model.ts';

/** CodePipeline: V1 per active pipeline-month, V2 per action-execution minute. */
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

/** CodeBuild on-demand build minutes by compute type (each build rounded up to a whole minute). */
export const codeBuildProject: CostModel = {
  types: ['AWS::CodeBuild::Project'],
  service: 'AWS CodeBuild',
  usage: {
    builds: { description: 'Builds per month', unit: 'builds', default: 30 },
    averageMinutes: { description: 'Average duration of one build', unit: 'minutes', default: 5 },
  },
  components: ({ resource, usage }) => {
    const computeType = String(
      nestedProperty(resource, ['Environment', 'ComputeType']) ?? 'BUILD_GENERAL1_SMALL',
    );
    const arm = nestedProperty(resource, ['Environment', 'Type']) === 'ARM_CONTAINER';
    const size = computeType.toLowerCase().replace('build_general1_', '');
    const priceId = arm
      ? `codebuild.build_arm1_${size}.linux`
      : `codebuild.${computeType.toLowerCase()}.linux`;
    const builds = usage('builds');
    const minutes = Math.ceil(usage('averageMinutes'));
    return [
      {
        name: `Build minutes (${arm ? `arm1.${size}` : computeType})`,
        priceId,
        quantity: builds * minutes,
        basis: `${formatCount(builds)} builds × ${minutes} min`,
      },
    ];
  },
};
