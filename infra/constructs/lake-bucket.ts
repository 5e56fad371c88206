import type * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { mayDestroyData, removalPolicyOf } from './removal-policy.ts';

export interface LakeBucketProps {
  /** Physical name, `${project}-${environment}-${purpose}-${account}` (bucket names are global). */
  readonly bucketName: string;
  /** Customer-managed key for SSE-KMS (with an S3 Bucket Key). @default - SSE-S3 */
  readonly encryptionKey?: kms.IKey;
  /** Where S3 writes this bucket's server access logs. @default - no logging (only for the logs bucket itself) */
  readonly accessLogs?: { readonly bucket: s3.IBucket; readonly prefix: string };
  /** How objects move to cheaper storage and expire; every bucket tidies old versions and uploads. */
  readonly lifecycleRules: s3.LifecycleRule[];
  /** Send object events to EventBridge (free for S3 events), where later phases pick them up. @default false */
  readonly eventBridge?: boolean;
}

/**
 * An S3 bucket with the settings every bucket of this project shares: private, encrypted, TLS-only, versioned.
 * Where the environment may destroy data, the bucket is also emptied on stack deletion, so a torn-down dev
 * leaves nothing billed.
 */
export class LakeBucket extends s3.Bucket {
  constructor(scope: Construct, id: string, props: LakeBucketProps) {
    super(scope, id, {
      bucketName: props.bucketName,
      encryption: props.encryptionKey ? s3.BucketEncryption.KMS : s3.BucketEncryption.S3_MANAGED,
      encryptionKey: props.encryptionKey,
      bucketKeyEnabled: props.encryptionKey ? true : undefined,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      versioned: true,
      serverAccessLogsBucket: props.accessLogs?.bucket,
      serverAccessLogsPrefix: props.accessLogs?.prefix,
      lifecycleRules: props.lifecycleRules,
      removalPolicy: removalPolicyOf(scope),
      autoDeleteObjects: mayDestroyData(scope),
    });
    if (props.eventBridge) {
      // Set on the CloudFormation resource: CDK's `eventBridgeEnabled` would add a custom-resource function.
      (this.node.defaultChild as s3.CfnBucket).notificationConfiguration = {
        eventBridgeConfiguration: { eventBridgeEnabled: true },
      };
    }
  }
}
