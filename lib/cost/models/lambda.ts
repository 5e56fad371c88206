import { type CostModel, formatCount, numberProperty } from './cost-model.ts';

/** Lambda functions (and SAM functions): requests and GB-seconds by architecture. */
export const lambdaFunction: CostModel = {
  types: ['AWS::Lambda::Function', 'AWS::Serverless::Function'],
  service: 'AWS Lambda',
  usage: {
    requests: { description: 'Invocations per month', unit: 'requests', default: 10_000 },
    averageDurationMs: { description: 'Average billed duration of one invocation', unit: 'ms', default: 200 },
  },
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
