/**
 * For every price id of the catalog: where it lives in the AWS Price List API (service code and the
 * GetProducts filters that single it out) and how its OnDemand price dimensions become catalog tiers.
 *
 * Usage types are the stable key: they are what the AWS bill shows, and they change far less often than
 * SKUs or descriptions. Outside us-east-1 they carry a region prefix (`EUW2-TimedStorage-ByteHrs`); in
 * us-east-1 some services have none (`TimedStorage-ByteHrs`) and others `USE1-` (`USE1-StateTransition`),
 * so the us-east-1 query tries both spellings, the service's usual one first. Ids whose product is not
 * reliably told apart by its usage type alone carry extra attributes (operation, group, instance type, ...).
 *
 * The free allowances (`alwaysFree`) are not in the Price List API: they come from this table.
 */
import type { AlwaysFree, PriceTier } from '../catalog/price-catalog.ts';

export type AttributeFilters = Readonly<Record<string, string>>;

export interface PriceQuery {
  /** Catalog price id, e.g. `lambda.requests`. */
  readonly id: string;
  /** Catalog unit: every tier's `usd` is per one of these. */
  readonly unit: string;
  readonly description: string;
  /** Usage type without region prefix; matched with the priced region's prefix. */
  readonly usageType?: string;
  /** Further TERM_MATCH filters, attribute name → value. */
  readonly attributes?: AttributeFilters;
  /** Overrides the set's service code (VPC prices live in both AmazonVPC and AmazonEC2). */
  readonly serviceCode?: string;
  /**
   * API units this id accepts, each with how many catalog units one API unit is (1 when the same, 1e6 for
   * a per-million unit). Default: the synonyms of `unit` in {@link UNIT_SYNONYMS}. Any other unit fails.
   */
  readonly apiUnits?: Readonly<Record<string, number>>;
  /** Priced once for all regions (no `regionCode`, no usage-type prefix), e.g. CloudWatch dashboards. */
  readonly global?: boolean;
  /** Why the product may be missing in a region; such an id is left out of that region's catalog. */
  readonly optional?: string;
  readonly alwaysFree?: AlwaysFree;
}

export interface ServiceQuerySet {
  /** Short name for progress lines, e.g. `S3`. */
  readonly label: string;
  /** Human service name written to every entry, e.g. `Amazon S3`. */
  readonly service: string;
  readonly serviceCode: string;
  /** In us-east-1 this service's usage types usually carry `USE1-` (try that spelling first). */
  readonly usEast1Prefixed?: boolean;
  readonly queries: readonly PriceQuery[];
}

/** Region → usage-type prefix, as in the AWS bill and the Price List (`EU-`, not `EUW1-`, for Ireland). */
export const REGION_USAGE_TYPE_PREFIX: Readonly<Record<string, string>> = {
  'us-east-1': 'USE1',
  'us-east-2': 'USE2',
  'us-west-1': 'USW1',
  'us-west-2': 'USW2',
  'ca-central-1': 'CAN1',
  'ca-west-1': 'CAW1',
  'sa-east-1': 'SAE1',
  'mx-central-1': 'MXC1',
  'eu-west-1': 'EU',
  'eu-west-2': 'EUW2',
  'eu-west-3': 'EUW3',
  'eu-central-1': 'EUC1',
  'eu-central-2': 'EUC2',
  'eu-north-1': 'EUN1',
  'eu-south-1': 'EUS1',
  'eu-south-2': 'EUS2',
  'ap-east-1': 'APE1',
  'ap-northeast-1': 'APN1',
  'ap-northeast-2': 'APN2',
  'ap-northeast-3': 'APN3',
  'ap-southeast-1': 'APS1',
  'ap-southeast-2': 'APS2',
  'ap-south-1': 'APS3',
  'ap-southeast-3': 'APS4',
  'ap-south-2': 'APS5',
  'ap-southeast-4': 'APS6',
  'me-south-1': 'MES1',
  'me-central-1': 'MEC1',
  'af-south-1': 'AFS1',
  'il-central-1': 'ILC1',
};

/** Regions that serve the Price List Query API; it prices every region from any of them. */
export const PRICING_API_REGIONS = ['us-east-1', 'eu-central-1', 'ap-south-1'] as const;

/**
 * API unit spellings accepted for a catalog unit, each meaning one catalog unit. Compared after
 * {@link normalizeUnit}, so case, punctuation and a plural `s` do not matter.
 */
