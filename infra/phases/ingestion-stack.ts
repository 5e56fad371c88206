import { CfnOutput, Duration, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kinesis from 'aws-cdk-lib/aws-kinesis';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { DmsReplication } from '../constructs/dms-replication.ts';
import { FirehoseToLake, STREAM_PREFIX } from '../constructs/firehose-to-lake.ts';
import { IngestApi } from '../constructs/ingest-api.ts';
import { PythonFunction } from '../constructs/python-function.ts';
import { RawCrawler } from '../constructs/raw-crawler.ts';
import { removalPolicyOf } from '../constructs/removal-policy.ts';
import { acknowledgeCheckov } from '../nag/acknowledge-checkov.ts';
import { acknowledgeWildcardResource } from '../nag/acknowledge-wildcard-resource.ts';
import type { FoundationStack } from './foundation-stack.ts';
import { type IngestionFunctionsProps, UPLOADS_PREFIX } from './ingestion/ingestion-functions.ts';
import { StreamConsumer } from './ingestion/stream-consumer.ts';
import { UploadValidation } from './ingestion/upload-validation.ts';
import { logRetention, PhaseStack, type PhaseStackProps } from './phase-stack.ts';

export interface IngestionStackProps extends PhaseStackProps {
  /** The foundation of this environment: the lake's key (its buckets are found by name). */
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
    const retention = logRetention(config);
    const key = props.foundation.dataLake.key;
    // The raw bucket by its name: no cross-stack reference, so the foundation never depends on this stack.
    const raw = s3.Bucket.fromBucketName(this, 'Raw', names.bucket('raw', Stack.of(this).account));
    const functions: IngestionFunctionsProps = {
      names,
      environment: config.environment,
      raw,
      key,
      logRetention: retention,
      reservedConcurrency: settings.lambdaReservedConcurrency ?? undefined,
    };

    const shards = config.costlyServices.kinesisProvisionedShards;
    this.stream = new kinesis.Stream(this, 'Stream', {
      streamName: names.resource('rides'),
      streamMode: shards > 0 ? kinesis.StreamMode.PROVISIONED : kinesis.StreamMode.ON_DEMAND,
      shardCount: shards > 0 ? shards : undefined,
      encryption: kinesis.StreamEncryption.MANAGED,
      retentionPeriod: Duration.hours(settings.streamRetentionHours),
      removalPolicy: removalPolicyOf(this),
    });
    const firehose = new FirehoseToLake(this, 'ToLake', {
      deliveryStreamName: names.resource('rides-to-raw'),
      source: this.stream,
      bucket: raw,
      key,
      logRetention: retention,
    });

    // API → ingest function → stream.
    const ingest = new PythonFunction(this, 'IngestFunction', {
      logRetention: retention,
      reservedConcurrency: functions.reservedConcurrency,
      functionName: names.resource('api-ingest'),
      handlerDir: 'api_ingest',
      description: 'Validates ride events posted to the API and puts them on the stream',
      environment: { STREAM_NAME: this.stream.streamName },
    });
    acknowledgeCheckov(
      ingest.function,
      'CKV_AWS_116',
      'API Gateway invokes it synchronously: an error goes back to the caller as a 5xx answer, and a dead-letter queue only receives failed asynchronous invocations.',
    );
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
    });

    const { validator } = new UploadValidation(this, functions);
    const { consumer, failures } = new StreamConsumer(this, { ...functions, stream: this.stream });
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
      });
    }

    acknowledgeWildcardResource(
      this,
      raw.arnForObjects('stream/*'),
      'Firehose names the objects it delivers under stream/ by partition and time.',
    );
    Validations.of(firehose.deliveryStream).acknowledge({
      id: 'AwsSolutions-KDF1',
      reason:
        'The source Kinesis stream is encrypted; Firehose server-side encryption applies to Direct PUT delivery streams only.',
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
