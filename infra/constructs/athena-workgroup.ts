import { Stack } from 'aws-cdk-lib';
import * as athena from 'aws-cdk-lib/aws-athena';
import type * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct, type IConstruct } from 'constructs';
import { type BucketFolder, grantAthenaQueries, type QueryAccess } from './athena-query-grants.ts';
import { mayDestroyData, removalPolicyOf } from './removal-policy.ts';

/** Purpose part of the Athena workgroup's name; the analytics phase creates the workgroup, others find it by name. */
export const ATHENA_WORKGROUP_PURPOSE = 'analytics';
/** Folder of the query-results bucket the workgroup writes to. */
const RESULTS_PREFIX = 'athena/';
const BYTES_PER_MB = 1024 * 1024;

/** The environment's workgroup, created here or found by name, and the grants to query in it. */
export interface IAthenaWorkgroup {
  /** Physical name, `${project}-${environment}-analytics`. */
  readonly workgroupName: string;
  /** `arn:<partition>:athena:<region>:<account>:workgroup/<name>` */
  readonly workgroupArn: string;
  /**
   * Where the workgroup writes query results (it enforces the location on every client).
   * @default - unknown for a workgroup found by name without its bucket: no grant of results
   */
  readonly resultsFolder?: BucketFolder;
  /** The key the results and the lake are encrypted with. @default - the lake uses SSE-S3 */
  readonly key?: kms.IKey;
  /** Lets `grantee` run queries in this workgroup: Athena, the Glue tables, and the S3 objects `access` names. */
  grantQueries(grantee: iam.IGrantable & IConstruct, access: QueryAccess): iam.Grant;
}

/** Where a workgroup found by name keeps its results. */
export interface WorkgroupResults {
  /** The query-results bucket, found by name too. @default - no results bucket: grants with `results` fail */
  readonly resultsBucket?: s3.IBucket;
  /** The lake's key. @default - results encrypted with SSE-S3 */
  readonly key?: kms.IKey;
}

export interface AthenaWorkgroupProps {
  /** Physical name, `${project}-${environment}-analytics`. */
  readonly workgroupName: string;
  /** Where every query's results go, under `athena/`. */
  readonly resultsBucket: s3.IBucket;
  /** SSE-KMS for the results with this key. @default - SSE-S3 */
  readonly key?: kms.IKey;
  /** Athena cancels a query that would scan more than this. */
  readonly bytesScannedCutoffMb: number;
}

/**
 * The environment's Athena workgroup: engine version 3 (Delta Lake, Trino SQL), results always encrypted
 * in the results bucket (the workgroup's settings override any client's), a per-query scan cutoff and
 * CloudWatch metrics of bytes scanned.
 */
export class AthenaWorkgroup extends Construct implements IAthenaWorkgroup {
  /** The workgroup of another phase's stack, found by name: later phases never hold a reference to it. */
  static fromWorkgroupName(
    scope: IConstruct,
    workgroupName: string,
    results: WorkgroupResults = {},
  ): IAthenaWorkgroup {
    const { resultsBucket, key } = results;
    return {
      workgroupName,
      workgroupArn: workgroupArnOf(scope, workgroupName),
      resultsFolder: resultsBucket && { bucket: resultsBucket, prefix: RESULTS_PREFIX },
      key,
      grantQueries(grantee, access) {
        return grantAthenaQueries(this, grantee, access);
      },
    };
  }

  readonly workgroup: athena.CfnWorkGroup;
  readonly workgroupName: string;
  readonly workgroupArn: string;
  readonly resultsFolder: BucketFolder;
  readonly key?: kms.IKey;
  /** `s3://<results bucket>/athena/` */
  readonly resultsLocation: string;

  constructor(scope: Construct, id: string, props: AthenaWorkgroupProps) {
    super(scope, id);
    this.workgroupName = props.workgroupName;
    this.workgroupArn = workgroupArnOf(this, props.workgroupName);
    this.resultsFolder = { bucket: props.resultsBucket, prefix: RESULTS_PREFIX };
    this.key = props.key;
    this.resultsLocation = props.resultsBucket.s3UrlForObject(RESULTS_PREFIX);
    this.workgroup = new athena.CfnWorkGroup(this, 'WorkGroup', {
      name: props.workgroupName,
      description: `Queries of ${props.workgroupName}: results encrypted, at most ${props.bytesScannedCutoffMb} MB scanned per query`,
      state: 'ENABLED',
      // Deleting a workgroup with saved queries fails unless this is set; only where the stack may be destroyed.
      recursiveDeleteOption: mayDestroyData(this),
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
    this.workgroup.applyRemovalPolicy(removalPolicyOf(this));
  }

  grantQueries(grantee: iam.IGrantable & IConstruct, access: QueryAccess): iam.Grant {
    return grantAthenaQueries(this, grantee, access);
  }
}

/** Workgroup ARNs are fixed by name, so no stack needs the workgroup's own to name it. */
function workgroupArnOf(scope: IConstruct, workgroupName: string): string {
  return Stack.of(scope).formatArn({ service: 'athena', resource: 'workgroup', resourceName: workgroupName });
}
