import { CfnOutput, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kinesis from 'aws-cdk-lib/aws-kinesis';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sources from 'aws-cdk-lib/aws-lambda-event-sources';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { DmsReplication } from '../constructs/dms-replication.ts';
import { FirehoseToLake, STREAM_PREFIX } from '../constructs/firehose-to-lake.ts';
import { IngestApi } from '../constructs/ingest-api.ts';
import { PythonFunction } from '../constructs/python-function.ts';
import { RawCrawler } from '../constructs/raw-crawler.ts';
import { acknowledgeWildcardResource } from '../nag/acknowledge-wildcard-resource.ts';
import type { FoundationStack } from './foundation-stack.ts';
import { logRetention, PhaseStack, type PhaseStackProps } from './phase-stack.ts';

/** Folders of the raw zone: people's uploads, what the validator rejects. */
export const UPLOADS_PREFIX = 'uploads/';
export const QUARANTINE_PREFIX = 'quarantine/';

export interface IngestionStackProps extends PhaseStackProps {
  readonly foundation: FoundationStack;
}

/**
 * Phase 2: data moving in. Events come through a REST API or straight onto a Kinesis stream; Firehose lands
 * them in the raw zone partitioned by event time; a function checks every uploaded file and quarantines bad
 * ones; another reads the stream for metrics; a Glue crawler catalogs raw; DMS replicates a MySQL database
 * when switched on.
 */
export class IngestionStack extends PhaseStack {
  readonly stream: kinesis.Stream;
  /** The pipeline's functions, whose code the delivery pipeline ships. */
  readonly functions: PythonFunction[];

  constructor(scope: Construct, props: IngestionStackProps) {
    super(scope, 'ingestion', props);
    const { config, names } = this;
    const settings = config.ingestion;
    const removalPolicy = config.removalPolicy === 'destroy' ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN;
    const retention = logRetention(config);
    const key = props.foundation.dataLake.key;
    // The raw bucket by its name: no cross-stack reference, so the foundation never depends on this stack.
    const raw = s3.Bucket.fromBucketName(this, 'Raw', names.bucket('raw', Stack.of(this).account));
    const metrics = { METRIC_NAMESPACE: 'Launchpad/Ingestion', ENVIRONMENT: config.environment };
    const functionProps = {
      logRetention: retention,
      removalPolicy,
      reservedConcurrency: settings.lambdaReservedConcurrency ?? undefined,
    };

    const shards = config.costlyServices.kinesisProvisionedShards;
    this.stream = new kinesis.Stream(this, 'Stream', {
      streamName: names.resource('rides'),
      streamMode: shards > 0 ? kinesis.StreamMode.PROVISIONED : kinesis.StreamMode.ON_DEMAND,
      shardCount: shards > 0 ? shards : undefined,
      encryption: kinesis.StreamEncryption.MANAGED,
      retentionPeriod: Duration.hours(settings.streamRetentionHours),
      removalPolicy,
    });

    const firehose = new FirehoseToLake(this, 'ToLake', {
      deliveryStreamName: names.resource('rides-to-raw'),
      source: this.stream,
      bucket: raw,
      key,
      logRetention: retention,
      removalPolicy,
    });

    // API → ingest function → stream.
    const ingest = new PythonFunction(this, 'IngestFunction', {
      ...functionProps,
      functionName: names.resource('api-ingest'),
      handlerDir: 'api_ingest',
      description: 'Validates ride events posted to the API and puts them on the stream',
      environment: { STREAM_NAME: this.stream.streamName },
    });
    ingest.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['kinesis:PutRecord', 'kinesis:PutRecords'],
        resources: [this.stream.streamArn],
      }),
    );
    const api = new IngestApi(this, 'Api', {
      restApiName: names.resource('ingest-api'),
      stageName: config.environment,
      handler: ingest.function,
      rateLimit: settings.apiRateLimit,
      burstLimit: settings.apiBurstLimit,
      monthlyQuota: settings.apiMonthlyQuota,
      logRetention: retention,
      removalPolicy,
    });

    // Uploaded files → validator (through EventBridge: an S3 notification would tie the foundation stack to this one).
    const validator = new PythonFunction(this, 'ValidatorFunction', {
      ...functionProps,
      functionName: names.resource('s3-validator'),
      handlerDir: 's3_validator',
      description: 'Checks every file uploaded to the raw zone and moves bad ones to quarantine/',
      environment: { ...metrics, QUARANTINE_PREFIX },
      timeout: Duration.minutes(2),
    });
    validator.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        // The bucket is versioned: the validator reads and removes exactly the version it checked.
        actions: ['s3:GetObject', 's3:GetObjectVersion', 's3:DeleteObject', 's3:DeleteObjectVersion'],
        resources: [raw.arnForObjects(`${UPLOADS_PREFIX}*`)],
      }),
    );
    validator.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['s3:PutObject'],
        resources: [raw.arnForObjects(`${QUARANTINE_PREFIX}*`)],
      }),
    );
    new events.Rule(this, 'OnUpload', {
      ruleName: names.resource('raw-upload'),
      description: 'Files uploaded to the raw zone',
      eventPattern: {
        source: ['aws.s3'],
        detailType: ['Object Created'],
        detail: { bucket: { name: [raw.bucketName] }, object: { key: [{ prefix: UPLOADS_PREFIX }] } },
      },
      targets: [
        new targets.LambdaFunction(validator.function, { retryAttempts: 2, maxEventAge: Duration.hours(1) }),
      ],
    });

    // Stream → consumer, with partial batch responses and a dead-letter queue for what keeps failing.
    const failures = new sqs.Queue(this, 'ConsumerFailures', {
      queueName: names.resource('stream-consumer-failures'),
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
      removalPolicy,
    });
    const consumer = new PythonFunction(this, 'ConsumerFunction', {
      ...functionProps,
      functionName: names.resource('stream-consumer'),
      handlerDir: 'stream_consumer',
      description: 'Reads the ride stream: metrics per city, malformed records to quarantine/stream/',
      environment: {
        ...metrics,
        RAW_BUCKET: raw.bucketName,
        QUARANTINE_PREFIX: `${QUARANTINE_PREFIX}stream/`,
      },
      timeout: Duration.minutes(1),
    });
    consumer.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['s3:PutObject'],
        resources: [raw.arnForObjects(`${QUARANTINE_PREFIX}stream/*`)],
      }),
    );
    consumer.function.addEventSource(
      new sources.KinesisEventSource(this.stream, {
        startingPosition: lambda.StartingPosition.LATEST,
        batchSize: 100,
        maxBatchingWindow: Duration.seconds(5),
        bisectBatchOnError: true,
        retryAttempts: 2,
        maxRecordAge: Duration.hours(1),
        reportBatchItemFailures: true,
        parallelizationFactor: 1,
        onFailure: new sources.SqsDlq(failures),
      }),
    );
    for (const fn of [validator, consumer]) {
      fn.role.addToPrincipalPolicy(
        new iam.PolicyStatement({
          actions: ['cloudwatch:PutMetricData'],
          resources: ['*'],
          conditions: { StringEquals: { 'cloudwatch:namespace': metrics.METRIC_NAMESPACE } },
        }),
      );
      acknowledgeWildcardResource(
        fn.role,
        '*',
        'PutMetricData has no resource-level permissions; the condition limits it to the Launchpad/Ingestion namespace.',
      );
    }
    if (key) {
      for (const fn of [validator, consumer]) {
        fn.role.addToPrincipalPolicy(
          new iam.PolicyStatement({
            actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
            resources: [key.keyArn],
          }),
        );
      }
    }

    this.functions = [ingest, validator, consumer];

    const crawler = new RawCrawler(this, 'Crawler', {
      crawlerName: names.resource('raw-crawler'),
      databaseName: names.glueDatabase('raw'),
      bucket: raw,
      paths: [STREAM_PREFIX, `${UPLOADS_PREFIX}rides/`],
      key,
      schedule: settings.crawlerSchedule,
    });

    if (config.costlyServices.dms) {
      new DmsReplication(this, 'Dms', {
        names,
        source: settings.dmsSource,
        bucket: raw,
        key,
        logRetention: retention,
        removalPolicy,
      });
    }

    for (const [resource, reason] of [
      [
        raw.arnForObjects(`${UPLOADS_PREFIX}*`),
        'The validator checks any file uploaded under uploads/ and may remove it.',
      ],
      [
        raw.arnForObjects(`${QUARANTINE_PREFIX}*`),
        'The validator moves bad files under quarantine/, keeping their names.',
      ],
      [
        raw.arnForObjects(`${QUARANTINE_PREFIX}stream/*`),
        'The consumer writes malformed records under quarantine/stream/, one object per batch.',
      ],
      [
        raw.arnForObjects('stream/*'),
        'Firehose names the objects it delivers under stream/ by partition and time.',
      ],
    ] as const) {
      acknowledgeWildcardResource(this, resource, reason);
    }
    Validations.of(firehose.deliveryStream).acknowledge({
      id: 'AwsSolutions-KDF1',
      reason:
        'The source Kinesis stream is encrypted; Firehose server-side encryption applies to Direct PUT delivery streams only.',
    });
    Validations.of(failures).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason:
        'This queue is the on-failure destination (dead-letter queue) of the stream consumer’s event-source mapping.',
    });

    const output = (id: string, value: string, description: string) =>
      new CfnOutput(this, id, { value, description });
    output('StreamName', this.stream.streamName, 'Kinesis data stream of ride events');
    output('DeliveryStreamName', firehose.deliveryStream.ref, 'Firehose delivery stream into the raw zone');
    output('ApiUrl', `${api.api.url}events`, 'POST ride events here with the x-api-key header');
    output(
      'ApiKeyId',
      api.apiKey.keyId,
      'aws apigateway get-api-key --include-value --api-key <id> prints the key',
    );
    output('ValidatorFunctionName', validator.function.functionName, 'Checks uploaded files');
    output('ConsumerFunctionName', consumer.function.functionName, 'Reads the stream');
    output('ConsumerFailuresQueueUrl', failures.queueUrl, 'Batches the consumer gave up on');
    output('RawCrawlerName', crawler.crawler.ref, 'Glue crawler over the raw zone');
    output('RawDatabaseName', names.glueDatabase('raw'), 'Glue database of the raw zone');
  }
}
