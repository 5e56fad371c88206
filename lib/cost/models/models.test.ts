import { describe, expect, it } from 'vitest';
import { restApi } from './api-gateway.ts';
import { athenaWorkGroup } from './athena.ts';
import { codeBuildProject, codePipeline } from './ci-cd.ts';
import { trail } from './cloudtrail.ts';
import { alarm, dashboard, logGroup, metricFilter } from './cloudwatch.ts';
import { dmsReplicationInstance } from './dms.ts';
import { eventBus, schedule } from './events.ts';
import { firehoseDeliveryStream } from './firehose.ts';
import { freeReason } from './free-types.ts';
import { glueCatalog, glueCrawler, glueJob } from './glue.ts';
import { COST_MODELS, modelFor } from './index.ts';
import { kinesisStream } from './kinesis.ts';
import { lambdaFunction } from './lambda.ts';
import { snsTopic, sqsQueue } from './messaging.ts';
import { componentsOf, quantities } from './model-test-kit.ts';
import { mwaaEnvironment } from './mwaa.ts';
import { quickSightDataSource } from './quicksight.ts';
import { dbInstance } from './rds.ts';
import { s3Bucket } from './s3.ts';
import { budgetAction, kmsKey, secret } from './security.ts';
import { stateMachine } from './step-functions.ts';
import { elasticIp, natGateway, vpcEndpoint } from './vpc.ts';

describe('the model registry', () => {
  it('has one model per type, and no type both modelled and free', () => {
    const types = COST_MODELS.flatMap((m) => m.types);
    expect(new Set(types).size).toBe(types.length);
    expect(types.filter((t) => freeReason(t))).toEqual([]);
    expect(modelFor('AWS::S3::Bucket')).toBe(s3Bucket);
    expect(modelFor('AWS::Made::Up')).toBeUndefined();
    expect(freeReason('Custom::Anything')).toMatch(/custom resources/);
  });

  it('declares every usage field with a description, unit and non-negative default', () => {
    for (const model of COST_MODELS) {
      for (const [name, field] of Object.entries(model.usage)) {
        expect(field.description, `${model.types[0]}.${name}`).not.toBe('');
        expect(field.unit, `${model.types[0]}.${name}`).not.toBe('');
        expect(field.default, `${model.types[0]}.${name}`).toBeGreaterThanOrEqual(0);
      }
    }
  });
});

describe('S3', () => {
  it('bills storage by class, requests, retrievals and transitions from usage', () => {
    const c = componentsOf(
      s3Bucket,
      {},
      { standardGb: 100, glacierIrGb: 10, writeRequests: 1000, readRequests: 5, transitionsToGlacierIr: 7 },
    );
    expect(quantities(c)).toMatchObject({
      's3.storage.standard': 100,
      's3.storage.glacier-ir': 10,
      's3.requests.tier1': 1000,
      's3.requests.tier2': 5,
      's3.transition.glacier-ir': 7,
    });
  });
});

describe('Lambda', () => {
  it('computes GB-seconds from MemorySize, duration rounded up to the millisecond, and architecture', () => {
    const c = componentsOf(
      lambdaFunction,
      { MemorySize: 512, Architectures: ['arm64'] },
      { requests: 3_000_000, averageDurationMs: 999.2 },
    );
    expect(quantities(c)).toEqual({
      'lambda.requests': 3_000_000,
      'lambda.duration.arm64': 3_000_000 * 1 * 0.5,
    });
  });

  it('defaults to 128 MB on x86_64, and reads SAM functions too', () => {
    const c = componentsOf(
      lambdaFunction,
      {},
      { requests: 1000, averageDurationMs: 1000 },
      'AWS::Serverless::Function',
    );
    expect(quantities(c)).toEqual({ 'lambda.requests': 1000, 'lambda.duration.x86_64': 125 });
  });

  it('falls back to the default when MemorySize is not resolvable', () => {
    const c = componentsOf(
      lambdaFunction,
      { MemorySize: { Ref: 'Memory' } },
      { requests: 1, averageDurationMs: 1000 },
    );
    expect(quantities(c)['lambda.duration.x86_64']).toBe(0.125);
  });
});

