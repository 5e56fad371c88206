/**
 * Price List product documents for tests, in the shape GetProducts returns them (see price-list.ts), built
 * from a compact table: one row per product, expanded per region with the region's usage-type prefix.
 * Written independently of the query table on purpose: it states what the API holds (including the
 * decoys that share a usage type or a family with a wanted product, the `USE1-` spelling some services
 * use in us-east-1, free bands, Reserved terms) and the tests check that the queries find the right one.
 */
import { createHash } from 'node:crypto';

/** [beginRange, endRange (Infinity for Inf), USD per API unit]. */
export type Band = readonly [number, number, number];

export interface FixtureRow {
  readonly serviceCode: string;
  readonly productFamily: string;
  /** Without region prefix. */
  readonly usageType: string;
  readonly unit: string;
  /** A flat price, or bands. */
  readonly price: number | readonly Band[];
  readonly attributes?: Readonly<Record<string, string>>;
  /** Spelled `USE1-…` in us-east-1 (as Glue, Step Functions, CloudWatch do). */
  readonly use1?: boolean;
  /** Account-wide product: no region code, no prefix, location `Any`. */
  readonly global?: boolean;
  /** Regions that do not offer it. */
  readonly absentIn?: readonly string[];
  /** Price in regions other than us-east-1, when it differs. */
  readonly elsewhere?: number | readonly Band[];
  /** Also carries Reserved terms, as RDS and DMS instances do. */
  readonly reserved?: boolean;
  /** Several OnDemand terms: an upcoming price besides the current one. */
  readonly upcoming?: { readonly effectiveDate: string; readonly price: number };
}

export const FIXTURE_REGIONS = ['us-east-1', 'eu-west-1', 'eu-west-2'] as const;

const PREFIX: Readonly<Record<string, string>> = {
  'us-east-1': 'USE1',
  'eu-west-1': 'EU',
  'eu-west-2': 'EUW2',
};
const LOCATION: Readonly<Record<string, string>> = {
  'us-east-1': 'US East (N. Virginia)',
  'eu-west-1': 'EU (Ireland)',
  'eu-west-2': 'EU (London)',
};

export const PUBLICATION_DATE = '2026-11-20T18:32:09Z';
export const EFFECTIVE_DATE = '2026-11-01T00:00:00Z';
const VERSION = '20261120183209';
const ON_DEMAND = 'JRTCKXETXF';

const flat = (
  serviceCode: string,
  productFamily: string,
  usageType: string,
  unit: string,
  price: number,
  extra: Partial<FixtureRow> = {},
): FixtureRow => ({
  serviceCode,
  productFamily,
  usageType,
  unit,
  price,
  ...extra,
});

const S3_STORAGE: readonly Band[] = [
  [0, 51200, 0.023],
  [51200, 512000, 0.022],
  [512000, Infinity, 0.021],
];
const S3_STORAGE_LONDON: readonly Band[] = [
  [0, 51200, 0.024],
  [51200, 512000, 0.023],
  [512000, Infinity, 0.022],
];
const LAMBDA_X86: readonly Band[] = [
  [0, 6e9, 0.0000166667],
  [6e9, 15e9, 0.000015],
  [15e9, Infinity, 0.0000133334],
];
const LAMBDA_ARM: readonly Band[] = [
  [0, 7.5e9, 0.0000133334],
  [7.5e9, 18.75e9, 0.0000120001],
  [18.75e9, Infinity, 0.0000106667],
];
const SQS_STANDARD: readonly Band[] = [
  [0, 100e9, 0.0000004],
  [100e9, 200e9, 0.0000003],
  [200e9, Infinity, 0.00000024],
];
const SQS_FIFO: readonly Band[] = [
  [0, 100e9, 0.0000005],
  [100e9, 200e9, 0.0000004],
  [200e9, Infinity, 0.00000035],
];

