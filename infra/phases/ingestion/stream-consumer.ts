import { Duration, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kinesis from 'aws-cdk-lib/aws-kinesis';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sources from 'aws-cdk-lib/aws-lambda-event-sources';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { PythonFunction } from '../../constructs/python-function.ts';
import { removalPolicyOf } from '../../constructs/removal-policy.ts';
import { acknowledgeCheckov } from '../../nag/acknowledge-checkov.ts';
import { acknowledgeWildcardResource } from '../../nag/acknowledge-wildcard-resource.ts';
import {
  allowLakeKey,
  type IngestionFunctionsProps,
  metricsEnvironment,
  QUARANTINE_PREFIX,
  SQS_MANAGED_ENCRYPTION,
} from './ingestion-functions.ts';

export interface StreamConsumerProps extends IngestionFunctionsProps {
  /** The ride stream the consumer reads. */
  readonly stream: kinesis.IStream;
}

/**
 * Stream → consumer, with partial batch responses and a dead-letter queue for what keeps failing; malformed
 * records go to quarantine/stream/. A named part of the ingestion stack, defined in the stack's own scope
 * (see UploadValidation).
 */
export class StreamConsumer {
  readonly consumer: PythonFunction;
  readonly failures: sqs.Queue;

  constructor(stack: Construct, props: StreamConsumerProps) {
    const { names, raw } = props;
    this.failures = new sqs.Queue(stack, 'ConsumerFailures', {
      queueName: names.resource('stream-consumer-failures'),
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
      removalPolicy: removalPolicyOf(stack),
    });
    this.consumer = new PythonFunction(stack, 'ConsumerFunction', {
      logRetention: props.logRetention,
      reservedConcurrency: props.reservedConcurrency,
      functionName: names.resource('stream-consumer'),
      handlerDir: 'stream_consumer',
      description: 'Reads the ride stream: metrics per city, malformed records to quarantine/stream/',
      environment: {
        ...metricsEnvironment(props),
        RAW_BUCKET: raw.bucketName,
        QUARANTINE_PREFIX: `${QUARANTINE_PREFIX}stream/`,
      },
      timeout: Duration.minutes(1),
    });
    const quarantine = raw.arnForObjects(`${QUARANTINE_PREFIX}stream/*`);
    this.consumer.role.addToPrincipalPolicy(
      new iam.PolicyStatement({ actions: ['s3:PutObject'], resources: [quarantine] }),
    );
    this.consumer.function.addEventSource(
      new sources.KinesisEventSource(props.stream, {
        startingPosition: lambda.StartingPosition.LATEST,
        batchSize: 100,
        maxBatchingWindow: Duration.seconds(5),
        bisectBatchOnError: true,
        retryAttempts: 2,
        maxRecordAge: Duration.hours(1),
        reportBatchItemFailures: true,
        parallelizationFactor: 1,
        onFailure: new sources.SqsDlq(this.failures),
      }),
    );
    allowLakeKey(this.consumer, props.key);
    acknowledgeWildcardResource(
      stack,
      quarantine,
      'The consumer writes malformed records under quarantine/stream/, one object per batch.',
    );
    Validations.of(this.failures).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason:
        'This queue is the on-failure destination (dead-letter queue) of the stream consumer’s event-source mapping.',
    });
    acknowledgeCheckov(this.failures, 'CKV_AWS_27', SQS_MANAGED_ENCRYPTION);
    acknowledgeCheckov(
      this.consumer.function,
      'CKV_AWS_116',
      'The Kinesis event-source mapping invokes it synchronously; batches that keep failing go to its on-failure destination, the ConsumerFailures queue. A function dead-letter queue serves asynchronous invocations only.',
    );
  }
}