describe('Kinesis Data Streams', () => {
  it('provisioned: shard-hours from ShardCount (idle) and PUT payload units of 25 KB', () => {
    const c = componentsOf(kinesisStream, { ShardCount: 2 }, { records: 1000, averageRecordKb: 30 });
    expect(quantities(c)).toEqual({
      'kinesis.provisioned.shard-hour': 1460,
      'kinesis.provisioned.put-payload-units': 2000,
    });
    expect(c[0]?.idle).toBe(true);
  });

  it('provisioned with retention over 24 h adds extended-retention shard-hours', () => {
    const c = componentsOf(kinesisStream, { ShardCount: 1, RetentionPeriodHours: 48 });
    expect(quantities(c)['kinesis.extended-retention.shard-hour']).toBe(730);
  });

  it('on-demand: stream-hours, and GB in and out with each record billed as at least 1 KB', () => {
    const c = componentsOf(
      kinesisStream,
      { StreamModeDetails: { StreamMode: 'ON_DEMAND' } },
      { records: 1024 * 1024, averageRecordKb: 0.5, consumers: 2 },
    );
    expect(quantities(c)).toEqual({
      'kinesis.on-demand.stream-hour': 730,
      'kinesis.on-demand.ingest': 1,
      'kinesis.on-demand.retrieval': 2,
    });
  });
});

describe('Firehose', () => {
  it('rounds records up to 5 KB and adds conversion and dynamic partitioning when configured', () => {
    const properties = {
      ExtendedS3DestinationConfiguration: {
        DataFormatConversionConfiguration: { Enabled: true },
        DynamicPartitioningConfiguration: { Enabled: true },
        ProcessingConfiguration: {
          Processors: [
            {
              Type: 'MetadataExtraction',
              Parameters: [{ ParameterName: 'JsonParsingEngine', ParameterValue: 'JQ-1.6' }],
            },
          ],
        },
      },
    };
    const c = componentsOf(firehoseDeliveryStream, properties, { records: 1024 * 1024, averageRecordKb: 3 });
    expect(quantities(c)).toEqual({
      'firehose.ingestion': 5,
      'firehose.format-conversion': 3,
      'firehose.dynamic-partitioning': 3,
      'firehose.dynamic-partitioning.objects': 3000,
      'firehose.dynamic-partitioning.jq-hours': 1,
    });
  });

  it('bills only ingestion for a plain delivery stream', () => {
    expect(Object.keys(quantities(componentsOf(firehoseDeliveryStream)))).toEqual(['firehose.ingestion']);
  });
});