export const UNIT_SYNONYMS: Readonly<Record<string, readonly string[]>> = {
  'GB-Mo': ['GB-Mo', 'GB-Month'],
  GB: ['GB', 'GigaBytes'],
  TB: ['TB', 'Terabytes'],
  Requests: ['Requests', 'API Requests', 'API Calls'],
  Hrs: ['Hrs', 'Hours', 'Hour'],
  'GB-Second': ['GB-Second', 'GB-Seconds', 'Lambda-GB-Second'],
  'DPU-Hour': ['DPU-Hour', 'DPU-Hours'],
  Objects: ['Objects', 'Obj-Month', 'Objects-Month'],
  Transitions: ['Transitions', 'State Transitions', 'StateTransitions'],
  Events: ['Events'],
  Metrics: ['Metrics'],
  Alarms: ['Alarms'],
  Dashboards: ['Dashboards'],
  Traces: ['Traces'],
  Keys: ['Keys'],
  Secrets: ['Secrets'],
  Notifications: ['Notifications'],
  Invocations: ['Invocations'],
  'Budget-days': ['Budget-days', 'Days'],
  Users: ['Users', 'User-Month'],
  Pipelines: ['Pipelines', 'Active Pipelines'],
  Minutes: ['Minutes', 'Build-Minutes'],
};

const s3Storage = (id: string, usageType: string, description: string): PriceQuery => ({
  id,
  unit: 'GB-Mo',
  description,
  usageType,
});
const requests = (id: string, usageType: string, description: string, extra?: Partial<PriceQuery>) =>
  ({ id, unit: 'Requests', description, usageType, ...extra }) satisfies PriceQuery;
const hours = (id: string, description: string, extra: Partial<PriceQuery>) =>
  ({ id, unit: 'Hrs', description, ...extra }) satisfies PriceQuery;

const MWAA_ABSENT = 'Amazon MWAA is not offered in every region';
const QUICKSIGHT_ABSENT = 'Amazon QuickSight is not offered in every region';

