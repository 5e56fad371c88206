import { Duration, type RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import type { EnvironmentConfig } from '../../lib/config/environment-config.ts';
import type { ResourceNames } from '../../lib/config/resource-names.ts';
import { acknowledgeWildcardResource } from '../nag/acknowledge-wildcard-resource.ts';
import { DataLakeKey } from './data-lake-key.ts';
import { LakeBucket } from './lake-bucket.ts';

/** The lake's zones, in the order data moves through them. */
export const LAKE_ZONES = ['raw', 'clean', 'curated'] as const;
export type LakeZone = (typeof LAKE_ZONES)[number];

export interface DataLakeProps {
  readonly names: ResourceNames;
  readonly encryption: EnvironmentConfig['encryption'];
  readonly lifecycle: EnvironmentConfig['lifecycle'];
  /** DESTROY empties and deletes buckets and the key with the stack; RETAIN keeps them. */
  readonly removalPolicy: RemovalPolicy;
}

// Explicit actions rather than CDK's grantRead/grantWrite, whose `s3:GetObject*`-style wildcards this project avoids.
const READ = {
  bucket: ['s3:ListBucket', 's3:GetBucketLocation'],
  objects: ['s3:GetObject', 's3:GetObjectVersion'],
};
const WRITE = {
  bucket: ['s3:ListBucketMultipartUploads'],
  objects: ['s3:PutObject', 's3:AbortMultipartUpload', 's3:ListMultipartUploadParts'],
};
const DELETE = { bucket: [], objects: ['s3:DeleteObject'] };
type Actions = { readonly bucket: string[]; readonly objects: string[] };

/**
 * The S3 data lake of one environment: raw, clean and curated zones, Athena query results, and the
 * bucket that receives the others' server access logs.
 */
export class DataLake extends Construct {
  /** The customer-managed key, when the environment encrypts with KMS. */
  readonly key?: DataLakeKey;
  readonly zones: Readonly<Record<LakeZone, LakeBucket>>;
  readonly queryResults: LakeBucket;
  readonly accessLogs: LakeBucket;

  constructor(scope: Construct, id: string, props: DataLakeProps) {
    super(scope, id);
    const { names, lifecycle, removalPolicy } = props;
    const tidyVersions = {
      noncurrentVersionExpiration: Duration.days(lifecycle.noncurrentVersionExpirationDays),
      abortIncompleteMultipartUploadAfter: Duration.days(lifecycle.abortIncompleteMultipartUploadDays),
    };
    if (props.encryption === 'kms') {
      this.key = new DataLakeKey(this, 'Key', {
        alias: `alias/${names.resource('data-lake')}`,
        removalPolicy,
      });
    }

    // S3 server access logging delivers only to SSE-S3 buckets, so this one never uses the KMS key.
    this.accessLogs = new LakeBucket(this, 'AccessLogs', {
      bucketName: names.bucket('access-logs', Stack.of(this).account),
      removalPolicy,
      lifecycleRules: [
        { id: 'expire-logs', expiration: Duration.days(lifecycle.accessLogsExpirationDays), ...tidyVersions },
      ],
    });
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
        removalPolicy,
      });

    const tiering: s3.LifecycleRule = {
      id: 'tier-and-tidy',
      transitions: [
        {
          storageClass: s3.StorageClass.INFREQUENT_ACCESS,
          transitionAfter: Duration.days(lifecycle.transitionToInfrequentAccessDays),
        },
        {
          storageClass: s3.StorageClass.GLACIER_INSTANT_RETRIEVAL,
          transitionAfter: Duration.days(lifecycle.transitionToGlacierInstantRetrievalDays),
        },
      ],
      expiredObjectDeleteMarker: true,
      ...tidyVersions,
    };
    this.zones = {
      raw: lakeBucket('Raw', 'raw', tiering, true),
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

  /** Statements that let a principal list and read the objects of `bucket`. */
  readStatements(bucket: s3.IBucket): iam.PolicyStatement[] {
    return this.statements(bucket, READ, ['kms:Decrypt']);
  }

  /** Statements that let a principal put objects into `bucket`, and nothing else: no list, no read, no delete. */
  writeStatements(bucket: s3.IBucket): iam.PolicyStatement[] {
    return this.statements(bucket, WRITE, ['kms:GenerateDataKey', 'kms:Decrypt']);
  }

  /** Read, write and delete (ETL jobs overwrite partitions). */
  readWriteStatements(bucket: s3.IBucket): iam.PolicyStatement[] {
    return [
      ...this.readStatements(bucket),
      ...this.writeStatements(bucket),
      ...this.statements(bucket, DELETE, []),
    ];
  }

  private statements(bucket: s3.IBucket, actions: Actions, keyActions: string[]): iam.PolicyStatement[] {
    const statements = [
      new iam.PolicyStatement({ actions: actions.objects, resources: [bucket.arnForObjects('*')] }),
    ];
    if (actions.bucket.length > 0) {
      statements.push(new iam.PolicyStatement({ actions: actions.bucket, resources: [bucket.bucketArn] }));
    }
    if (this.key && keyActions.length > 0) {
      statements.push(
        new iam.PolicyStatement({
          actions: keyActions,
          resources: [this.key.keyArn],
          // The key serves S3 requests only, not direct calls.
          conditions: { StringEquals: { 'kms:ViaService': `s3.${Stack.of(this).region}.amazonaws.com` } },
        }),
      );
    }
    return statements;
  }

  /** Every bucket of the lake, for outputs and for checks. */
  get allBuckets(): Record<string, LakeBucket> {
    return { ...this.zones, queryResults: this.queryResults, accessLogs: this.accessLogs };
  }
}
