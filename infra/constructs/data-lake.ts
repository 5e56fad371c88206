import { Duration, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import type { EnvironmentConfig } from '../../lib/config/environment-config.ts';
import type { ResourceNames } from '../../lib/config/resource-names.ts';
import { acknowledgeCheckov } from '../nag/acknowledge-checkov.ts';
import { acknowledgeWildcardResource } from '../nag/acknowledge-wildcard-resource.ts';
import { DataLakeKey } from './data-lake-key.ts';
import { LakeBucket } from './lake-bucket.ts';
import { LakeBucketGrants } from './lake-bucket-grants.ts';

/** The lake's zones, in the order data moves through them. */
export const LAKE_ZONES = ['raw', 'clean', 'curated'] as const;
export type LakeZone = (typeof LAKE_ZONES)[number];
/** The S3 storage classes of lifecycle.archiveRaw. */
const ARCHIVE_CLASSES = {
  'glacier-flexible-retrieval': s3.StorageClass.GLACIER,
  'deep-archive': s3.StorageClass.DEEP_ARCHIVE,
} as const;

/**
 * The zones' moves to cheaper storage: by age (Standard-IA, then Glacier Instant Retrieval), or into
 * Intelligent-Tiering on the first day, where S3 moves each object by how it is read.
 */
function storageClassTransitions(lifecycle: EnvironmentConfig['lifecycle']): s3.Transition[] {
  if (lifecycle.storageClasses === 'intelligent-tiering') {
    return [{ storageClass: s3.StorageClass.INTELLIGENT_TIERING, transitionAfter: Duration.days(0) }];
  }
  return [
    {
      storageClass: s3.StorageClass.INFREQUENT_ACCESS,
      transitionAfter: Duration.days(lifecycle.transitionToInfrequentAccessDays),
    },
    {
      storageClass: s3.StorageClass.GLACIER_INSTANT_RETRIEVAL,
      transitionAfter: Duration.days(lifecycle.transitionToGlacierInstantRetrievalDays),
    },
  ];
}

/** The buckets principals are granted access to: the zones and the Athena query results. */
export type LakeDataBucket = LakeZone | 'queryResults';

export interface DataLakeProps {
  /** Names of this environment's resources. */
  readonly names: ResourceNames;
  /** SSE-S3, or SSE-KMS with a customer-managed key of this lake ($1 a month). */
  readonly encryption: EnvironmentConfig['encryption'];
  /**
   * When objects move to cheaper storage classes (by age or Intelligent-Tiering, and raw optionally to an
   * archive class) and when logs, results and old versions expire.
   */
  readonly lifecycle: EnvironmentConfig['lifecycle'];
}

/**
 * The S3 data lake of one environment: raw, clean and curated zones, Athena query results, and the
 * bucket that receives the others' server access logs. Buckets and key are deleted with the stack only
 * where the environment may destroy data (removal-policy.ts).
 */
export class DataLake extends Construct {
  /** The customer-managed key, when the environment encrypts with KMS. */
  readonly key?: DataLakeKey;
  readonly zones: Readonly<Record<LakeZone, LakeBucket>>;
  readonly queryResults: LakeBucket;
  readonly accessLogs: LakeBucket;

  constructor(scope: Construct, id: string, props: DataLakeProps) {
    super(scope, id);
    const { names, lifecycle } = props;
    const tidyVersions = {
      noncurrentVersionExpiration: Duration.days(lifecycle.noncurrentVersionExpirationDays),
      abortIncompleteMultipartUploadAfter: Duration.days(lifecycle.abortIncompleteMultipartUploadDays),
    };
    if (props.encryption === 'kms') {
      this.key = new DataLakeKey(this, 'Key', { alias: `alias/${names.resource('data-lake')}` });
    }

    // S3 server access logging delivers only to SSE-S3 buckets, so this one never uses the KMS key.
    this.accessLogs = new LakeBucket(this, 'AccessLogs', {
      bucketName: names.bucket('access-logs', Stack.of(this).account),
      lifecycleRules: [
        { id: 'expire-logs', expiration: Duration.days(lifecycle.accessLogsExpirationDays), ...tidyVersions },
      ],
    });
    acknowledgeCheckov(
      this.accessLogs,
      'CKV_AWS_18',
      'This is the bucket that receives the other buckets’ server access logs; logging its own access into itself would log every delivery again, without end.',
    );
    // Buckets of later phases (CloudTrail, Airflow DAGs) import this one by name, so CDK cannot add their
    // statements: S3 may deliver the logs of any bucket of this environment, of this account only.
    this.accessLogs.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'S3ServerAccessLogsOfThisEnvironment',
        principals: [new iam.ServicePrincipal('logging.s3.amazonaws.com')],
        actions: ['s3:PutObject'],
        resources: [this.accessLogs.arnForObjects('*')],
        conditions: {
          ArnLike: { 'aws:SourceArn': `arn:${Stack.of(this).partition}:s3:::${names.prefix}-*` },
          StringEquals: { 'aws:SourceAccount': Stack.of(this).account },
        },
      }),
    );
    const lakeBucket = (id: string, purpose: string, lifecycleRule: s3.LifecycleRule, eventBridge = false) =>
      new LakeBucket(this, id, {
        eventBridge,
        bucketName: names.bucket(purpose, Stack.of(this).account),
        encryptionKey: this.key,
        accessLogs: { bucket: this.accessLogs, prefix: `${purpose}/` },
        lifecycleRules: [lifecycleRule],
      });

    const transitions = storageClassTransitions(lifecycle);
    const tiering: s3.LifecycleRule = {
      id: 'tier-and-tidy',
      transitions,
      expiredObjectDeleteMarker: true,
      ...tidyVersions,
    };
    // Only raw is archived: Athena, the crawler and the jobs cannot read archived objects, and the curated
    // Delta table's log names every data file it needs.
    const archive = lifecycle.archiveRaw;
    const rawTiering: s3.LifecycleRule = archive
      ? {
          ...tiering,
          transitions: [
            ...transitions,
            {
              storageClass: ARCHIVE_CLASSES[archive.storageClass],
              transitionAfter: Duration.days(archive.afterDays),
            },
          ],
        }
      : tiering;
    this.zones = {
      raw: lakeBucket('Raw', 'raw', rawTiering, true),
      clean: lakeBucket('Clean', 'clean', tiering),
      curated: lakeBucket('Curated', 'curated', tiering),
    };
    this.queryResults = lakeBucket('QueryResults', 'athena-results', {
      id: 'expire-results',
      expiration: Duration.days(lifecycle.queryResultsExpirationDays),
      ...tidyVersions,
    });
    for (const bucket of [...Object.values(this.zones), this.queryResults]) {
      acknowledgeWildcardResource(
        Stack.of(this),
        bucket.arnForObjects('*'),
        `Object-level S3 actions, each listed by name, need the objects ARN of the bucket; this wildcard covers the keys of one ${names.environment} bucket only.`,
      );
    }
  }

  /** Lets `grantee` list `bucket` and read the objects under `objectsKeyPattern`. */
  grantRead(grantee: iam.IGrantable, bucket: LakeDataBucket, objectsKeyPattern = '*'): iam.Grant {
    return this.grants(bucket).read(grantee, objectsKeyPattern);
  }

  /** Lets `grantee` put objects into `bucket`, and nothing else: no list, no read, no delete. */
  grantWrite(grantee: iam.IGrantable, bucket: LakeDataBucket, objectsKeyPattern = '*'): iam.Grant {
    return this.grants(bucket).write(grantee, objectsKeyPattern);
  }

  /** Read, write and delete (ETL jobs overwrite partitions). */
  grantReadWrite(grantee: iam.IGrantable, bucket: LakeDataBucket, objectsKeyPattern = '*'): iam.Grant {
    return this.grants(bucket).readWrite(grantee, objectsKeyPattern);
  }

  private grants(bucket: LakeDataBucket): LakeBucketGrants {
    return LakeBucketGrants.fromBucket(
      bucket === 'queryResults' ? this.queryResults : this.zones[bucket],
      this.key,
    );
  }

  /** Every bucket of the lake, for outputs and for checks. */
  get allBuckets(): Record<string, LakeBucket> {
    return { ...this.zones, queryResults: this.queryResults, accessLogs: this.accessLogs };
  }
}
