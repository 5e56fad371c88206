import { describe, expect, it } from 'vitest';
import type { InventoryResource } from '../assembly/types.ts';
import examples from './catalog/aws-pricing-examples.json' with { type: 'json' };
import { loadCatalog } from './catalog/load-catalog.ts';
import { estimate } from './estimate/estimate.ts';
import { resource, stack } from './estimate/estimate-test-kit.ts';
import type { UsageFile } from './usage/usage-file.ts';

/**
 * AWS's published pricing examples, fed through the cost models and the estimate engine (not just the
 * catalog): each scenario becomes resources and usage, and the monthly total must match the page to the
 * cent, or differ by exactly the amount the example documents, for the reason given here.
 */
interface Scenario {
  /** Resources with their usage (by logical id). */
  readonly resources: readonly (InventoryResource & { readonly usage?: Record<string, number> })[];
  /** The page applies the always-free allowances (else compare with the figure before them). */
  readonly freeTier: boolean;
  /** Known, explained difference of the engine from the page (engine − page), beyond the example's own. */
  readonly difference?: { readonly usd: number; readonly why: string };
}

const DAY = 86_400;

const SCENARIOS: Record<string, Scenario> = {
  'lambda-512mb-3m-1s': {
    freeTier: true,
    resources: [
      {
        ...resource('Fn', 'AWS::Lambda::Function', { MemorySize: 512 }),
        usage: { requests: 3_000_000, averageDurationMs: 1000 },
      },
    ],
  },
  'glue-spark-6dpu-15min': {
    freeTier: true,
    resources: [
      {
        ...resource('Job', 'AWS::Glue::Job', { MaxCapacity: 6, GlueVersion: '4.0' }),
        usage: { runs: 1, averageMinutes: 15 },
      },
    ],
  },
  'glue-flex-6dpu-20min': {
    freeTier: true,
    resources: [
      {
        ...resource('Job', 'AWS::Glue::Job', { MaxCapacity: 6, ExecutionClass: 'FLEX' }),
        usage: { runs: 1, averageMinutes: 20 },
      },
    ],
  },
  'glue-catalog-2m-requests-crawler': {
    freeTier: true,
    resources: [
      { ...resource('Table', 'AWS::Glue::Table'), usage: { partitions: 999_999, requests: 2_000_000 } },
      {
        ...resource('Crawler', 'AWS::Glue::Crawler'),
        usage: { manualRunsPerMonth: 1, averageMinutes: 30, dpus: 2 },
      },
    ],
  },
  'xray-2000rph-10pct': {
    freeTier: true,
    // Traced executions of a state machine with no transitions billed: only the X-Ray traces remain.
    resources: [
      {
        ...resource('Flow', 'AWS::StepFunctions::StateMachine', { TracingConfiguration: { Enabled: true } }),
        usage: { executions: 148_800, transitionsPerExecution: 0 },
      },
    ],
  },
  'cloudtrail-one-trail-management-events': {
    freeTier: true,
    resources: [resource('Trail', 'AWS::CloudTrail::Trail')],
  },
  'kinesis-provisioned-100rps-35kb': {
    freeTier: true,
    resources: [
      {
        ...resource('Stream', 'AWS::Kinesis::Stream', { ShardCount: 4 }),
        usage: { records: 100 * DAY * 31, averageRecordKb: 35 },
      },
    ],
    difference: {
      usd: -0.84,
      why: 'the page bills a 31-day month (744 shard-hours per shard); the estimate bills 730 hours',
    },
  },
  'firehose-direct-put-100rps-3kb': {
    freeTier: true,
    resources: [
      {
        ...resource('Delivery', 'AWS::KinesisFirehose::DeliveryStream'),
        usage: { records: 100 * DAY * 30, averageRecordKb: 3 },
      },
    ],
  },
  'sfn-standard-4-transitions-100k': {
    freeTier: true,
    resources: [
      {
        ...resource('Flow', 'AWS::StepFunctions::StateMachine'),
        usage: { executions: 100_000, transitionsPerExecution: 4 },
      },
    ],
  },
  'athena-text-3tb': {
    freeTier: true,
    resources: [
      {
        ...resource('Wg', 'AWS::Athena::WorkGroup'),
        usage: { queries: 1, averageScannedMb: 3 * 1024 * 1024 },
      },
    ],
  },
  'athena-parquet-gzip-one-column': {
    freeTier: true,
    resources: [
      {
        ...resource('Wg', 'AWS::Athena::WorkGroup'),
        usage: { queries: 1, averageScannedMb: 0.25 * 1024 * 1024 },
      },
    ],
  },
  'cloudwatch-logs-1gb-per-day': {
    freeTier: true,
    resources: [
      {
        ...resource('Logs', 'AWS::Logs::LogGroup', { RetentionInDays: 30 }),
        usage: { ingestedGb: 30, compressionRatio: 5 },
      },
      resource('Filters', 'AWS::Logs::MetricFilter', { MetricTransformations: [{}, {}, {}] }),
    ],
    difference: {
      usd: -0.75,
      why: 'the page deducts 5 GB of ingestion and 5 GB of storage separately and bills all 3 metrics; today 5 GB is shared by both and 10 custom metrics are free',
    },
  },
  's3-faq-storage-100gb-then-100tb': {
    freeTier: true,
    resources: [
      {
        ...resource('Bucket', 'AWS::S3::Bucket'),
        usage: { standardGb: 52_900, writeRequests: 0, readRequests: 0 },
      },
    ],
  },
  's3-faq-requests-march': {
    freeTier: true,
    resources: [
      {
        ...resource('Bucket', 'AWS::S3::Bucket'),
        usage: { standardGb: 0, writeRequests: 310_000, readRequests: 620_000 },
      },
    ],
  },
  'asr-small-sqs-1m-requests': {
    freeTier: false,
    resources: [{ ...resource('Queue', 'AWS::SQS::Queue'), usage: { requests: 1_000_000 } }],
  },
  'asr-small-kms-10-keys': {
    freeTier: false,
    resources: Array.from({ length: 10 }, (_, i) => ({
      ...resource(`Key${i}`, 'AWS::KMS::Key'),
      usage: { requests: 618 },
    })),
  },
  'asr-medium-sns-1m-notifications': {
    freeTier: false,
    resources: [
      { ...resource('Topic', 'AWS::SNS::Topic'), usage: { publishes: 1_000_000, emailDeliveries: 0 } },
    ],
  },
  'asr-webui-apigateway-1m-calls': {
    freeTier: false,
    resources: [{ ...resource('Api', 'AWS::ApiGateway::RestApi'), usage: { requests: 1_000_000 } }],
  },
  'asr-small-cloudwatch-metrics-dashboard-alarms': {
    freeTier: false,
    resources: [
      resource('Metrics', 'AWS::Logs::MetricFilter', {
        MetricTransformations: Array.from({ length: 7 }, () => ({})),
      }),
      resource('Dashboard', 'AWS::CloudWatch::Dashboard'),
      ...['A', 'B', 'C', 'D'].map((id) => resource(`Alarm${id}`, 'AWS::CloudWatch::Alarm', { Period: 300 })),
    ],
  },
  'asr-small-sfn-5700-transitions': {
    freeTier: false,
    resources: [
      {
        ...resource('Flow', 'AWS::StepFunctions::StateMachine'),
        usage: { executions: 300, transitionsPerExecution: 19 },
      },
    ],
  },
  'asr-small-xray-7100-traces': {
    freeTier: false,
    resources: [
      {
        ...resource('Flow', 'AWS::StepFunctions::StateMachine', { TracingConfiguration: { Enabled: true } }),
        usage: { executions: 7_100, transitionsPerExecution: 0 },
      },
    ],
  },
};