describe('Glue', () => {
  it('jobs: workers × DPU per worker × minutes, with the 1-minute minimum of Glue 2.0+', () => {
    const c = componentsOf(
      glueJob,
      { WorkerType: 'G.1X', NumberOfWorkers: 2, GlueVersion: '4.0' },
      { runs: 30, averageMinutes: 0.5 },
    );
    expect(quantities(c)).toEqual({ 'glue.etl.dpu-hour': (30 * 1 * 2) / 60 });
  });

  it('jobs: the 10-minute minimum of Glue 1.0, MaxCapacity, and Flex', () => {
    expect(
      quantities(
        componentsOf(glueJob, { MaxCapacity: 10, GlueVersion: '1.0' }, { runs: 6, averageMinutes: 2 }),
      ),
    ).toEqual({ 'glue.etl.dpu-hour': 10 });
    expect(
      quantities(
        componentsOf(
          glueJob,
          { WorkerType: 'G.2X', NumberOfWorkers: 3, ExecutionClass: 'FLEX' },
          { runs: 1, averageMinutes: 60 },
        ),
      ),
    ).toEqual({ 'glue.etl.flex.dpu-hour': 6 });
  });

  it('jobs: Python shell at 0.0625 DPU, streaming jobs around the clock (idle)', () => {
    expect(
      quantities(
        componentsOf(glueJob, { Command: { Name: 'pythonshell' } }, { runs: 60, averageMinutes: 1 }),
      ),
    ).toEqual({ 'glue.etl.dpu-hour': 0.0625 });
    const streaming = componentsOf(glueJob, {
      Command: { Name: 'gluestreaming' },
      WorkerType: 'G.025X',
      NumberOfWorkers: 2,
    });
    expect(quantities(streaming)).toEqual({ 'glue.etl.dpu-hour': 365 });
    expect(streaming[0]?.idle).toBe(true);
  });

  it('crawlers: scheduled or manual runs, 10-minute minimum', () => {
    expect(
      quantities(componentsOf(glueCrawler, { Schedule: { ScheduleExpression: 'cron(0 2 * * ? *)' } })),
    ).toEqual({ 'glue.crawler.dpu-hour': 10 });
    expect(quantities(componentsOf(glueCrawler, {}, { averageMinutes: 30 }))).toEqual({
      'glue.crawler.dpu-hour': 4,
    });
  });

  it('catalog: one object per database, table plus partitions', () => {
    expect(
      quantities(componentsOf(glueCatalog, {}, { partitions: 99 }, 'AWS::Glue::Table'))[
        'glue.catalog.storage'
      ],
    ).toBe(100);
    expect(
      quantities(componentsOf(glueCatalog, {}, { partitions: 99 }, 'AWS::Glue::Database'))[
        'glue.catalog.storage'
      ],
    ).toBe(1);
  });
});

describe('Athena', () => {
  it('rounds each query up to a whole MB with a 10 MB minimum', () => {
    expect(
      quantities(componentsOf(athenaWorkGroup, {}, { queries: 1024 * 1024, averageScannedMb: 2 })),
    ).toEqual({ 'athena.data-scanned': 10 });
    expect(
      quantities(componentsOf(athenaWorkGroup, {}, { queries: 1024, averageScannedMb: 1023.2 })),
    ).toEqual({ 'athena.data-scanned': 1 });
  });

  it('caps a query at the workgroup’s BytesScannedCutoffPerQuery', () => {
    const cutoff = { WorkGroupConfiguration: { BytesScannedCutoffPerQuery: 100 * 1024 * 1024 } };
    const c = componentsOf(athenaWorkGroup, cutoff, { queries: 1024 * 1024, averageScannedMb: 5000 });
    expect(quantities(c)).toEqual({ 'athena.data-scanned': 100 });
    expect(c[0]?.basis).toMatch(/capped/);
  });
});

describe('Step Functions', () => {
  it('standard: executions × transitions; X-Ray traces when tracing is on', () => {
    const c = componentsOf(
      stateMachine,
      { TracingConfiguration: { Enabled: true } },
      { executions: 100, transitionsPerExecution: 7 },
    );
    expect(quantities(c)).toEqual({ 'sfn.standard.state-transitions': 700, 'xray.traces-recorded': 100 });
  });

  it('express: requests and GB-seconds in 64 MB steps and 100 ms increments', () => {
    const c = componentsOf(
      stateMachine,
      { StateMachineType: 'EXPRESS' },
      { executions: 1000, averageDurationMs: 1050, memoryMb: 100 },
    );
    expect(quantities(c)).toEqual({
      'sfn.express.requests': 1000,
      'sfn.express.duration': 1000 * 1.1 * 0.125,
    });
  });
});

