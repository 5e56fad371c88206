import { RemovalPolicy } from 'aws-cdk-lib';
import * as athena from 'aws-cdk-lib/aws-athena';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

/** Folder of the query-results bucket the workgroup writes to (the analyst policy may write there). */
export const RESULTS_PREFIX = 'athena/';
const BYTES_PER_MB = 1024 * 1024;

export interface AthenaWorkgroupProps {
  readonly workgroupName: string;
  readonly resultsBucket: s3.IBucket;
  /** SSE-KMS with this key; @default SSE-S3 */
  readonly key?: kms.IKey;
  readonly bytesScannedCutoffMb: number;
  readonly removalPolicy: RemovalPolicy;
}

/**
 * The environment's Athena workgroup: engine version 3 (Delta Lake, Trino SQL), results always encrypted
 * in the results bucket (the workgroup's settings override any client's), a per-query scan cutoff and
 * CloudWatch metrics of bytes scanned.
 */
export class AthenaWorkgroup extends Construct {
  readonly workgroup: athena.CfnWorkGroup;
  readonly workgroupName: string;
  readonly resultsLocation: string;

  constructor(scope: Construct, id: string, props: AthenaWorkgroupProps) {
    super(scope, id);
    this.workgroupName = props.workgroupName;
    this.resultsLocation = props.resultsBucket.s3UrlForObject(RESULTS_PREFIX);
    this.workgroup = new athena.CfnWorkGroup(this, 'WorkGroup', {
      name: props.workgroupName,
      description: `Queries of ${props.workgroupName}: results encrypted, at most ${props.bytesScannedCutoffMb} MB scanned per query`,
      state: 'ENABLED',
      // Deleting a workgroup with saved queries fails unless this is set; only where the stack may be destroyed.
      recursiveDeleteOption: props.removalPolicy === RemovalPolicy.DESTROY,
      workGroupConfiguration: {
        enforceWorkGroupConfiguration: true,
        publishCloudWatchMetricsEnabled: true,
        requesterPaysEnabled: false,
        bytesScannedCutoffPerQuery: props.bytesScannedCutoffMb * BYTES_PER_MB,
        engineVersion: { selectedEngineVersion: 'Athena engine version 3' },
        resultConfiguration: {
          outputLocation: this.resultsLocation,
          expectedBucketOwner: props.resultsBucket.stack.account,
          encryptionConfiguration: props.key
            ? { encryptionOption: 'SSE_KMS', kmsKey: props.key.keyArn }
            : { encryptionOption: 'SSE_S3' },
        },
      },
    });
    this.workgroup.applyRemovalPolicy(props.removalPolicy);
  }
}