export const FIXTURE_ROWS: readonly FixtureRow[] = [
  // S3: the storage classes, request tiers, retrievals and lifecycle transitions (one usage type, several operations).
  flat('AmazonS3', 'Storage', 'TimedStorage-ByteHrs', 'GB-Mo', 0, {
    price: S3_STORAGE,
    elsewhere: S3_STORAGE_LONDON,
    attributes: { storageClass: 'General Purpose', volumeType: 'Standard' },
  }),
  flat('AmazonS3', 'Storage', 'TimedStorage-SIA-ByteHrs', 'GB-Mo', 0.0125, {
    attributes: { storageClass: 'Infrequent Access', volumeType: 'Standard - Infrequent Access' },
  }),
  flat('AmazonS3', 'Storage', 'TimedStorage-GIR-ByteHrs', 'GB-Mo', 0.004, {
    attributes: { storageClass: 'Archive Instant Retrieval', volumeType: 'Glacier Instant Retrieval' },
  }),
  flat('AmazonS3', 'Storage', 'TimedStorage-INT-FA-ByteHrs', 'GB-Mo', 0, {
    price: S3_STORAGE,
    attributes: { storageClass: 'Intelligent-Tiering', volumeType: 'Intelligent-Tiering Frequent Access' },
  }),
  flat('AmazonS3', 'API Request', 'Requests-Tier1', 'Requests', 0.000005, {
    attributes: { group: 'S3-API-Tier1' },
  }),
  flat('AmazonS3', 'API Request', 'Requests-Tier2', 'Requests', 0.0000004, {
    attributes: { group: 'S3-API-Tier2' },
  }),
  flat('AmazonS3', 'API Request', 'Requests-SIA-Tier1', 'Requests', 0.00001, {
    attributes: { group: 'S3-API-SIA-Tier1' },
  }),
  flat('AmazonS3', 'API Request', 'Requests-SIA-Tier2', 'Requests', 0.000001, {
    attributes: { group: 'S3-API-SIA-Tier2' },
  }),
  flat('AmazonS3', 'API Request', 'Requests-Tier4', 'Requests', 0.00001, {
    attributes: { operation: 'S3-SIATransition' },
  }),
  flat('AmazonS3', 'API Request', 'Requests-Tier4', 'Requests', 0.00002, {
    attributes: { operation: 'S3-GIRTransition' },
  }),
  flat('AmazonS3', 'API Request', 'Requests-Tier4', 'Requests', 0.00001, {
    attributes: { operation: 'S3-INTTransition' },
  }),
  flat('AmazonS3', 'Storage', 'TimedStorage-INT-IA-ByteHrs', 'GB-Mo', 0.0125, {
    attributes: { storageClass: 'Intelligent-Tiering', volumeType: 'Intelligent-Tiering Infrequent Access' },
  }),
  flat('AmazonS3', 'Storage', 'TimedStorage-INT-AIA-ByteHrs', 'GB-Mo', 0.004, {
    attributes: {
      storageClass: 'Intelligent-Tiering',
      volumeType: 'Intelligent-Tiering Archive Instant Access',
    },
  }),
  flat('AmazonS3', 'Fee', 'Monitoring-Automation-INT', 'Objects', 0.0000025, {
    attributes: { feeCode: 'S3-Monitoring and Automation-INT' },
  }),
  flat('AmazonS3', 'Storage', 'TimedStorage-GlacierByteHrs', 'GB-Mo', 0.0036, {
    attributes: { storageClass: 'Archive', volumeType: 'Amazon Glacier' },
  }),
  flat('AmazonS3', 'API Request', 'Requests-Tier3', 'Requests', 0.00003, {
    attributes: { operation: 'S3-GlacierTransition' },
  }),
  flat('AmazonS3', 'API Request', 'Requests-Tier3', 'Requests', 0.00005, {
    attributes: { operation: 'S3-GDATransition' },
  }),
  flat('AmazonS3GlacierDeepArchive', 'Storage', 'TimedStorage-GDA-ByteHrs', 'GB-Mo', 0.00099, {
    attributes: { storageClass: 'Archive', volumeType: 'Glacier Deep Archive' },
  }),
  flat('AmazonS3', 'Fee', 'Retrieval-SIA', 'GB', 0.01, { attributes: { feeCode: 'S3-Retrieval-SIA' } }),
  flat('AmazonS3', 'Fee', 'Retrieval-GIR', 'GB', 0.03, { attributes: { feeCode: 'S3-Retrieval-GIR' } }),
  // Lambda: requests and GB-seconds for x86_64 and arm64, plus decoys of the same family.
  flat('AWSLambda', 'Serverless', 'Request', 'Requests', 0.0000002, {
    attributes: { group: 'AWS-Lambda-Requests' },
  }),
  flat('AWSLambda', 'Serverless', 'Request-ARM', 'Requests', 0.0000002, {
    attributes: { group: 'AWS-Lambda-Requests-ARM' },
  }),
  flat('AWSLambda', 'Serverless', 'Lambda-GB-Second', 'Lambda-GB-Second', 0, {
    price: LAMBDA_X86,
    attributes: { group: 'AWS-Lambda-Duration' },
  }),
  flat('AWSLambda', 'Serverless', 'Lambda-GB-Second-ARM', 'Lambda-GB-Second', 0, {
    price: LAMBDA_ARM,
    attributes: { group: 'AWS-Lambda-Duration-ARM' },
  }),
  flat('AWSLambda', 'Serverless', 'Lambda-Provisioned-GB-Second', 'Lambda-GB-Second', 0.000004167, {
    attributes: { group: 'AWS-Lambda-Duration-Provisioned' },
  }),
  // Kinesis Data Streams.
  flat('AmazonKinesis', 'Kinesis Streams', 'Storage-ShardHour', 'ShardHour', 0.015, {
    elsewhere: 0.017,
    attributes: { operation: 'shardHourStorage' },
  }),
  flat('AmazonKinesis', 'Kinesis Streams', 'PutRequestPayloadUnits', 'PutRequest', 0.000000014, {
    attributes: { operation: 'PutRequest' },
  }),
  flat('AmazonKinesis', 'Kinesis Streams', 'OnDemand-StreamHour', 'StreamHour', 0.04, {
    attributes: { operation: 'OnDemandStreamHr' },
  }),
  flat('AmazonKinesis', 'Kinesis Streams', 'OnDemand-BilledIncomingBytes', 'GB', 0.08, {
    attributes: { operation: 'OnDemandDataIngested' },
  }),
  flat('AmazonKinesis', 'Kinesis Streams', 'OnDemand-BilledOutgoingBytes', 'GB', 0.04, {
    attributes: { operation: 'OnDemandDataRetrieval' },
  }),
  flat('AmazonKinesis', 'Kinesis Streams', 'Extended-ShardHour', 'ShardHour', 0.02, {
    attributes: { operation: 'shardHourStorage' },
  }),
  // Firehose.
  flat('AmazonKinesisFirehose', 'Kinesis Firehose', 'BilledBytes', 'GB', 0, {
    price: [
      [0, 512000, 0.029],
      [512000, 2048000, 0.025],
      [2048000, Infinity, 0.02],
    ],
    attributes: { group: 'Event-by-Event Processing', operation: 'PutRecordBatch' },
  }),
  flat('AmazonKinesisFirehose', 'Kinesis Firehose', 'DataFormatConversion-Bytes', 'GB', 0.018, {
    attributes: { operation: 'DataFormatConversion' },
  }),
  flat('AmazonKinesisFirehose', 'Kinesis Firehose', 'DynamicPartitioning-Bytes', 'GB', 0.02),
  flat('AmazonKinesisFirehose', 'Kinesis Firehose', 'S3DeliveryObjectCount', 'Objects', 0.000005),
  flat('AmazonKinesisFirehose', 'Kinesis Firehose', 'JQProcessing-Hours', 'Hours', 0.07),
  // Glue: usage types spelled USE1- in us-east-1.
  flat('AWSGlue', 'AWS Glue', 'ETL-DPU-Hour', 'DPU-Hour', 0.44, {
    use1: true,
    attributes: { operation: 'Jobrun' },
  }),
  flat('AWSGlue', 'AWS Glue', 'ETL-Flex-DPU-Hour', 'DPU-Hour', 0.29, {
    use1: true,
    attributes: { operation: 'FlexJobrun' },
  }),
  flat('AWSGlue', 'AWS Glue', 'ETL-Flex-DPU-Hour-Gen2', 'DPU-Hour', 0.29, {
    use1: true,
    attributes: { operation: 'FlexJobrun' },
  }),
  flat('AWSGlue', 'AWS Glue', 'Crawler-DPU-Hour', 'DPU-Hour', 0.44, {
    use1: true,
    attributes: { operation: 'CrawlerRun' },
  }),
  flat('AWSGlue', 'AWS Glue', 'Catalog-Storage', 'Obj-Month', 0.00001, {
    use1: true,
    attributes: { group: 'Data Catalog Storage' },
  }),
  flat('AWSGlue', 'AWS Glue', 'Catalog-Request', 'Request', 0.000001, {
    use1: true,
    attributes: { group: 'Data Catalog Requests' },
  }),
  flat('AmazonAthena', 'Athena Queries', 'DataScannedInTB', 'Terabytes', 5, { use1: true }),
  // Step Functions.
  flat('AmazonStates', 'AWS Step Functions', 'StateTransition', 'StateTransitions', 0.000025, { use1: true }),
  flat('AmazonStates', 'AWS Step Functions', 'StepFunctions-Request', 'Requests', 0.000001, { use1: true }),
  flat('AmazonStates', 'AWS Step Functions', 'StepFunctions-GB-Second', 'GB-Second', 0, {
    use1: true,
    price: [
      [0, 3600000, 0.00001667],
      [3600000, 18000000, 0.00000833],
      [18000000, Infinity, 0.00000456],
    ],
  }),
  // CloudWatch: dashboards are account-wide.
  flat('AmazonCloudWatch', 'Data Payload', 'DataProcessing-Bytes', 'GB', 0.5, { use1: true }),
  flat('AmazonCloudWatch', 'Storage Snapshot', 'TimedStorage-ByteHrs', 'GB-Mo', 0.03, { use1: true }),
  flat('AmazonCloudWatch', 'Metric', 'CW:MetricMonitorUsage', 'Metrics', 0, {
    use1: true,
    price: [
      [0, 10000, 0.3],
      [10000, 250000, 0.1],
      [250000, 1000000, 0.05],
      [1000000, Infinity, 0.02],
    ],
  }),
  flat('AmazonCloudWatch', 'Alarm', 'CW:AlarmMonitorUsage', 'Alarms', 0.1, {
    use1: true,
    attributes: { alarmType: 'Standard' },
  }),
  flat('AmazonCloudWatch', 'Alarm', 'CW:HighResAlarmMonitorUsage', 'Alarms', 0.3, {
    use1: true,
    attributes: { alarmType: 'High Resolution' },
  }),
  flat('AmazonCloudWatch', 'Dashboard', 'DashboardsUsageHour-Basic', 'Dashboards', 3, { global: true }),
  flat('AmazonCloudWatch', 'Dashboard', 'DashboardsUsageHour', 'Dashboards', 3, { global: true }),
  // CloudTrail, found by product family.
  flat(
    'AWSCloudTrail',
    'Management Tools - AWS CloudTrail Paid Events Recorded',
    'PaidEventsRecorded',
    'Events',
    0.00002,
    { use1: true },
  ),
  flat(
    'AWSCloudTrail',
    'Management Tools - AWS CloudTrail Data Events Recorded',
    'DataEventsRecorded',
    'Events',
    0.000001,
    { use1: true },
  ),
  flat(
    'AWSCloudTrail',
    'Management Tools - AWS CloudTrail Insights Events',
    'InsightsEvents',
    'Events',
    0.0000035,
    { use1: true },
  ),
  // X-Ray: USE1- in us-east-1 although the query tries the bare spelling first; the free product is global.
  flat('AWSXRay', 'AWS X-Ray', 'XRay-TracesStored', 'traces', 0.000005, {
    use1: true,
    attributes: { group: 'Traces Stored' },
  }),
  flat('AWSXRay', 'AWS X-Ray', 'Global-XRay-TracesStored', 'traces', 0, { global: true }),
  flat('AmazonApiGateway', 'API Calls', 'ApiGatewayRequest', 'Requests', 0, {
    price: [
      [0, 333e6, 0.0000035],
      [333e6, 1e9, 0.0000028],
      [1e9, 20e9, 0.00000238],
      [20e9, Infinity, 0.00000151],
    ],
    attributes: { operation: 'ApiGatewayRequest' },
  }),
  // DMS, found by instance type and availability.
  ...[
    ['t3.micro', 0.018],
    ['t3.small', 0.036],
    ['t3.medium', 0.073],
  ].flatMap(([size, usd]) => [
    flat('AWSDatabaseMigrationSvc', 'Database Migration', `InstanceUsg:dms.${size}`, 'Hrs', Number(usd), {
      attributes: { instanceType: String(size), availabilityZone: 'Single' },
      reserved: true,
    }),
    flat('AWSDatabaseMigrationSvc', 'Database Migration', `Multi-AZUsg:dms.${size}`, 'Hrs', Number(usd) * 2, {
      attributes: { instanceType: String(size), availabilityZone: 'Multiple' },
    }),
  ]),
  flat('AWSDatabaseMigrationSvc', 'Storage', 'GP2-Storage', 'GB-Mo', 0.115, {
    attributes: { storageMedia: 'SSD', availabilityZone: 'Single' },
  }),
  flat('AWSDatabaseMigrationSvc', 'Storage', 'Multi-AZ-GP2-Storage', 'GB-Mo', 0.23, {
    attributes: { storageMedia: 'SSD', availabilityZone: 'Multiple' },
  }),
  // MWAA: mw1.micro not offered in London (in this fixture).
  ...[
    ['Micro', 0.24, 0, 0],
    ['Small', 0.49, 0.055, 0.055],
    ['Medium', 0.74, 0.11, 0.11],
    ['Large', 0.99, 0.22, 0.22],
  ].flatMap(([size, environment, worker, scheduler]) => [
    flat(
      'AmazonMWAA',
      'Managed Workflows for Apache Airflow',
      `Airflow-${size}Environment`,
      'Hrs',
      Number(environment),
      {
        attributes: { type: 'Environment', size: String(size) },
        ...(size === 'Micro' ? { absentIn: ['eu-west-2'] } : {}),
      },
    ),
    ...(size === 'Micro'
      ? []
      : [
          flat(
            'AmazonMWAA',
            'Managed Workflows for Apache Airflow',
            `Airflow-${size}Worker`,
            'Hrs',
            Number(worker),
            {
              attributes: { type: 'Worker', size: String(size) },
            },
          ),
          flat(
            'AmazonMWAA',
            'Managed Workflows for Apache Airflow',
            `Airflow-${size}Scheduler`,
            'Hrs',
            Number(scheduler),
            {
              attributes: { type: 'Scheduler', size: String(size) },
            },
          ),
        ]),
  ]),
  flat('AmazonMWAA', 'Managed Workflows for Apache Airflow', 'Airflow-StandardDatabaseStorage', 'GB-Mo', 0.1),
  // QuickSight: not offered in London (in this fixture).
  flat('AmazonQuickSight', 'QuickSight', 'QS-User-Enterprise-Month', 'Users', 24, {
    use1: true,
    absentIn: ['eu-west-2'],
  }),
  flat('AmazonQuickSight', 'QuickSight', 'QS-Reader-Enterprise-Month', 'Users', 3, {
    use1: true,
    absentIn: ['eu-west-2'],
  }),
  flat('AmazonQuickSight', 'QuickSight', 'QS-Enterprise-SPICE', 'GB-Mo', 0.38, {
    use1: true,
    absentIn: ['eu-west-2'],
  }),
  flat('AWSCodePipeline', 'DevOps', 'activePipeline', 'Pipelines', 1, { use1: true }),
  flat('AWSCodePipeline', 'DevOps', 'actionExecutionMinute', 'Minutes', 0.002, { use1: true }),
  ...[
    ['Linux:g1.small', 0.005],
    ['Linux:g1.medium', 0.01],
    ['Linux:g1.large', 0.02],
    ['Linux:g1.2xlarge', 0.2],
    ['ARM:g1.small', 0.0034],
    ['ARM:g1.large', 0.015],
    ['Windows:g1.medium', 0.02],
  ].map(([type, usd]) =>
    flat('CodeBuild', 'Compute', `Build-Min:${type}`, 'Minutes', Number(usd), { use1: true }),
  ),
  // SNS publishes its free allowance as a $0 band.
  flat('AmazonSNS', 'API Request', 'Requests-Tier1', 'Requests', 0, {
    price: [
      [0, 1000000, 0],
      [1000000, Infinity, 0.0000005],
    ],
  }),
  flat('AmazonSNS', 'Message Delivery', 'DeliveryAttempts-SMTP', 'Notifications', 0, {
    price: [
      [0, 1000, 0],
      [1000, Infinity, 0.00002],
    ],
    attributes: { endpointType: 'SMTP' },
  }),
  flat('AWSQueueService', 'API Request', 'Requests-RBP', 'Requests', 0, {
    price: SQS_STANDARD,
    attributes: { queueType: 'Standard' },
  }),
  flat('AWSQueueService', 'API Request', 'Requests-FIFO-RBP', 'Requests', 0, {
    price: SQS_FIFO,
    attributes: { queueType: 'FIFO (first-in, first-out)' },
  }),
  flat('awskms', 'Encryption Key', 'KMS-Keys', 'Keys', 1),
  flat('awskms', 'API Request', 'KMS-Requests', 'Requests', 0, {
    price: [
      [0, 20000, 0],
      [20000, Infinity, 0.000003],
    ],
  }),
  flat('awskms', 'API Request', 'KMS-Requests-Asymmetric', 'Requests', 0.000015),
  flat('AWSSecretsManager', 'Secret', 'AWSSecretsManager-Secrets', 'Secrets', 0.4),
  flat('AWSSecretsManager', 'API Request', 'AWSSecretsManager-APIRequests', 'API Requests', 0.000005),
  flat('AWSEvents', 'EventBridge', 'Event-64K-Chunks', 'Events', 0.000001),
  flat('AWSEvents', 'EventBridge Scheduler', 'ScheduledInvocation', 'Invocations', 0.000001),
  flat('AWSEvents', 'EventBridge', 'ApiDestination-Invocations', 'Invocations', 0.0000002),
  flat('AWSBudgets', 'Budgets', 'ActionEnabledBudgetsUsage', 'Days', 0.1, { global: true }),
  // RDS: one instance usage type per size for several engines; Reserved terms beside OnDemand.
  ...[
    ['db.t3.micro', 0.017],
    ['db.t4g.micro', 0.016],
  ].flatMap(([instanceType, usd]) =>
    ['MySQL', 'PostgreSQL'].map((engine) =>
      flat(
        'AmazonRDS',
        'Database Instance',
        `InstanceUsage:${instanceType}`,
        'Hrs',
        Number(usd) + (engine === 'MySQL' ? 0 : 0.001),
        {
          attributes: {
            instanceType: String(instanceType),
            databaseEngine: engine,
            deploymentOption: 'Single-AZ',
          },
          reserved: true,
          ...(engine === 'MySQL' && instanceType === 'db.t3.micro'
            ? { upcoming: { effectiveDate: '2027-01-01T00:00:00Z', price: 0.018 } }
            : {}),
        },
      ),
    ),
  ),
  flat('AmazonRDS', 'Database Storage', 'RDS:GP2-Storage', 'GB-Mo', 0.115, {
    attributes: { deploymentOption: 'Single-AZ' },
  }),
  flat('AmazonRDS', 'Database Storage', 'RDS:GP3-Storage', 'GB-Mo', 0.115, {
    attributes: { deploymentOption: 'Single-AZ' },
  }),
  flat('AmazonRDS', 'Database Storage', 'RDS:Multi-AZ-GP3-Storage', 'GB-Mo', 0.23, {
    attributes: { deploymentOption: 'Multi-AZ' },
  }),
  ...[
    ['MySQL', 'db.t3.small', 0.034],
    ['MySQL', 'db.t3.large', 0.136],
    ['MySQL', 'db.m5.large', 0.171],
    ['PostgreSQL', 'db.t3.large', 0.145],
    ['MariaDB', 'db.t3.large', 0.136],
    ['Aurora PostgreSQL', 'db.t3.large', 0.164],
    ['MySQL', 'db.t3.medium', 0.068],
  ].map(([engine, instanceType, usd]) =>
    flat('AmazonRDS', 'Database Instance', `InstanceUsage:${instanceType}`, 'Hrs', Number(usd), {
      attributes: {
        instanceType: String(instanceType),
        databaseEngine: String(engine),
        deploymentOption: 'Single-AZ',
      },
      reserved: true,
    }),
  ),
  flat('AmazonRDS', 'Database Storage', 'RDS:PIOPS-Storage', 'GB-Mo', 0.125, {
    attributes: { deploymentOption: 'Single-AZ' },
  }),
  flat('AmazonRDS', 'Provisioned IOPS', 'RDS:PIOPS', 'IOPS-Mo', 0.1, {
    attributes: { deploymentOption: 'Single-AZ' },
  }),
  // Aurora Serverless v2: one product per engine at the same price.
  ...['Aurora MySQL', 'Aurora PostgreSQL'].map((engine) =>
    flat('AmazonRDS', 'ServerlessV2', 'Aurora:ServerlessV2Usage', 'ACU-Hr', 0.12, {
      attributes: { databaseEngine: engine },
    }),
  ),
  flat('AmazonRDS', 'Database Storage', 'Aurora:StorageUsage', 'GB-Mo', 0.1),
  flat('AmazonRDS', 'System Operation', 'Aurora:StorageIOUsage', 'IOs', 0.0000002),
  // VPC: NAT gateways are in the EC2 offer; the public IPv4 usage type is USE1- in us-east-1.
  flat('AmazonEC2', 'NAT Gateway', 'NatGateway-Hours', 'Hrs', 0.045, {
    elsewhere: 0.048,
    attributes: { operation: 'NatGateway' },
  }),
  flat('AmazonEC2', 'NAT Gateway', 'NatGateway-Bytes', 'GB', 0.045, {
    elsewhere: 0.048,
    attributes: { operation: 'NatGateway' },
  }),
  flat('AmazonVPC', 'VpcEndpoint', 'VpcEndpoint-Hours', 'Hrs', 0.01, { elsewhere: 0.011 }),
  flat('AmazonVPC', 'VpcEndpoint', 'VpcEndpoint-Bytes', 'GB', 0, {
    price: [
      [0, 1048576, 0.01],
      [1048576, 5242880, 0.006],
      [5242880, Infinity, 0.004],
    ],
  }),
  flat('AmazonVPC', 'VPC Public IPv4 Address', 'PublicIPv4:InUseAddress', 'Hrs', 0.005, { use1: true }),
  flat('AmazonVPC', 'VPC Public IPv4 Address', 'PublicIPv4:IdleAddress', 'Hrs', 0.005, { use1: true }),
  // EC2: Linux on-demand instances (a Windows decoy shares the usage type's family), EBS volumes.
  ...[
    ['t2.micro', 0.0116],
    ['t2.small', 0.023],
    ['t2.nano', 0.0058],
    ['t2.large', 0.0928],
    ['t3.micro', 0.0104],
    ['t3.small', 0.0208],
    ['t3.medium', 0.0416],
    ['t3.large', 0.0832],
    ['m5.large', 0.096],
    ['m7g.large', 0.0816],
    ['c4.xlarge', 0.199],
    ['c4.2xlarge', 0.398],
    ['t4g.nano', 0.0042],
    ['t4g.micro', 0.0084],
    ['m7i.xlarge', 0.2016],
  ].map(([instanceType, usd]) =>
    flat('AmazonEC2', 'Compute Instance', `BoxUsage:${instanceType}`, 'Hrs', Number(usd), {
      attributes: {
        operatingSystem: 'Linux',
        tenancy: 'Shared',
        preInstalledSw: 'NA',
        capacitystatus: 'Used',
      },
      reserved: true,
    }),
  ),
  flat('AmazonEC2', 'Compute Instance', 'BoxUsage:t3.micro', 'Hrs', 0.0196, {
    attributes: {
      operatingSystem: 'Windows',
      tenancy: 'Shared',
      preInstalledSw: 'NA',
      capacitystatus: 'Used',
    },
  }),
  ...[
    ['EBS:VolumeUsage.gp2', 'GB-Mo', 0.1],
    ['EBS:VolumeUsage.gp3', 'GB-Mo', 0.08],
    ['EBS:VolumeP-IOPS.gp3', 'IOPS-Mo', 0.005],
    ['EBS:VolumeP-Throughput.gp3', 'MiBps-Mo', 0.04],
    ['EBS:VolumeUsage.piops', 'GB-Mo', 0.125],
    ['EBS:VolumeP-IOPS.piops', 'IOPS-Mo', 0.065],
    ['EBS:VolumeUsage.st1', 'GB-Mo', 0.045],
    ['EBS:VolumeUsage.sc1', 'GB-Mo', 0.015],
    ['EBS:VolumeUsage', 'GB-Mo', 0.05],
    ['EBS:VolumeIOUsage', 'IOs', 0.00000005],
  ].map(([usageType, unit, usd]) =>
    flat('AmazonEC2', 'Storage', String(usageType), String(unit), Number(usd)),
  ),
  // Load balancers: ALB and NLB share usage types, told apart by product family (and operation).
  flat('AWSELB', 'Load Balancer', 'LoadBalancerUsage', 'Hrs', 0.025, {
    attributes: { operation: 'LoadBalancing' },
  }),
  flat('AWSELB', 'Load Balancer', 'DataProcessing-Bytes', 'GB', 0.008, {
    attributes: { operation: 'LoadBalancing' },
  }),
  flat('AWSELB', 'Load Balancer-Application', 'LoadBalancerUsage', 'Hrs', 0.0225, {
    attributes: { operation: 'LoadBalancing:Application' },
  }),
  flat('AWSELB', 'Load Balancer-Application', 'LCUUsage', 'LCU-Hrs', 0.008, {
    attributes: { operation: 'LoadBalancing:Application' },
  }),
  flat('AWSELB', 'Load Balancer-Network', 'LoadBalancerUsage', 'Hrs', 0.0225, {
    attributes: { operation: 'LoadBalancing:Network' },
  }),
  flat('AWSELB', 'Load Balancer-Network', 'LCUUsage', 'LCU-Hrs', 0.006, {
    attributes: { operation: 'LoadBalancing:Network' },
  }),
  // DynamoDB, Standard table class.
  flat(
    'AmazonDynamoDB',
    'Amazon DynamoDB PayPerRequest Throughput',
    'WriteRequestUnits',
    'WriteRequestUnits',
    0.000000625,
  ),
  flat(
    'AmazonDynamoDB',
    'Amazon DynamoDB PayPerRequest Throughput',
    'ReadRequestUnits',
    'ReadRequestUnits',
    0.000000125,
  ),
  flat('AmazonDynamoDB', 'Provisioned IOPS', 'WriteCapacityUnit-Hrs', 'WriteCapacityUnit-Hrs', 0.00065),
  flat('AmazonDynamoDB', 'Provisioned IOPS', 'ReadCapacityUnit-Hrs', 'ReadCapacityUnit-Hrs', 0.00013),
  flat('AmazonDynamoDB', 'Database Storage', 'TimedStorage-ByteHrs', 'GB-Mo', 0.25),
  // Fargate: USE1- in us-east-1.
  flat('AmazonECS', 'Compute', 'Fargate-vCPU-Hours:perCPU', 'hours', 0.04048, { use1: true }),
  flat('AmazonECS', 'Compute', 'Fargate-GB-Hours', 'GB-Hours', 0.004445, { use1: true }),
  flat('AmazonECS', 'Compute', 'Fargate-ARM-vCPU-Hours:perCPU', 'hours', 0.03238, { use1: true }),
  flat('AmazonECS', 'Compute', 'Fargate-ARM-GB-Hours', 'GB-Hours', 0.00356, { use1: true }),
  // ElastiCache: nodes and serverless caches, told apart by engine.
  flat('AmazonElastiCache', 'Cache Instance', 'NodeUsage:cache.t3.micro', 'Hrs', 0.017, {
    attributes: { cacheEngine: 'Redis' },
  }),
  flat('AmazonElastiCache', 'Cache Instance', 'NodeUsage:cache.t3.micro', 'Hrs', 0.0136, {
    attributes: { cacheEngine: 'Valkey' },
  }),
  flat('AmazonElastiCache', 'Cache Instance', 'NodeUsage:cache.m4.large', 'Hrs', 0.156, {
    attributes: { cacheEngine: 'Memcached' },
  }),
  ...[
    ['Redis', 0.125, 0.0000000034],
    ['Valkey', 0.084, 0.0000000023],
  ].flatMap(([engine, storage, ecpu]) => [
    flat('AmazonElastiCache', 'ElastiCache Serverless', 'CachedData', 'GB-Hrs', Number(storage), {
      attributes: { cacheEngine: String(engine) },
    }),
    flat('AmazonElastiCache', 'ElastiCache Serverless', 'ElastiCacheProcessingUnits', 'ECPU', Number(ecpu), {
      attributes: { cacheEngine: String(engine) },
    }),
  ]),
  // OpenSearch: instances and volumes found by product family and attribute.
  ...[
    ['c4.2xlarge.search', 0.587],
    ['t3.small.search', 0.036],
    ['t3.medium.search', 0.073],
    ['m5.large.search', 0.142],
    ['r5.large.search', 0.186],
  ].map(([instanceType, usd]) =>
    flat('AmazonES', 'Amazon OpenSearch Service Instance', `ESInstance:${instanceType}`, 'Hrs', Number(usd), {
      attributes: { instanceType: String(instanceType) },
    }),
  ),
  ...[
    ['GP2', 'ES:GP2-Storage', 0.135],
    ['GP3', 'ES:GP3-Storage', 0.122],
    ['PIOPS-Storage', 'ES:PIOPS-Storage', 0.169],
    ['Magnetic', 'ES:Magnetic-Storage', 0.067],
    ['PIOPS', 'ES:PIOPS', 0.088],
  ].map(([storageMedia, usageType, usd]) =>
    flat(
      'AmazonES',
      'Amazon OpenSearch Service Volume',
      String(usageType),
      storageMedia === 'PIOPS' ? 'IOPS-Mo' : 'GB-Mo',
      Number(usd),
      {
        attributes: { storageMedia: String(storageMedia) },
      },
    ),
  ),
  // MSK: USE1- in us-east-1.
  ...[
    ['Kafka.t3.small', 'Hrs', 0.0456],
    ['Kafka.m5.large', 'Hrs', 0.21],
    ['Kafka.m7g.large', 'Hrs', 0.204],
    ['Kafka.Storage.GP2', 'GB-Mo', 0.1],
    ['Kafka.Serverless.Cluster', 'Hrs', 0.75],
    ['Kafka.Serverless.Partitions', 'Partition-Hrs', 0.0015],
    ['Kafka.Serverless.Storage', 'GB-Mo', 0.1],
    ['Kafka.Serverless.DataIn', 'GB', 0.1],
    ['Kafka.Serverless.DataOut', 'GB', 0.05],
  ].map(([usageType, unit, usd]) =>
    flat(
      'AmazonMSK',
      'Managed Streaming for Apache Kafka (MSK)',
      String(usageType),
      String(unit),
      Number(usd),
      {
        use1: true,
      },
    ),
  ),
  // HTTP and WebSocket APIs: tiered like REST APIs, on usage types of their own.
  flat('AmazonApiGateway', 'API Calls', 'ApiGatewayHttpRequest', 'Requests', 0, {
    price: [
      [0, 300e6, 0.000001],
      [300e6, Infinity, 0.0000009],
    ],
  }),
  flat('AmazonApiGateway', 'WebSocket', 'ApiGatewayMessage', 'Messages', 0, {
    price: [
      [0, 1e9, 0.000001],
      [1e9, Infinity, 0.0000008],
    ],
  }),
  flat('AmazonApiGateway', 'WebSocket', 'ApiGatewayMinute', 'Minutes', 0.00000025),
  // Pipes and AppSync, Cognito plans, Redshift Serverless and EMR Serverless: one product each.
  flat('AWSEvents', 'EventBridge', 'Pipes-Requests', 'Requests', 0.0000004),
  flat('AWSAppSync', 'API Calls', 'AppSync-Request', 'Requests', 0.000004),
  flat('AWSAppSync', 'RealTime', 'AppSync-RealTimeUpdates', 'Updates', 0.000002),
  flat('AWSAppSync', 'RealTime', 'AppSync-ConnectionMinutes', 'Minutes', 0.00000008),
  flat('AmazonCognito', 'User Pool MAU', 'CognitoUserPoolsMAU-Lite', 'MAU', 0.0055),
  flat('AmazonCognito', 'User Pool MAU', 'CognitoUserPoolsMAU-Essentials', 'MAU', 0.015),
  flat('AmazonCognito', 'User Pool MAU', 'CognitoUserPoolsMAU-Plus', 'MAU', 0.02),
  flat('AmazonRedshift', 'Redshift Serverless', 'Redshift:ServerlessUsage', 'RPU-Hr', 0.375, {
    elsewhere: 0.4,
  }),
  flat('AmazonRedshift', 'Redshift Managed Storage', 'RMS:Serverless', 'GB-Mo', 0.024),
  flat('ElasticMapReduce', 'EMR Serverless', 'EMR-SERVERLESS-vCPUHours', 'vCPU-Hours', 0.052624),
  flat('ElasticMapReduce', 'EMR Serverless', 'EMR-SERVERLESS-MemoryGBHours', 'GB-Hours', 0.0057785),
  flat('ElasticMapReduce', 'EMR Serverless', 'EMR-SERVERLESS-ARM-vCPUHours', 'vCPU-Hours', 0.042094),
  flat('ElasticMapReduce', 'EMR Serverless', 'EMR-SERVERLESS-ARM-MemoryGBHours', 'GB-Hours', 0.004628),
  flat('ElasticMapReduce', 'EMR Serverless', 'EMR-SERVERLESS-StorageGBHours', 'GB-Hours', 0.000111),
  // CloudFront: priced by edge geography, not by AWS region, so its products carry no region.
  flat('AmazonCloudFront', 'Data Transfer', 'US-DataTransfer-Out-Bytes', 'GB', 0, {
    global: true,
    price: [
      [0, 10240, 0.085],
      [10240, 51200, 0.08],
      [51200, 153600, 0.06],
      [153600, 512000, 0.04],
      [512000, 1048576, 0.03],
      [1048576, 5242880, 0.025],
      [5242880, Infinity, 0.02],
    ],
  }),
  flat('AmazonCloudFront', 'Request', 'US-Requests-Tier2-HTTPS', 'Requests', 0.000001, { global: true }),
  flat('AmazonCloudFront', 'Request', 'US-Requests-Tier1', 'Requests', 0.00000075, { global: true }),
  // Route 53 bills zones and queries for every region at once; WAF per region.
  flat('AmazonRoute53', 'DNS Zone', 'HostedZone', 'HostedZone', 0.5, { global: true }),
  flat('AmazonRoute53', 'DNS Query', 'DNS-Queries', 'Queries', 0, {
    global: true,
    price: [
      [0, 1e9, 0.0000004],
      [1e9, Infinity, 0.0000002],
    ],
  }),
  ...[
    ['Health-Check-AWS', 0.5],
    ['Health-Check-Option-AWS', 1],
    ['Health-Check-NonAWS', 0.75],
    ['Health-Check-Option-NonAWS', 2],
  ].map(([usageType, usd]) =>
    flat('AmazonRoute53', 'DNS Health Check', String(usageType), 'Health-Check', Number(usd), {
      global: true,
    }),
  ),
  flat('awswaf', 'Web Application Firewall', 'WebACLV2', 'WebACL', 5),
  flat('awswaf', 'Web Application Firewall', 'RuleV2', 'Rule', 1),
  flat('awswaf', 'Web Application Firewall', 'RequestV2-Tier1', 'Requests', 0.0000006),
  // EFS usage types carry the region prefix in us-east-1 too (USE1-TimedStorage-ByteHrs).
  flat('AmazonEFS', 'Storage', 'TimedStorage-ByteHrs', 'GB-Mo', 0.3, { use1: true }),
  flat('AmazonEFS', 'Storage', 'TimedStorage-Z-ByteHrs', 'GB-Mo', 0.16, { use1: true }),
  flat('AmazonEFS', 'Provisioned Throughput', 'ProvisionedTP-MiBpsHrs', 'MiBps-Mo', 6, { use1: true }),
];