describe('CloudWatch', () => {
  it('log groups: storage grows to ingestion × retention, 12 months when logs never expire', () => {
    expect(quantities(componentsOf(logGroup, { RetentionInDays: 90 }, { ingestedGb: 2 }))).toEqual({
      'cloudwatch.logs.ingestion': 2,
      'cloudwatch.logs.storage': 6,
    });
    expect(quantities(componentsOf(logGroup, {}, { ingestedGb: 1 }))['cloudwatch.logs.storage']).toBe(12);
    expect(
      quantities(componentsOf(logGroup, { RetentionInDays: 30 }, { ingestedGb: 10, compressionRatio: 5 }))[
        'cloudwatch.logs.storage'
      ],
    ).toBe(2);
  });

  it('metric filters: one custom metric per transformation, idle when a default value is published', () => {
    const c = componentsOf(metricFilter, {
      MetricTransformations: [{ MetricName: 'Errors', DefaultValue: 0 }],
    });
    expect(c).toEqual([
      expect.objectContaining({ priceId: 'cloudwatch.metrics.custom', quantity: 1, idle: true }),
    ]);
  });

  it('alarms: standard or high resolution, one per metric of a metric-math alarm; dashboards', () => {
    expect(quantities(componentsOf(alarm, { Period: 300 }))).toEqual({ 'cloudwatch.alarms.standard': 1 });
    expect(quantities(componentsOf(alarm, { Period: 10 }))).toEqual({
      'cloudwatch.alarms.high-resolution': 1,
    });
    const math = { Metrics: [{ MetricStat: {} }, { MetricStat: {} }, { Expression: 'm1+m2' }] };
    expect(quantities(componentsOf(alarm, math))).toEqual({ 'cloudwatch.alarms.standard': 2 });
    expect(quantities(componentsOf(dashboard))).toEqual({ 'cloudwatch.dashboards': 1 });
  });
});

describe('CloudTrail', () => {
  it('bills nothing for the first trail of management events, data events when selected, an additional copy', () => {
    expect(componentsOf(trail)).toEqual([]);
    const data = {
      EventSelectors: [{ DataResources: [{ Type: 'AWS::S3::Object', Values: ['arn:aws:s3'] }] }],
    };
    expect(quantities(componentsOf(trail, data, { isAdditionalCopy: 1 }))).toEqual({
      'cloudtrail.management-events.additional': 50_000,
      'cloudtrail.data-events': 10_000,
    });
  });
});

