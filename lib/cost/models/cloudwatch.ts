import { type CostModel, numberProperty } from './cost-model.ts';

/** Months of logs kept when a log group never expires them: an assumption, stated in the basis. */
const NEVER_EXPIRE_MONTHS = 12;

/** CloudWatch Logs log groups: ingestion, and storage that grows to ingestion × retention. */
export const logGroup: CostModel = {
  types: ['AWS::Logs::LogGroup'],
  service: 'Amazon CloudWatch',
  usage: {
    ingestedGb: { description: 'Log data ingested per month', unit: 'GB', default: 0.1 },
    compressionRatio: {
      description:
        'How many times smaller logs are once archived (CloudWatch stores them compressed; 1 assumes no gain)',
      unit: 'ratio',
      default: 1,
    },
  },
  components: ({ resource, usage }) => {
    const ingested = usage('ingestedGb');
    const retentionDays = numberProperty(resource, 'RetentionInDays', 0);
    const months =
      retentionDays > 0 ? Math.min(retentionDays / 30, NEVER_EXPIRE_MONTHS) : NEVER_EXPIRE_MONTHS;
    const ratio = Math.max(usage('compressionRatio'), 1);
    const kept =
      retentionDays > 0
        ? `RetentionInDays ${retentionDays}`
        : `never expires, ${NEVER_EXPIRE_MONTHS} months assumed`;
    return [
      {
        name: 'Log ingestion',
        priceId: 'cloudwatch.logs.ingestion',
        quantity: ingested,
        basis: 'ingestedGb',
      },
      {
        name: 'Log storage',
        priceId: 'cloudwatch.logs.storage',
        quantity: (ingested * months) / ratio,
        basis: `ingestedGb × ${Number(months.toFixed(2))} months kept (${kept})${ratio > 1 ? ` ÷ ${ratio} (compressed)` : ''}`,
      },
    ];
  },
};

/** Metric filters publish one custom metric per transformation. */
export const metricFilter: CostModel = {
  types: ['AWS::Logs::MetricFilter'],
  service: 'Amazon CloudWatch',
  usage: {},
  components: ({ resource }) => {
    const transformations = resource.properties.MetricTransformations;
    const list = Array.isArray(transformations) ? (transformations as { DefaultValue?: unknown }[]) : [{}];
    // With a default value the metric is published every minute, matched or not: billed even when idle.
    const idle = list.some((t) => t.DefaultValue !== undefined);
    return [
      {
        name: 'Custom metrics',
        priceId: 'cloudwatch.metrics.custom',
        quantity: list.length,
        idle,
        basis: `${list.length} metric transformation(s)`,
      },
    ];
  },
};

/** Alarms: per alarm metric, standard or high resolution (period under 60 s). */
export const alarm: CostModel = {
  types: ['AWS::CloudWatch::Alarm'],
  service: 'Amazon CloudWatch',
  usage: {},
  components: ({ resource }) => {
    const metrics = resource.properties.Metrics;
    const count = Array.isArray(metrics)
      ? Math.max(1, metrics.filter((m) => (m as { MetricStat?: unknown }).MetricStat).length)
      : 1;
    const period = numberProperty(resource, 'Period', 60);
    const highResolution = period < 60;
    return [
      {
        name: highResolution ? 'High-resolution alarm metrics' : 'Alarm metrics',
        priceId: highResolution ? 'cloudwatch.alarms.high-resolution' : 'cloudwatch.alarms.standard',
        quantity: count,
        idle: true,
        basis: `${count} metric(s), period ${period} s`,
      },
    ];
  },
};

export const dashboard: CostModel = {
  types: ['AWS::CloudWatch::Dashboard'],
  service: 'Amazon CloudWatch',
  usage: {},
  components: () => [
    { name: 'Dashboard', priceId: 'cloudwatch.dashboards', quantity: 1, idle: true, basis: 'one dashboard' },
  ],
};
