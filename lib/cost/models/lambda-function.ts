import type { AlwaysFree } from '../catalog/price-catalog.ts';
import { type CostModel, formatCount, numberProperty } from './cost-model.ts';
import { PRICE_SERVICES } from './price-services.ts';

/** x86_64 and arm64 draw on one allowance. */
const DURATION_FREE: AlwaysFree = {
  quantity: 400_000,
  pool: 'lambda.duration',
  note: 'Lambda free tier: 400,000 GB-seconds per month, x86_64 and arm64 together',
};

/**
 * Lambda functions (and SAM functions): requests and GB-seconds by architecture.
 *
 * Pricing: https://aws.amazon.com/lambda/pricing/
 */
export const lambdaFunction: CostModel = {
  types: ['AWS::Lambda::Function', 'AWS::Serverless::Function'],
  service: 'AWS Lambda',
  usage: {
    requests: { description: 'Invocations per month', unit: 'requests', default: 10_000 },
    averageDurationMs: { description: 'Average billed duration of one invocation', unit: 'ms', default: 200 },
  },
  prices: [
    {
      service: PRICE_SERVICES.lambda,
      queries: [
        {
          id: 'lambda.requests',
          unit: 'Requests',
          description: 'Lambda requests',
          usageType: 'Request',
          alwaysFree: { quantity: 1_000_000, note: 'Lambda free tier: 1M requests per month' },
        },
        {
          id: 'lambda.duration.x86_64',
          unit: 'GB-Second',
          description: 'Lambda duration, x86_64',
          usageType: 'Lambda-GB-Second',
          alwaysFree: DURATION_FREE,
        },
        {
          id: 'lambda.duration.arm64',
          unit: 'GB-Second',
          description: 'Lambda duration, arm64',
          usageType: 'Lambda-GB-Second-ARM',
          alwaysFree: DURATION_FREE,
        },
      ],
    },
  ],
  components: ({ resource, usage }) => {
    const memoryMb = numberProperty(resource, 'MemorySize', 128);
    const architectures = resource.properties.Architectures;
    const arch = Array.isArray(architectures) && architectures[0] === 'arm64' ? 'arm64' : 'x86_64';
    const requests = usage('requests');
    const durationMs = Math.ceil(usage('averageDurationMs'));
    const gbSeconds = requests * (durationMs / 1000) * (memoryMb / 1024);
    return [
      { name: 'Requests', priceId: 'lambda.requests', quantity: requests, basis: 'requests' },
      {
        name: `Duration (${arch})`,
        priceId: `lambda.duration.${arch}`,
        quantity: gbSeconds,
        basis: `${formatCount(requests)} requests × ${durationMs} ms × ${memoryMb} MB (MemorySize)`,
      },
    ];
  },
};