/** A product document of the Price List API (what one `PriceList` string holds). */
export interface PriceListDocument {
  readonly product: {
    readonly productFamily: string;
    readonly attributes: Record<string, string>;
    readonly sku: string;
  };
  readonly serviceCode: string;
  readonly terms: Record<string, Record<string, unknown>>;
  readonly version: string;
  readonly publicationDate: string;
}

/** Every row of {@link FIXTURE_ROWS} as a product document of every fixture region that offers it. */
export function fixtureDocuments(rows: readonly FixtureRow[] = FIXTURE_ROWS): PriceListDocument[] {
  const documents: PriceListDocument[] = [];
  for (const row of rows) {
    if (row.global) {
      documents.push(priceDocument(row, undefined));
      continue;
    }
    for (const region of FIXTURE_REGIONS) {
      if (!row.absentIn?.includes(region)) documents.push(priceDocument(row, region));
    }
  }
  return documents;
}

/** One product document for one region (undefined: an account-wide product). */
export function priceDocument(row: FixtureRow, region: string | undefined): PriceListDocument {
  const prefix = region === undefined ? undefined : PREFIX[region];
  if (region !== undefined && prefix === undefined) throw new Error(`no fixture prefix for ${region}`);
  const usagetype =
    region === undefined || (region === 'us-east-1' && !row.use1)
      ? row.usageType
      : `${prefix}-${row.usageType}`;
  const sku = fakeSku(
    `${row.serviceCode}|${region ?? 'global'}|${usagetype}|${JSON.stringify(row.attributes ?? {})}`,
  );
  const attributes: Record<string, string> = {
    servicecode: row.serviceCode,
    location: region === undefined ? 'Any' : (LOCATION[region] as string),
    locationType: region === undefined ? 'Other' : 'AWS Region',
    usagetype,
    operation: '',
    servicename: SERVICE_NAMES[row.serviceCode] ?? row.serviceCode,
    ...(region === undefined ? {} : { regionCode: region }),
    ...row.attributes,
  };
  const price = region === 'us-east-1' || row.elsewhere === undefined ? row.price : row.elsewhere;
  const onDemand: Record<string, unknown> = {
    [`${sku}.${ON_DEMAND}`]: term(sku, ON_DEMAND, EFFECTIVE_DATE, row.unit, price, row.usageType),
  };
  if (row.upcoming) {
    onDemand[`${sku}.UPCOMING01`] = term(
      sku,
      'UPCOMING01',
      row.upcoming.effectiveDate,
      row.unit,
      row.upcoming.price,
      row.usageType,
    );
  }
  const terms: Record<string, Record<string, unknown>> = { OnDemand: onDemand };
  if (row.reserved) {
    terms.Reserved = {
      [`${sku}.4NA7Y494T4`]: {
        ...term(sku, '4NA7Y494T4', EFFECTIVE_DATE, 'Quantity', 99, row.usageType),
        termAttributes: {
          LeaseContractLength: '1yr',
          OfferingClass: 'standard',
          PurchaseOption: 'All Upfront',
        },
      },
    };
  }
  return {
    product: { productFamily: row.productFamily, attributes, sku },
    serviceCode: row.serviceCode,
    terms,
    version: VERSION,
    publicationDate: PUBLICATION_DATE,
  };
}

