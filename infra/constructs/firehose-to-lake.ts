import { ArnFormat, Duration, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kinesis from 'aws-cdk-lib/aws-kinesis';
import * as firehose from 'aws-cdk-lib/aws-kinesisfirehose';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { LakeBucketGrants } from './lake-bucket-grants.ts';
import { removalPolicyOf } from './removal-policy.ts';

/** Where Firehose writes in the raw zone, partitioned by the events' own time (not arrival time). */
export const STREAM_PREFIX = 'stream/rides/';
/** How long Firehose buffers records before it writes a file (a learner's trickle never fills 64 MB first). */
export const BUFFER_INTERVAL = Duration.minutes(1);
/** How long Firehose retries a failed write to S3 before it gives up on those records. */
export const DELIVERY_RETRY = Duration.minutes(5);
const PARTITIONS = ['year', 'month', 'day', 'hour'] as const;
/** jq that pulls the partition values out of each record's `event_time` (2026-11-25T14:03:22Z). */
const PARTITION_QUERY =
  '{year: .event_time[0:4], month: .event_time[5:7], day: .event_time[8:10], hour: .event_time[11:13]}';

export interface FirehoseToLakeProps {
  /** Physical name, `${project}-${environment}-rides-to-raw`. */
  readonly deliveryStreamName: string;
  /** The Kinesis stream Firehose reads. */
  readonly source: kinesis.IStream;
  /** The raw zone's bucket, written under `stream/`. */
  readonly bucket: s3.IBucket;
  /** The data lake key. @default - the lake uses SSE-S3 */
  readonly key?: kms.IKey;
  /** How long the delivery logs are kept. */
  readonly logRetention: logs.RetentionDays;
}

/**
 * Firehose from the Kinesis stream into the raw zone: GZIP-compressed JSON lines under
 * `stream/rides/year=/month=/day=/hour=/` by dynamic partitioning on event time, failures under
 * `stream/errors/`, delivery logged to CloudWatch.
 */
export class FirehoseToLake extends Construct {
  readonly deliveryStream: firehose.CfnDeliveryStream;
  readonly role: iam.Role;

  constructor(scope: Construct, id: string, props: FirehoseToLakeProps) {
    super(scope, id);
    const logGroup = new logs.LogGroup(this, 'Logs', {
      logGroupName: `/aws/kinesisfirehose/${props.deliveryStreamName}`,
      retention: props.logRetention,
      removalPolicy: removalPolicyOf(this),
    });
    const logStream = new logs.LogStream(this, 'DeliveryLogs', { logGroup, logStreamName: 'S3Delivery' });
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('firehose.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
      }),
      description: `Lets ${props.deliveryStreamName} read the stream and write the raw zone`,
    });
    this.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: [
          'kinesis:DescribeStream',
          'kinesis:DescribeStreamSummary',
          'kinesis:GetShardIterator',
          'kinesis:GetRecords',
          'kinesis:ListShards',
        ],
        resources: [props.source.streamArn],
      }),
    );
    const lake = LakeBucketGrants.fromBucket(props.bucket, props.key);
    lake.write(this.role, 'stream/*');
    lake.list(this.role);
    this.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['logs:PutLogEvents'],
        resources: [
          Stack.of(this).formatArn({
            service: 'logs',
            resource: 'log-group',
            resourceName: `${logGroup.logGroupName}:log-stream:${logStream.logStreamName}`,
            arnFormat: ArnFormat.COLON_RESOURCE_NAME,
          }),
        ],
      }),
    );

    const partitions = PARTITIONS.map((p) => `${p}=!{partitionKeyFromQuery:${p}}`).join('/');
    this.deliveryStream = new firehose.CfnDeliveryStream(this, 'Resource', {
      deliveryStreamName: props.deliveryStreamName,
      deliveryStreamType: 'KinesisStreamAsSource',
      kinesisStreamSourceConfiguration: {
        kinesisStreamArn: props.source.streamArn,
        roleArn: this.role.roleArn,
      },
      extendedS3DestinationConfiguration: {
        bucketArn: props.bucket.bucketArn,
        roleArn: this.role.roleArn,
        prefix: `${STREAM_PREFIX}${partitions}/`,
        errorOutputPrefix:
          'stream/errors/!{firehose:error-output-type}/year=!{timestamp:yyyy}/month=!{timestamp:MM}/day=!{timestamp:dd}/',
        fileExtension: '.jsonl.gz',
        compressionFormat: 'GZIP',
        // Dynamic partitioning needs a buffer of at least 64 MB.
        bufferingHints: { sizeInMBs: 64, intervalInSeconds: BUFFER_INTERVAL.toSeconds() },
        dynamicPartitioningConfiguration: {
          enabled: true,
          retryOptions: { durationInSeconds: DELIVERY_RETRY.toSeconds() },
        },
        processingConfiguration: {
          enabled: true,
          processors: [
            {
              type: 'MetadataExtraction',
              parameters: [
                { parameterName: 'MetadataExtractionQuery', parameterValue: PARTITION_QUERY },
                { parameterName: 'JsonParsingEngine', parameterValue: 'JQ-1.6' },
              ],
            },
            {
              type: 'AppendDelimiterToRecord',
              parameters: [{ parameterName: 'Delimiter', parameterValue: '\\n' }],
            },
          ],
        },
        encryptionConfiguration: props.key
          ? { kmsEncryptionConfig: { awskmsKeyArn: props.key.keyArn } }
          : { noEncryptionConfig: 'NoEncryption' },
        cloudWatchLoggingOptions: {
          enabled: true,
          logGroupName: logGroup.logGroupName,
          logStreamName: logStream.logStreamName,
        },
      },
    });
    this.deliveryStream.node.addDependency(this.role);
  }
}