export const PRICE_QUERY_SETS: readonly ServiceQuerySet[] = [
  {
    label: 'S3',
    service: 'Amazon S3',
    serviceCode: 'AmazonS3',
    queries: [
      s3Storage('s3.storage.standard', 'TimedStorage-ByteHrs', 'S3 Standard storage'),
      s3Storage('s3.storage.standard-ia', 'TimedStorage-SIA-ByteHrs', 'S3 Standard-IA storage'),
      s3Storage('s3.storage.glacier-ir', 'TimedStorage-GIR-ByteHrs', 'S3 Glacier Instant Retrieval storage'),
      requests('s3.requests.tier1', 'Requests-Tier1', 'S3 Standard PUT, COPY, POST, LIST requests'),
      requests('s3.requests.tier2', 'Requests-Tier2', 'S3 Standard GET, SELECT and all other requests'),
      requests('s3.requests.standard-ia.tier1', 'Requests-SIA-Tier1', 'S3 Standard-IA PUT, COPY, POST, LIST'),
      requests('s3.requests.standard-ia.tier2', 'Requests-SIA-Tier2', 'S3 Standard-IA GET and all other'),
      {
        id: 's3.retrieval.standard-ia',
        unit: 'GB',
        description: 'S3 Standard-IA retrieval',
        usageType: 'Retrieval-SIA',
      },
      {
        id: 's3.retrieval.glacier-ir',
        unit: 'GB',
        description: 'S3 Glacier IR retrieval',
        usageType: 'Retrieval-GIR',
      },
      // Requests-Tier4 counts lifecycle transitions into IA, One Zone-IA, Intelligent-Tiering and Glacier IR;
      // the operation tells the target class (and its price) apart.
      requests('s3.transition.standard-ia', 'Requests-Tier4', 'S3 lifecycle transitions into Standard-IA', {
        attributes: { operation: 'S3-SIATransition' },
      }),
      requests('s3.transition.glacier-ir', 'Requests-Tier4', 'S3 lifecycle transitions into Glacier IR', {
        attributes: { operation: 'S3-GIRTransition' },
      }),
    ],
  },
  {
    label: 'Lambda',
    service: 'AWS Lambda',
    serviceCode: 'AWSLambda',
    queries: [
      requests('lambda.requests', 'Request', 'Lambda requests', {
        alwaysFree: { quantity: 1_000_000, note: 'Lambda free tier: 1M requests per month' },
      }),
      {
        id: 'lambda.duration.x86_64',
        unit: 'GB-Second',
        description: 'Lambda duration, x86_64',
        usageType: 'Lambda-GB-Second',
        alwaysFree: {
          quantity: 400_000,
          pool: 'lambda.duration',
          note: 'Lambda free tier: 400,000 GB-seconds per month, x86_64 and arm64 together',
        },
      },
      {
        id: 'lambda.duration.arm64',
        unit: 'GB-Second',
        description: 'Lambda duration, arm64',
        usageType: 'Lambda-GB-Second-ARM',
        alwaysFree: {
          quantity: 400_000,
          pool: 'lambda.duration',
          note: 'Lambda free tier: 400,000 GB-seconds per month, x86_64 and arm64 together',
        },
      },
    ],
  },
  {
    label: 'Kinesis',
    service: 'Amazon Kinesis Data Streams',
    serviceCode: 'AmazonKinesis',
    queries: [
      hours('kinesis.provisioned.shard-hour', 'Kinesis provisioned shard hour', {
        usageType: 'Storage-ShardHour',
        apiUnits: { ShardHour: 1, 'Shard-Hours': 1, Hrs: 1, Hours: 1 },
      }),
      requests(
        'kinesis.provisioned.put-payload-units',
        'PutRequestPayloadUnits',
        'Kinesis PUT payload units (25 KB)',
        {
          apiUnits: { PutRequest: 1, 'PUT Payload Units': 1, Units: 1, Requests: 1 },
        },
      ),
      hours('kinesis.on-demand.stream-hour', 'Kinesis on-demand stream hour', {
        usageType: 'OnDemand-StreamHour',
        apiUnits: { StreamHour: 1, Hrs: 1, Hours: 1 },
      }),
      {
        id: 'kinesis.on-demand.ingest',
        unit: 'GB',
        description: 'Kinesis on-demand data in',
        usageType: 'OnDemand-BilledIncomingBytes',
      },
      {
        id: 'kinesis.on-demand.retrieval',
        unit: 'GB',
        description: 'Kinesis on-demand data out',
        usageType: 'OnDemand-BilledOutgoingBytes',
      },
      hours('kinesis.extended-retention.shard-hour', 'Kinesis extended retention shard hour', {
        usageType: 'Extended-ShardHour',
        apiUnits: { ShardHour: 1, 'Shard-Hours': 1, Hrs: 1, Hours: 1 },
      }),
    ],
  },
  {
    label: 'Firehose',
    service: 'Amazon Data Firehose',
    serviceCode: 'AmazonKinesisFirehose',
    queries: [
      {
        id: 'firehose.ingestion',
        unit: 'GB',
        description: 'Firehose Direct PUT ingestion (records rounded up to 5 KB)',
        attributes: { group: 'Event-by-Event Processing' },
      },
      {
        id: 'firehose.format-conversion',
        unit: 'GB',
        description: 'Firehose format conversion',
        attributes: { operation: 'DataFormatConversion' },
      },
      {
        id: 'firehose.dynamic-partitioning',
        unit: 'GB',
        description: 'Firehose dynamic partitioning, data processed',
        usageType: 'DynamicPartitioning-Bytes',
      },
      {
        id: 'firehose.dynamic-partitioning.objects',
        unit: 'Objects',
        description: 'Firehose dynamic partitioning, objects delivered',
        usageType: 'S3DeliveryObjectCount',
      },
      hours('firehose.dynamic-partitioning.jq-hours', 'Firehose dynamic partitioning, JQ processing hours', {
        usageType: 'JQProcessing-Hours',
        optional: 'JQ parsing for dynamic partitioning is not priced in every region',
      }),
    ],
  },
  {
    label: 'Glue',
    service: 'AWS Glue',
    serviceCode: 'AWSGlue',
    usEast1Prefixed: true,
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
      {
        id: 'glue.crawler.dpu-hour',
        unit: 'DPU-Hour',
        description: 'Glue crawler DPU-hour',
        usageType: 'Crawler-DPU-Hour',
        attributes: { operation: 'CrawlerRun' },
      },
      {
        id: 'glue.catalog.storage',
        unit: 'Objects',
        description: 'Glue Data Catalog storage, per object-month',
        usageType: 'Catalog-Storage',
        alwaysFree: { quantity: 1_000_000, note: 'Glue Data Catalog: the first 1M objects stored are free' },
      },
      requests('glue.catalog.requests', 'Catalog-Request', 'Glue Data Catalog requests', {
        alwaysFree: {
          quantity: 1_000_000,
          note: 'Glue Data Catalog: the first 1M requests per month are free',
        },
      }),
    ],
  },
  {
    label: 'Athena',
    service: 'Amazon Athena',
    serviceCode: 'AmazonAthena',
    usEast1Prefixed: true,
    queries: [
      {
        id: 'athena.data-scanned',
        unit: 'TB',
        description: 'Athena SQL data scanned (10 MB minimum per query)',
        usageType: 'DataScannedInTB',
      },
    ],
  },
  {
    label: 'Step Functions',
    service: 'AWS Step Functions',
    serviceCode: 'AmazonStates',
    usEast1Prefixed: true,
    queries: [
      {
        id: 'sfn.standard.state-transitions',
        unit: 'Transitions',
        description: 'Step Functions Standard state transitions',
        usageType: 'StateTransition',
        alwaysFree: { quantity: 4_000, note: 'Step Functions free tier: 4,000 state transitions per month' },
      },
      requests('sfn.express.requests', 'StepFunctions-Request', 'Step Functions Express requests'),
      {
        id: 'sfn.express.duration',
        unit: 'GB-Second',
        description: 'Step Functions Express duration',
        usageType: 'StepFunctions-GB-Second',
      },
    ],
  },
  {
    label: 'CloudWatch',
    service: 'Amazon CloudWatch',
    serviceCode: 'AmazonCloudWatch',
    usEast1Prefixed: true,
    queries: [
      {
        id: 'cloudwatch.logs.ingestion',
        unit: 'GB',
        description: 'CloudWatch Logs ingestion (Standard class)',
        usageType: 'DataProcessing-Bytes',
        alwaysFree: {
          quantity: 5,
          pool: 'cloudwatch.logs',
          note: 'CloudWatch free tier: 5 GB of Logs ingestion, storage and Insights scans together',
        },
      },
      {
        id: 'cloudwatch.logs.storage',
        unit: 'GB-Mo',
        description: 'CloudWatch Logs archived storage',
        usageType: 'TimedStorage-ByteHrs',
        alwaysFree: {
          quantity: 5,
          pool: 'cloudwatch.logs',
          note: 'CloudWatch free tier: 5 GB of Logs ingestion, storage and Insights scans together',
        },
      },
      {
        id: 'cloudwatch.metrics.custom',
        unit: 'Metrics',
        description: 'CloudWatch custom metrics, per metric-month',
        usageType: 'CW:MetricMonitorUsage',
        alwaysFree: { quantity: 10, note: 'CloudWatch free tier: 10 custom metrics' },
      },
      {
        id: 'cloudwatch.alarms.standard',
        unit: 'Alarms',
        description: 'CloudWatch standard-resolution alarm, per alarm metric-month',
        attributes: { productFamily: 'Alarm', alarmType: 'Standard' },
        alwaysFree: { quantity: 10, note: 'CloudWatch free tier: 10 standard-resolution alarm metrics' },
      },
      {
        id: 'cloudwatch.alarms.high-resolution',
        unit: 'Alarms',
        description: 'CloudWatch high-resolution alarm, per alarm metric-month',
        attributes: { productFamily: 'Alarm', alarmType: 'High Resolution' },
      },
      {
        id: 'cloudwatch.dashboards',
        unit: 'Dashboards',
        description: 'CloudWatch dashboard, per dashboard-month',
        usageType: 'DashboardsUsageHour-Basic',
        global: true,
        alwaysFree: { quantity: 3, note: 'CloudWatch free tier: 3 dashboards' },
      },
    ],
  },
  {
    label: 'CloudTrail',
    service: 'AWS CloudTrail',
    serviceCode: 'AWSCloudTrail',
    usEast1Prefixed: true,
    queries: [
      {
        id: 'cloudtrail.management-events.additional',
        unit: 'Events',
        description: 'CloudTrail management events, additional copies (the first copy is free)',
        attributes: { productFamily: 'Management Tools - AWS CloudTrail Paid Events Recorded' },
      },
      {
        id: 'cloudtrail.data-events',
        unit: 'Events',
        description: 'CloudTrail data events',
        attributes: { productFamily: 'Management Tools - AWS CloudTrail Data Events Recorded' },
      },
    ],
  },
  {
    label: 'X-Ray',
    service: 'AWS X-Ray',
    serviceCode: 'AWSXRay',
    queries: [
      {
        id: 'xray.traces-recorded',
        unit: 'Traces',
        description: 'X-Ray traces recorded',
        usageType: 'XRay-TracesStored',
        alwaysFree: { quantity: 100_000, note: 'X-Ray free tier: 100,000 traces recorded per month' },
      },
    ],
  },
  {
    label: 'API Gateway',
    service: 'Amazon API Gateway',
    serviceCode: 'AmazonApiGateway',
    queries: [requests('apigateway.rest.requests', 'ApiGatewayRequest', 'API Gateway REST API requests')],
  },
  {
    label: 'DMS',
    service: 'AWS Database Migration Service',
    serviceCode: 'AWSDatabaseMigrationSvc',
    queries: [
      ...['t3.micro', 't3.small', 't3.medium'].map((size) =>
        hours(`dms.instance.dms.${size}`, `DMS replication instance dms.${size}, single-AZ`, {
          attributes: { instanceType: size, availabilityZone: 'Single' },
        }),
      ),
      {
        id: 'dms.storage.gp2',
        unit: 'GB-Mo',
        description: 'DMS replication storage (gp2), single-AZ',
        attributes: { storageMedia: 'SSD', availabilityZone: 'Single' },
      },
    ],
  },
  {
    label: 'MWAA',
    service: 'Amazon MWAA',
    serviceCode: 'AmazonMWAA',
    queries: [
      ...(['micro', 'small', 'medium', 'large'] as const).map((size) =>
        hours(`mwaa.environment.mw1.${size}`, `MWAA environment mw1.${size}`, {
          attributes: { type: 'Environment', size: capitalize(size) },
          optional: MWAA_ABSENT,
        }),
      ),
      ...(['worker', 'scheduler'] as const).flatMap((role) =>
        (['small', 'medium', 'large'] as const).map((size) =>
          hours(`mwaa.${role}.mw1.${size}`, `MWAA additional ${role} mw1.${size}`, {
            attributes: { type: capitalize(role), size: capitalize(size) },
            optional: MWAA_ABSENT,
          }),
        ),
      ),
      {
        id: 'mwaa.metadb-storage',
        unit: 'GB-Mo',
        description: 'MWAA meta database storage',
        usageType: 'Airflow-StandardDatabaseStorage',
        optional: MWAA_ABSENT,
      },
    ],
  },
  {
    label: 'QuickSight',
    service: 'Amazon QuickSight',
    serviceCode: 'AmazonQuickSight',
    usEast1Prefixed: true,
    queries: [
      {
        id: 'quicksight.author',
        unit: 'Users',
        description: 'QuickSight Enterprise author, monthly commitment',
        usageType: 'QS-User-Enterprise-Month',
        optional: QUICKSIGHT_ABSENT,
      },
      {
        id: 'quicksight.reader',
        unit: 'Users',
        description: 'QuickSight Enterprise reader, per user-month',
        usageType: 'QS-Reader-Enterprise-Month',
        optional: QUICKSIGHT_ABSENT,
      },
      {
        id: 'quicksight.spice',
        unit: 'GB-Mo',
        description: 'QuickSight additional SPICE capacity',
        usageType: 'QS-Enterprise-SPICE',
        optional: QUICKSIGHT_ABSENT,
      },
    ],
  },
  {
    label: 'CodePipeline',
    service: 'AWS CodePipeline',
    serviceCode: 'AWSCodePipeline',
    usEast1Prefixed: true,
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
  {
    label: 'CodeBuild',
    service: 'AWS CodeBuild',
    serviceCode: 'CodeBuild',
    usEast1Prefixed: true,
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
  {
    label: 'SNS',
    service: 'Amazon SNS',
    serviceCode: 'AmazonSNS',
    queries: [
      requests('sns.requests', 'Requests-Tier1', 'SNS API requests (publish)', {
        alwaysFree: { quantity: 1_000_000, note: 'SNS free tier: 1M requests per month' },
      }),
      {
        id: 'sns.email',
        unit: 'Notifications',
        description: 'SNS email notifications',
        usageType: 'DeliveryAttempts-SMTP',
        alwaysFree: { quantity: 1_000, note: 'SNS free tier: 1,000 email notifications per month' },
      },
    ],
  },
  {
    label: 'SQS',
    service: 'Amazon SQS',
    serviceCode: 'AWSQueueService',
    queries: [
      requests('sqs.standard.requests', 'Requests-RBP', 'SQS standard queue requests (64 KB chunks)', {
        alwaysFree: {
          quantity: 1_000_000,
          pool: 'sqs.requests',
          note: 'SQS free tier: 1M requests per month, standard and FIFO together',
        },
      }),
      requests('sqs.fifo.requests', 'Requests-FIFO-RBP', 'SQS FIFO queue requests (64 KB chunks)', {
        alwaysFree: {
          quantity: 1_000_000,
          pool: 'sqs.requests',
          note: 'SQS free tier: 1M requests per month, standard and FIFO together',
        },
      }),
    ],
  },
  {
    label: 'KMS',
    service: 'AWS KMS',
    serviceCode: 'awskms',
    queries: [
      {
        id: 'kms.keys',
        unit: 'Keys',
        description: 'KMS customer managed key, per key-month',
        usageType: 'KMS-Keys',
      },
      requests('kms.requests', 'KMS-Requests', 'KMS symmetric key requests', {
        alwaysFree: { quantity: 20_000, note: 'KMS free tier: 20,000 requests per month' },
      }),
    ],
  },
  {
    label: 'Secrets Manager',
    service: 'AWS Secrets Manager',
    serviceCode: 'AWSSecretsManager',
    queries: [
      {
        id: 'secretsmanager.secrets',
        unit: 'Secrets',
        description: 'Secrets Manager secret, per secret-month',
        usageType: 'AWSSecretsManager-Secrets',
      },
      requests('secretsmanager.api-calls', 'AWSSecretsManager-APIRequests', 'Secrets Manager API calls'),
    ],
  },
  {
    label: 'EventBridge',
    service: 'Amazon EventBridge',
    serviceCode: 'AWSEvents',
    queries: [
      {
        id: 'eventbridge.custom-events',
        unit: 'Events',
        description: 'EventBridge custom events (64 KB chunks)',
        usageType: 'Event-64K-Chunks',
      },
      {
        id: 'eventbridge.scheduler.invocations',
        unit: 'Invocations',
        description: 'EventBridge Scheduler invocations',
        usageType: 'ScheduledInvocation',
        alwaysFree: {
          quantity: 14_000_000,
          note: 'EventBridge Scheduler free tier: 14M invocations per month',
        },
      },
    ],
  },
  {
    label: 'Budgets',
    service: 'AWS Budgets',
    serviceCode: 'AWSBudgets',
    queries: [
      {
        id: 'budgets.budget-days',
        unit: 'Budget-days',
        description: 'AWS Budgets action-enabled budget, per budget-day',
        usageType: 'ActionEnabledBudgetsUsage',
        global: true,
        alwaysFree: {
          quantity: 60.8333,
          note: 'The first two budgets of an account are free: 2 × 730/24 budget-days',
        },
      },
    ],
  },
  {
    label: 'RDS',
    service: 'Amazon RDS for MySQL',
    serviceCode: 'AmazonRDS',
    queries: [
      ...['db.t3.micro', 'db.t4g.micro'].map((instanceType) =>
        hours(`rds.mysql.${instanceType}`, `RDS for MySQL ${instanceType}, single-AZ`, {
          usageType: `InstanceUsage:${instanceType}`,
          attributes: { databaseEngine: 'MySQL', deploymentOption: 'Single-AZ' },
          ...(instanceType === 'db.t4g.micro'
            ? { optional: 'Graviton (t4g) instances are not offered in every region' }
            : {}),
        }),
      ),
      {
        id: 'rds.storage.gp2',
        unit: 'GB-Mo',
        description: 'RDS gp2 storage, single-AZ',
        usageType: 'RDS:GP2-Storage',
      },
      {
        id: 'rds.storage.gp3',
        unit: 'GB-Mo',
        description: 'RDS gp3 storage, single-AZ',
        usageType: 'RDS:GP3-Storage',
      },
    ],
  },
  {
    label: 'VPC',
    service: 'Amazon VPC',
    serviceCode: 'AmazonVPC',
    queries: [
      hours('vpc.nat-gateway.hours', 'NAT gateway hour', {
        usageType: 'NatGateway-Hours',
        serviceCode: 'AmazonEC2',
      }),
      {
        id: 'vpc.nat-gateway.data',
        unit: 'GB',
        description: 'NAT gateway data processed',
        usageType: 'NatGateway-Bytes',
        serviceCode: 'AmazonEC2',
      },
      hours('vpc.interface-endpoint.hours', 'Interface VPC endpoint hour, per endpoint per AZ', {
        usageType: 'VpcEndpoint-Hours',
      }),
      {
        id: 'vpc.interface-endpoint.data',
        unit: 'GB',
        description: 'Interface VPC endpoint data processed',
        usageType: 'VpcEndpoint-Bytes',
      },
      hours('vpc.public-ipv4', 'In-use public IPv4 address hour', { usageType: 'PublicIPv4:InUseAddress' }),
    ],
  },
];

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** Every price id of the table, in table order. */
export function allPriceIds(sets: readonly ServiceQuerySet[] = PRICE_QUERY_SETS): string[] {
  return sets.flatMap((set) => set.queries.map((query) => query.id));
}

/** A GetProducts filter, as the SDK sends it. */
export interface TermMatch {
  readonly Type: 'TERM_MATCH';
  readonly Field: string;
  readonly Value: string;
}

/** Thrown when the priced region has no known usage-type prefix. */
export class UnknownRegionError extends Error {
  constructor(readonly region: string) {
    super(
      `No usage-type prefix is known for region "${region}". Known regions: ${Object.keys(REGION_USAGE_TYPE_PREFIX).join(', ')}. ` +
        'Add it to REGION_USAGE_TYPE_PREFIX in lib/cost/refresh/price-queries.ts (the prefix is the one the AWS bill shows, e.g. EUW2 for eu-west-2).',
    );
    this.name = 'UnknownRegionError';
  }
}

/**
 * The usage-type spellings to query for, in order: the region-prefixed one, and in us-east-1 both the bare
 * and the `USE1-` spelling, the service's usual one first.
 */
export function usageTypeCandidates(region: string, set: ServiceQuerySet, query: PriceQuery): string[] {
  const usageType = query.usageType;
  if (usageType === undefined) return [];
  if (query.global) return [usageType];
  const prefix = REGION_USAGE_TYPE_PREFIX[region];
  if (prefix === undefined) throw new UnknownRegionError(region);
  if (region !== 'us-east-1') return [`${prefix}-${usageType}`];
  const prefixed = `${prefix}-${usageType}`;
  return set.usEast1Prefixed ? [prefixed, usageType] : [usageType, prefixed];
}

/** The GetProducts filters of one query, with one usage-type spelling (if the query has a usage type). */
export function buildFilters(region: string, query: PriceQuery, usageTypeSpelling?: string): TermMatch[] {
  const filters: TermMatch[] = [];
  if (!query.global) filters.push({ Type: 'TERM_MATCH', Field: 'regionCode', Value: region });
  if (usageTypeSpelling !== undefined)
    filters.push({ Type: 'TERM_MATCH', Field: 'usagetype', Value: usageTypeSpelling });
  for (const [field, value] of Object.entries(query.attributes ?? {})) {
    filters.push({ Type: 'TERM_MATCH', Field: field, Value: value });
  }
  return filters;
}

/** `regionCode=eu-west-1, usagetype=EU-Request` — filters as a person reads them in an error message. */
export function describeFilters(serviceCode: string, filters: readonly TermMatch[]): string {
  return `ServiceCode=${serviceCode}, ${filters.map((f) => `${f.Field}=${f.Value}`).join(', ')}`;
}

/** The usage type as the catalog keeps it: without the region prefix (`EU-Request` → `Request`). */
export function stripRegionPrefix(usageType: string, region: string): string {
  const prefixes = new Set([REGION_USAGE_TYPE_PREFIX[region], 'USE1'].filter((p) => p !== undefined));
  const dash = usageType.indexOf('-');
  if (dash > 0 && prefixes.has(usageType.slice(0, dash))) return usageType.slice(dash + 1);
  return usageType;
}

/** Case, punctuation and a plural `s` do not matter: `API Requests` → `apirequest`, `Hrs` → `hr`. */
export function normalizeUnit(unit: string): string {
  return unit
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '')
    .replace(/s$/, '');
}