const cents = (usd: number) => Math.round(usd * 100);

describe('AWS’s published pricing examples, priced by the cost models', () => {
  it('has a scenario for every recorded example', () => {
    expect(Object.keys(SCENARIOS).sort()).toEqual(examples.examples.map((e) => e.id).sort());
  });

  it.each(examples.examples.map((e) => [e.id, e] as const))('%s', (id, example) => {
    const scenario = SCENARIOS[id];
    if (!scenario) throw new Error(`no scenario for ${id}`);
    const usage: UsageFile = {
      file: 'scenario',
      types: {},
      resources: Object.fromEntries(scenario.resources.map((r) => [r.logicalId, r.usage ?? {}])),
      lineOf: () => 1,
    };
    const result = estimate(
      {
        source: id,
        stacks: [
          stack(
            'example/scenario',
            scenario.resources.map(({ usage: _, ...r }) => r),
          ),
        ],
      },
      { catalogFor: (region) => loadCatalog(region), usageFor: () => usage },
    );
    expect(result.notPriced).toEqual([]);
    const engine = scenario.freeTier ? result.totals.monthly : result.totals.monthlyBeforeFreeTier;
    const otherCharges = (example.otherCharges ?? []).reduce((sum, c) => sum + c.publishedUsd, 0);
    const documented = (example.expectedDifferenceUsd ?? 0) + (scenario.difference?.usd ?? 0);
    expect(cents(engine), `engine $${engine.toFixed(4)} for "${example.summary}"`).toBe(
      cents(example.publishedTotalUsd - otherCharges + documented),
    );
  });
});
