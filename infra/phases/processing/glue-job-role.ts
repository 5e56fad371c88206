import { ArnFormat, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type * as s3assets from 'aws-cdk-lib/aws-s3-assets';
import { Construct } from 'constructs';
import { LakeBucketGrants } from '../../constructs/lake-bucket-grants.ts';
import { LakeCatalog } from '../../constructs/lake-catalog.ts';
import { GLUE_READ_CATALOG } from '../../constructs/perms.ts';
import { acknowledgeWildcardResource } from '../../nag/acknowledge-wildcard-resource.ts';

/** A folder of a lake zone's bucket, e.g. the clean zone's `rides/`. */
export interface ZoneFolder {
  /** The zone's bucket, found by name. */
  readonly bucket: s3.IBucket;
  /** Key prefix, e.g. `rides/`; `''` for the whole bucket. */
  readonly prefix: string;
}

export interface GlueJobRoleProps {
  /** Physical name, `${project}-${environment}-<job>-job`. */
  readonly roleName: string;
  /** The job's name, for the role's description. */
  readonly jobName: string;
  /** What the job reads. */
  readonly reads: readonly ZoneFolder[];
  /** What the job writes, deletes and reads back (Spark's committer renames, Delta rewrites files). */
  readonly writes: readonly ZoneFolder[];
  /** Glue databases the job may read through the Data Catalog (Spark's metastore): only those it uses. */
  readonly databases: readonly string[];
  /** The job's script and the library it loads. */
  readonly files: readonly s3assets.Asset[];
  /** The data lake key. @default - the lake uses SSE-S3 */
  readonly key?: kms.IKey;
}

/**
 * The role of one Glue job, allowed exactly that job: read its source folders, write its target folders,
 * read its script and library, its logs and metrics, and the catalog entries of its own databases.
 * One role per job, so a bug in raw → clean cannot touch the curated table.
 */
export class GlueJobRole extends Construct {
  readonly role: iam.Role;

  constructor(scope: Construct, id: string, props: GlueJobRoleProps) {
    super(scope, id);
    const stack = Stack.of(this);
    this.role = new iam.Role(this, 'Role', {
      roleName: props.roleName,
      description: `Glue job ${props.jobName}: reads its source, writes its target, nothing more`,
      assumedBy: new iam.ServicePrincipal('glue.amazonaws.com'),
    });
    for (const { bucket, prefix } of props.reads) {
      LakeBucketGrants.fromBucket(bucket, props.key).read(this.role, `${prefix}*`);
      acknowledgeWildcardResource(
        this.role,
        bucket.arnForObjects(`${prefix}*`),
        `The job reads every file under ${prefix || 'the bucket'}: its input arrives under names it does not choose.`,
      );
    }
    for (const { bucket, prefix } of props.writes) {
      LakeBucketGrants.fromBucket(bucket, props.key).readWrite(this.role, `${prefix}*`);
      acknowledgeWildcardResource(
        this.role,
        bucket.arnForObjects(`${prefix}*`),
        `Spark names the files it writes, renames and replaces under ${prefix || 'the bucket'}.`,
      );
    }
    this.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'ScriptsAndLibraries',
        actions: ['s3:GetObject'],
        resources: props.files.map((a) => a.bucket.arnForObjects(a.s3ObjectKey)),
      }),
    );
    const logGroups = stack.formatArn({
      service: 'logs',
      resource: 'log-group',
      resourceName: '/aws-glue/*',
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });
    this.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'JobLogs',
        actions: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents', 'logs:AssociateKmsKey'],
        resources: [logGroups],
      }),
    );
    this.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'JobMetrics',
        actions: ['cloudwatch:PutMetricData'],
        resources: ['*'],
        conditions: { StringEquals: { 'cloudwatch:namespace': 'Glue' } },
      }),
    );
    LakeCatalog.grantTables(this.role, GLUE_READ_CATALOG, props.databases);
    acknowledgeWildcardResource(
      this,
      logGroups,
      'Glue writes each run’s logs to groups and streams it names under /aws-glue/.',
    );
    acknowledgeWildcardResource(
      this,
      '*',
      'PutMetricData has no resource-level permissions; the condition limits it to the Glue namespace.',
    );
  }
}