/** How many catalog units one API unit is, or undefined when the API unit is not one this id accepts. */
export function catalogUnitsPerApiUnit(query: PriceQuery, apiUnit: string): number | undefined {
  const accepted: Record<string, number> = {};
  const synonyms = UNIT_SYNONYMS[query.unit] ?? [query.unit];
  for (const unit of [query.unit, ...synonyms]) accepted[normalizeUnit(unit)] = 1;
  for (const [unit, factor] of Object.entries(query.apiUnits ?? {})) accepted[normalizeUnit(unit)] = factor;
  return accepted[normalizeUnit(apiUnit)];
}

/** One OnDemand price dimension as the Price List API writes it (numbers are strings; `Inf` ends the last). */
export interface PriceDimension {
  readonly unit: string;
  readonly beginRange: string;
  readonly endRange: string;
  readonly pricePerUnit: Readonly<Record<string, string>>;
  readonly description?: string;
  readonly rateCode?: string;
}

export interface TierConversion {
  readonly tiers: PriceTier[];
  /** Things a person should know, e.g. a free band dropped because `alwaysFree` covers it. */
  readonly notes: string[];
}

/** Raised for price dimensions that cannot become catalog tiers; the caller adds the id and SKU. */
export class TierConversionError extends Error {
  override name = 'TierConversionError';
}

