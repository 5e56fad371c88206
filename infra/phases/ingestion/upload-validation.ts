import { Duration, Validations } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
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
  UPLOADS_PREFIX,
} from './ingestion-functions.ts';

/**
 * Uploaded files → validator, through EventBridge (an S3 notification would tie the foundation stack to
 * this one): every file under uploads/ is checked, and a bad one is moved to quarantine/. EventBridge invokes
 * the validator asynchronously: an upload whose check failed every retry waits in a dead-letter queue.
 *
 * A named part of the ingestion stack, defined in the stack's own scope: as a construct of its own it
 * would add its id to the logical ids below it, and CloudFormation would replace those resources.
 */
export class UploadValidation {
  readonly validator: PythonFunction;
  readonly failures: sqs.Queue;

  constructor(stack: Construct, props: IngestionFunctionsProps) {
    const { names, raw } = props;
    this.failures = new sqs.Queue(stack, 'ValidatorFailures', {
      queueName: names.resource('s3-validator-failures'),
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
      removalPolicy: removalPolicyOf(stack),
    });
    this.validator = new PythonFunction(stack, 'ValidatorFunction', {
      logRetention: props.logRetention,
      reservedConcurrency: props.reservedConcurrency,
      functionName: names.resource('s3-validator'),
      handlerDir: 's3_validator',
      description: 'Checks every file uploaded to the raw zone and moves bad ones to quarantine/',
      environment: { ...metricsEnvironment(props), QUARANTINE_PREFIX },
      timeout: Duration.minutes(2),
      deadLetterQueue: this.failures,
    });
    const uploads = raw.arnForObjects(`${UPLOADS_PREFIX}*`);
    const quarantine = raw.arnForObjects(`${QUARANTINE_PREFIX}*`);
    this.validator.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        // The bucket is versioned: the validator reads and removes exactly the version it checked.
        actions: ['s3:GetObject', 's3:GetObjectVersion', 's3:DeleteObject', 's3:DeleteObjectVersion'],
        resources: [uploads],
      }),
    );
    this.validator.role.addToPrincipalPolicy(
      new iam.PolicyStatement({ actions: ['s3:PutObject'], resources: [quarantine] }),
    );
    allowLakeKey(this.validator, props.key);
    new events.Rule(stack, 'OnUpload', {
      ruleName: names.resource('raw-upload'),
      description: 'Files uploaded to the raw zone',
      eventPattern: {
        source: ['aws.s3'],
        detailType: ['Object Created'],
        detail: { bucket: { name: [raw.bucketName] }, object: { key: [{ prefix: UPLOADS_PREFIX }] } },
      },
      targets: [
        new targets.LambdaFunction(this.validator.function, {
          retryAttempts: 2,
          maxEventAge: Duration.hours(1),
        }),
      ],
    });
    acknowledgeWildcardResource(
      stack,
      uploads,
      'The validator checks any file uploaded under uploads/ and may remove it.',
    );
    acknowledgeWildcardResource(
      stack,
      quarantine,
      'The validator moves bad files under quarantine/, keeping their names.',
    );
    Validations.of(this.failures).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: 'This queue is the dead-letter queue of the validator’s asynchronous invocations.',
    });
    acknowledgeCheckov(this.failures, 'CKV_AWS_27', SQS_MANAGED_ENCRYPTION);
  }
}
