import { type CostModel, formatCount, nestedProperty, numberProperty, stringProperty } from './cost-model.ts';
import { PRICE_SERVICES } from './price-services.ts';

/** DPUs per worker of each Glue worker type. */
const DPU_PER_WORKER: Record<string, number> = {
  Standard: 1,
  'G.025X': 0.25,
  'G.1X': 1,
  'G.2X': 2,
  'G.4X': 4,
  'G.8X': 8,
  'Z.2X': 2,
};

/**
 * Glue ETL, streaming and Python shell jobs: DPU-hours with the minimum billed duration of their Glue version.
 *
 * Pricing: https://aws.amazon.com/glue/pricing/
 */
export const glueJob: CostModel = {
  types: ['AWS::Glue::Job'],
  service: 'AWS Glue',
  usage: {
    runs: { description: 'Job runs per month (batch jobs)', unit: 'runs', default: 30 },
    averageMinutes: { description: 'Average duration of one run', unit: 'minutes', default: 5 },
    streamingHours: { description: 'Hours a streaming job runs per month', unit: 'hours', default: 730 },
  },
  prices: [
    {
      service: PRICE_SERVICES.glue,
      queries: [
        {
          id: 'glue.etl.dpu-hour',
          unit: 'DPU-Hour',
          description: 'Glue Spark and Python shell job DPU-hour',
          usageType: 'ETL-DPU-Hour',
          attributes: { operation: 'Jobrun' },
        },
        {
          id: 'glue.etl.flex.dpu-hour',
          unit: 'DPU-Hour',
          description: 'Glue Flex job DPU-hour',
          usageType: 'ETL-Flex-DPU-Hour',
          attributes: { operation: 'FlexJobrun' },
          optional: 'Glue Flex execution is not offered in every region',
        },
      ],
    },
  ],
  components: ({ resource, usage }) => {
    const name = nestedProperty(resource, ['Command', 'Name']);
    const command = typeof name === 'string' ? name : 'glueetl';
    const workerType = stringProperty(resource, 'WorkerType', '');
    const workers = numberProperty(resource, 'NumberOfWorkers', 0);
    const defaultCapacity = command === 'pythonshell' ? 0.0625 : 10;
    const dpus =
      workerType && workers > 0
        ? workers * (DPU_PER_WORKER[workerType] ?? 1)
        : numberProperty(
            resource,
            'MaxCapacity',
            numberProperty(resource, 'AllocatedCapacity', defaultCapacity),
          );
    const capacity = workerType && workers > 0 ? `${workers} × ${workerType}` : `${dpus} DPU`;
    const flex = stringProperty(resource, 'ExecutionClass', 'STANDARD') === 'FLEX';
    const priceId = flex ? 'glue.etl.flex.dpu-hour' : 'glue.etl.dpu-hour';
    if (command === 'gluestreaming') {
      const hours = usage('streamingHours');
      return [
        {
          name: 'Streaming DPU-hours',
          priceId,
          quantity: hours * dpus,
          idle: true,
          basis: `${hours} h × ${capacity}`,
        },
      ];
    }
    // Glue 2.0 and later bill per second with a 1-minute minimum; 0.9 and 1.0 bill a 10-minute minimum.
    const version = Number(stringProperty(resource, 'GlueVersion', '4.0'));
    const minimum = version >= 2 || command === 'pythonshell' ? 1 : 10;
    const minutes = Math.max(usage('averageMinutes'), minimum);
    const runs = usage('runs');
    return [
      {
        name: `${flex ? 'Flex ' : ''}DPU-hours`,
        priceId,
        quantity: (runs * minutes * dpus) / 60,
        basis: `${formatCount(runs)} runs × ${minutes} min × ${capacity}`,
      },
    ];
  },
};