/**
 * Turns the OnDemand price dimensions of one SKU into catalog tiers: sorted by `beginRange`, converted to
 * the catalog unit (ranges multiplied, prices divided by {@link catalogUnitsPerApiUnit}), checked to be
 * contiguous from 0 to `Inf`. A leading $0 band is the free allowance that some services (SNS, KMS, ...)
 * publish as a tier; when the id has `alwaysFree`, that allowance is applied from `alwaysFree` instead,
 * so the band is dropped (and the next band starts at 0) rather than counted twice.
 */
export function toTiers(query: PriceQuery, dimensions: readonly PriceDimension[]): TierConversion {
  if (dimensions.length === 0) throw new TierConversionError('the OnDemand term has no price dimensions');
  const notes: string[] = [];
  const rows = dimensions.map((dimension) => {
    const factor = catalogUnitsPerApiUnit(query, dimension.unit);
    if (factor === undefined) {
      const expected = [
        query.unit,
        ...(UNIT_SYNONYMS[query.unit] ?? []),
        ...Object.keys(query.apiUnits ?? {}),
      ];
      throw new TierConversionError(
        `the API prices it per "${dimension.unit}", which is not a unit this id accepts (${[...new Set(expected)].join(', ')}); ` +
          'add the unit and its factor to apiUnits in price-queries.ts',
      );
    }
    const usd = parseNumber(dimension.pricePerUnit.USD, 'pricePerUnit.USD');
    const begin = parseNumber(dimension.beginRange, 'beginRange');
    const end = dimension.endRange === 'Inf' ? undefined : parseNumber(dimension.endRange, 'endRange');
    return {
      from: clean(begin * factor),
      to: end === undefined ? undefined : clean(end * factor),
      usd: clean(usd / factor),
    };
  });
  rows.sort((a, b) => a.from - b.from);

  const first = rows[0];
  if (first === undefined || first.from !== 0)
    throw new TierConversionError(`the first band starts at ${first?.from}, not 0`);
  rows.forEach((row, index) => {
    const next = rows[index + 1];
    if (next === undefined) {
      if (row.to !== undefined) throw new TierConversionError(`the last band ends at ${row.to}, not Inf`);
    } else if (row.to !== next.from) {
      throw new TierConversionError(
        `the bands are not contiguous: one ends at ${row.to}, the next starts at ${next.from}`,
      );
    }
  });

  if (query.alwaysFree && rows.length > 1 && first.usd === 0) {
    rows.shift();
    const paid = rows[0];
    if (paid) paid.from = 0;
    const allowance = query.alwaysFree.quantity;
    notes.push(
      first.to === allowance
        ? `dropped the API's free band (first ${first.to} ${query.unit}); alwaysFree covers it`
        : `dropped the API's free band (first ${first.to} ${query.unit}), which differs from alwaysFree (${allowance}); check the allowance`,
    );
  }
  return {
    tiers: rows.map(({ from, to, usd }) => (to === undefined ? { from, usd } : { from, to, usd })),
    notes,
  };
}

function parseNumber(text: string | undefined, field: string): number {
  const value = text === undefined ? Number.NaN : Number(text);
  if (!Number.isFinite(value))
    throw new TierConversionError(`${field} is ${JSON.stringify(text)}, not a number`);
  return value;
}

/** Removes binary floating-point noise from unit conversion (2e-7, not 1.9999999999999998e-7). */
function clean(value: number): number {
  return Number(value.toPrecision(12));
}