function term(
  sku: string,
  offerTermCode: string,
  effectiveDate: string,
  unit: string,
  price: number | readonly Band[],
  usageType: string,
) {
  const bands: readonly Band[] = typeof price === 'number' ? [[0, Infinity, price]] : price;
  const priceDimensions: Record<string, unknown> = {};
  bands.forEach(([begin, end, usd], index) => {
    const rateCode = `${sku}.${offerTermCode}.${fakeSku(`${sku}${index}`).slice(0, 10)}`;
    priceDimensions[rateCode] = {
      unit,
      endRange: end === Infinity ? 'Inf' : String(end),
      description: `$${usd} per ${unit} for ${usageType}${bands.length > 1 ? ` (from ${begin})` : ''}`,
      appliesTo: [],
      rateCode,
      beginRange: String(begin),
      pricePerUnit: { USD: usd.toFixed(10) },
    };
  });
  return { priceDimensions, sku, effectiveDate, offerTermCode, termAttributes: {} };
}

/** A stable 16-character SKU such as `WP9ANXZGBYYSGJEA`. */
export function fakeSku(seed: string): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const digest = createHash('sha256').update(seed).digest();
  return Array.from(digest.subarray(0, 16), (byte) => alphabet[byte % alphabet.length]).join('');
}

const SERVICE_NAMES: Readonly<Record<string, string>> = {
  AmazonS3: 'Amazon Simple Storage Service',
  AmazonS3GlacierDeepArchive: 'Amazon S3 Glacier Deep Archive',
  AWSLambda: 'AWS Lambda',
  AmazonKinesis: 'Amazon Kinesis',
  AmazonKinesisFirehose: 'Amazon Kinesis Firehose',
  AWSGlue: 'AWS Glue',
  AmazonStates: 'AWS Step Functions',
  AmazonEC2: 'Amazon Elastic Compute Cloud',
  AmazonVPC: 'Amazon Virtual Private Cloud',
};
