import { type CostModel, formatCount, nestedProperty, numberProperty, stringProperty } from './cost-model.ts';

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

/** Glue ETL, streaming and Python shell jobs: DPU-hours with the minimum billed duration of their Glue version. */
export const glueJob: CostModel = {
  types: ['AWS::Glue::Job'],
  service: 'AWS Glue',
  usage: {
    runs: { description: 'Job runs per month (batch jobs)', unit: 'runs', default: 30 },
    averageMinutes: { description: 'Average duration of one run', unit: 'minutes', default: 5 },
    streamingHours: { description: 'Hours a streaming job runs per month', unit: 'hours', default: 730 },
  },
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

/** Glue crawlers: DPU-hours with a 10-minute minimum per run. */
export const glueCrawler: CostModel = {
  types: ['AWS::Glue::Crawler'],
  service: 'AWS Glue',
  usage: {
    scheduledRunsPerMonth: {
      description: 'Runs per month when the crawler has a schedule',
      unit: 'runs',
      default: 30,
    },
    manualRunsPerMonth: {
      description: 'Runs per month when it has none (started by hand or a workflow)',
      unit: 'runs',
      default: 4,
    },
    averageMinutes: {
      description: 'Average duration of one run (10 minutes are billed at least)',
      unit: 'minutes',
      default: 2,
    },
    dpus: { description: 'DPUs a run uses', unit: 'DPU', default: 2 },
  },
  components: ({ resource, usage }) => {
    const scheduled = typeof nestedProperty(resource, ['Schedule', 'ScheduleExpression']) === 'string';
    const runs = scheduled ? usage('scheduledRunsPerMonth') : usage('manualRunsPerMonth');
    const minutes = Math.max(usage('averageMinutes'), 10);
    const dpus = usage('dpus');
    return [
      {
        name: 'Crawler DPU-hours',
        priceId: 'glue.crawler.dpu-hour',
        quantity: (runs * minutes * dpus) / 60,
        basis: `${runs} ${scheduled ? 'scheduled' : 'manual'} runs × ${minutes} min × ${dpus} DPU`,
      },
    ];
  },
};

/** Glue Data Catalog: objects stored (databases, tables, partitions) and requests. */
export const glueCatalog: CostModel = {
  types: ['AWS::Glue::Database', 'AWS::Glue::Table', 'AWS::Glue::Partition'],
  service: 'AWS Glue',
  usage: {
    partitions: {
      description: 'Partitions registered in the catalog (tables without partition projection)',
      unit: 'partitions',
      default: 0,
    },
    requests: {
      description: 'Catalog API requests (crawlers, Athena, Glue jobs)',
      unit: 'requests',
      default: 10_000,
    },
  },
  components: ({ resource, usage }) => {
    const objects = 1 + (resource.type === 'AWS::Glue::Table' ? usage('partitions') : 0);
    return [
      {
        name: 'Catalog objects',
        priceId: 'glue.catalog.storage',
        quantity: objects,
        basis: resource.type === 'AWS::Glue::Table' ? 'table + partitions' : 'one object',
      },
      {
        name: 'Catalog requests',
        priceId: 'glue.catalog.requests',
        quantity: usage('requests'),
        basis: 'requests',
      },
    ];
  },
};
