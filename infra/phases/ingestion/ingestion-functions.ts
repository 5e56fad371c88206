import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type { ResourceNames } from '../../../lib/config/resource-names.ts';
import type { PythonFunction } from '../../constructs/python-function.ts';

/** Folders of the raw zone: people's uploads, what the validator rejects. */
export const UPLOADS_PREFIX = 'uploads/';
export const QUARANTINE_PREFIX = 'quarantine/';
/** Why the failure queues keep SSE-SQS: checkov's CKV_AWS_27 recognizes only a KMS key. */
export const SQS_MANAGED_ENCRYPTION =
  'Encrypted at rest with SSE-SQS (SqsManagedSseEnabled, free); checkov’s rule only recognizes a KMS key. The queue holds failed invocations’ events (object keys, shard and sequence numbers), not the records themselves.';
/** Namespace of the metrics the validator and the consumer log (Embedded Metric Format). */
const METRIC_NAMESPACE = 'Launchpad/Ingestion';

/** What the functions of the ingestion phase share: where they run and what they reach in the raw zone. */
export interface IngestionFunctionsProps {
  /** Names of this environment's resources. */
  readonly names: ResourceNames;
  /** The environment, passed to the handlers with their metrics. */
  readonly environment: string;
  /** The raw zone's bucket, found by name. */
  readonly raw: s3.IBucket;
  /** The data lake key. @default - the lake uses SSE-S3 */
  readonly key?: kms.IKey;
  /** How long the functions' logs are kept. */
  readonly logRetention: logs.RetentionDays;
  /** Concurrent executions reserved for each function. @default - unreserved */
  readonly reservedConcurrency?: number;
}

/** Environment variables of a handler that publishes metrics. */
export const metricsEnvironment = (props: IngestionFunctionsProps) => ({
  METRIC_NAMESPACE,
  ENVIRONMENT: props.environment,
});

/**
 * Lets a function use the lake's key on the raw zone's objects. Its metrics need no permission: the handlers
 * print them as CloudWatch Embedded Metric Format lines to their own log group.
 */
export function allowLakeKey(fn: PythonFunction, key: kms.IKey | undefined): void {
  if (key) {
    fn.role.addToPrincipalPolicy(
      new iam.PolicyStatement({ actions: ['kms:Decrypt', 'kms:GenerateDataKey'], resources: [key.keyArn] }),
    );
  }
}
