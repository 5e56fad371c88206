import { type CostModel, formatCount, nestedProperty } from './cost-model.ts';
import type { PriceQuery } from './price-query.ts';
import { PRICE_SERVICES } from './price-services.ts';

/**
 * CodeBuild on-demand build minutes by compute type (each build rounded up to a whole minute).
 *
 * Pricing: https://aws.amazon.com/codebuild/pricing/
 */
export const codeBuildProject: CostModel = {
  types: ['AWS::CodeBuild::Project'],
  service: 'AWS CodeBuild',
  usage: {
    builds: { description: 'Builds per month', unit: 'builds', default: 30 },
    averageMinutes: { description: 'Average duration of one build', unit: 'minutes', default: 5 },
  },
  prices: [
    {
      service: PRICE_SERVICES.codeBuild,
      queries: [
        ...(['small', 'medium', 'large', '2xlarge'] as const).map(
          (size): PriceQuery => ({
            id: `codebuild.build_general1_${size}.linux`,
            unit: 'Minutes',
            description: `CodeBuild on-demand Linux build minute, general1.${size}`,
            usageType: `Build-Min:Linux:g1.${size}`,
            ...(size === 'small'
              ? {
                  alwaysFree: {
                    quantity: 100,
                    note: 'CodeBuild free tier: 100 build minutes of general1.small',
                  },
                }
              : {}),
          }),
        ),
        ...(['small', 'large'] as const).map(
          (size): PriceQuery => ({
            id: `codebuild.build_arm1_${size}.linux`,
            unit: 'Minutes',
            description: `CodeBuild on-demand Linux build minute, arm1.${size}`,
            usageType: `Build-Min:ARM:g1.${size}`,
            optional: 'CodeBuild Arm compute is not offered in every region',
          }),
        ),
      ],
    },
  ],
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
