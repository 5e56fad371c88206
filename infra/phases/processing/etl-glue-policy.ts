import { ArnFormat, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as s3assets from 'aws-cdk-lib/aws-s3-assets';
import type { Construct } from 'constructs';
import type { ResourceNames } from '../../../lib/config/resource-names.ts';
import { LakeCatalog } from '../../constructs/lake-catalog.ts';
import { GLUE_READ_CATALOG } from '../../constructs/perms.ts';
import { acknowledgeWildcardResource } from '../../nag/acknowledge-wildcard-resource.ts';

export interface EtlGluePolicyProps {
  /** Names of this environment's resources. */
  readonly names: ResourceNames;
  /** The foundation's ETL role, found by name. */
  readonly role: iam.IRole;
  /** The scripts and the library the jobs load from the assets bucket. */
  readonly assets: readonly s3assets.Asset[];
}

/**
 * What Glue needs beyond the lake, added to the foundation's ETL role (which already reads raw and writes
 * clean and curated): its logs and metrics, the job files, and the Data Catalog of this environment.
 *
 * A named part of the processing stack, defined in the stack's own scope: as a construct of its own it
 * would add its id to the policy's logical id, and CloudFormation would replace the policy.
 */
export class EtlGluePolicy {
  readonly policy: iam.Policy;

  constructor(stack: Construct, props: EtlGluePolicyProps) {
    const { names } = props;
    const logGroups = Stack.of(stack).formatArn({
      service: 'logs',
      resource: 'log-group',
      resourceName: '/aws-glue/*',
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });
    this.policy = new iam.Policy(stack, 'GluePolicy', {
      policyName: names.resource('etl-glue'),
      roles: [props.role],
      statements: [
        new iam.PolicyStatement({
          sid: 'JobLogs',
          actions: [
            'logs:CreateLogGroup',
            'logs:CreateLogStream',
            'logs:PutLogEvents',
            'logs:AssociateKmsKey',
          ],
          resources: [logGroups],
        }),
        new iam.PolicyStatement({
          sid: 'JobMetrics',
          actions: ['cloudwatch:PutMetricData'],
          resources: ['*'],
          conditions: { StringEquals: { 'cloudwatch:namespace': 'Glue' } },
        }),
        new iam.PolicyStatement({
          sid: 'ScriptsAndLibraries',
          actions: ['s3:GetObject'],
          resources: props.assets.map((a) => a.bucket.arnForObjects(a.s3ObjectKey)),
        }),
      ],
    });
    // Spark reads the catalog as its metastore: the environment's databases, by name pattern.
    LakeCatalog.grantTables(this.policy, GLUE_READ_CATALOG, [names.glueDatabasePattern]);
    acknowledgeWildcardResource(
      stack,
      logGroups,
      'Glue writes each run’s logs to groups and streams it names under /aws-glue/.',
    );
    acknowledgeWildcardResource(
      stack,
      '*',
      'PutMetricData has no resource-level permissions; the condition limits it to the Glue namespace.',
    );
  }
}