describe('the other services', () => {
  it('API Gateway REST APIs bill requests', () => {
    expect(quantities(componentsOf(restApi, {}, { requests: 5 }))).toEqual({ 'apigateway.rest.requests': 5 });
  });

  it('DMS instances bill hours by class, doubled for Multi-AZ, and storage', () => {
    const c = componentsOf(dmsReplicationInstance, {
      ReplicationInstanceClass: 'dms.t3.micro',
      MultiAZ: true,
      AllocatedStorage: 50,
    });
    expect(quantities(c)).toEqual({ 'dms.instance.dms.t3.micro': 1460, 'dms.storage.gp2': 100 });
    expect(c.every((x) => x.idle)).toBe(true);
  });

  it('MWAA bills the environment class, workers above one, schedulers above two, metadata', () => {
    const c = componentsOf(mwaaEnvironment, { EnvironmentClass: 'mw1.medium', MinWorkers: 3, Schedulers: 3 });
    expect(quantities(c)).toEqual({
      'mwaa.environment.mw1.medium': 730,
      'mwaa.worker.mw1.medium': 1460,
      'mwaa.scheduler.mw1.medium': 730,
      'mwaa.metadb-storage': 1,
    });
  });

  it('QuickSight bills user subscriptions on the data source', () => {
    expect(quantities(componentsOf(quickSightDataSource, {}, { authors: 2, readers: 5 }))).toMatchObject({
      'quicksight.author': 2,
      'quicksight.reader': 5,
    });
  });

  it('CodePipeline V1 per pipeline, V2 per action minute; CodeBuild per minute by compute type', () => {
    expect(quantities(componentsOf(codePipeline))).toEqual({ 'codepipeline.v1.active-pipeline': 1 });
    expect(
      quantities(
        componentsOf(codePipeline, { PipelineType: 'V2' }, { executions: 10, actionMinutesPerExecution: 3 }),
      ),
    ).toEqual({ 'codepipeline.v2.action-minutes': 30 });
    const medium = { Environment: { ComputeType: 'BUILD_GENERAL1_MEDIUM', Type: 'LINUX_CONTAINER' } };
    expect(quantities(componentsOf(codeBuildProject, medium, { builds: 10, averageMinutes: 2.1 }))).toEqual({
      'codebuild.build_general1_medium.linux': 30,
    });
    const arm = { Environment: { ComputeType: 'BUILD_GENERAL1_SMALL', Type: 'ARM_CONTAINER' } };
    expect(Object.keys(quantities(componentsOf(codeBuildProject, arm)))).toEqual([
      'codebuild.build_arm1_small.linux',
    ]);
  });

  it('SNS publishes and e-mails; SQS standard or FIFO requests', () => {
    expect(quantities(componentsOf(snsTopic, {}, { publishes: 10, emailDeliveries: 3 }))).toEqual({
      'sns.requests': 10,
      'sns.email': 3,
    });
    expect(quantities(componentsOf(sqsQueue, { FifoQueue: true }, { requests: 4 }))).toEqual({
      'sqs.fifo.requests': 4,
    });
    expect(quantities(componentsOf(sqsQueue, {}, { requests: 4 }))).toEqual({ 'sqs.standard.requests': 4 });
  });

  it('KMS keys, secrets with replicas, and budget actions bill by the month even when idle', () => {
    expect(componentsOf(kmsKey)[0]).toMatchObject({ priceId: 'kms.keys', quantity: 1, idle: true });
    expect(
      quantities(componentsOf(secret, { ReplicaRegions: [{ Region: 'eu-west-1' }] }))[
        'secretsmanager.secrets'
      ],
    ).toBe(2);
    expect(componentsOf(budgetAction)).toEqual([
      expect.objectContaining({ priceId: 'budgets.budget-days', quantity: 730 / 24, idle: true }),
    ]);
    expect(modelFor('AWS::Budgets::Budget')).toBeUndefined();
    expect(freeReason('AWS::Budgets::Budget')).toMatch(/only notify cost nothing/);
  });

  it('EventBridge custom events and scheduler invocations', () => {
    expect(quantities(componentsOf(eventBus, {}, { customEvents: 9 }))).toEqual({
      'eventbridge.custom-events': 9,
    });
    expect(quantities(componentsOf(schedule))).toEqual({ 'eventbridge.scheduler.invocations': 30 });
  });

  it('RDS bills the engine and class by the hour and storage by type', () => {
    const c = componentsOf(dbInstance, {
      Engine: 'MySQL',
      DBInstanceClass: 'db.t3.micro',
      AllocatedStorage: 20,
      StorageType: 'gp3',
    });
    expect(quantities(c)).toEqual({ 'rds.mysql.db.t3.micro': 730, 'rds.storage.gp3': 20 });
  });

  it('VPC: NAT gateways, interface endpoints per AZ (gateway endpoints free), public IPv4', () => {
    expect(quantities(componentsOf(natGateway, {}, { processedGb: 3 }))).toEqual({
      'vpc.nat-gateway.hours': 730,
      'vpc.nat-gateway.data': 3,
    });
    expect(
      quantities(componentsOf(vpcEndpoint, { VpcEndpointType: 'Interface', SubnetIds: ['a', 'b'] }))[
        'vpc.interface-endpoint.hours'
      ],
    ).toBe(1460);
    expect(componentsOf(vpcEndpoint, { VpcEndpointType: 'Gateway' })).toEqual([]);
    expect(quantities(componentsOf(elasticIp))).toEqual({ 'vpc.public-ipv4': 730 });
  });
});
