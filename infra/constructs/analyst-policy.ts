import * as iam from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';
import type { ResourceNames } from '../../lib/config/resource-names.ts';
import { ATHENA_WORKGROUP_PURPOSE, AthenaWorkgroup } from './athena-workgroup.ts';
import type { DataLake } from './data-lake.ts';
import { ATHENA_ANALYSE, ATHENA_BROWSE_CATALOG, GLUE_BROWSE_TABLES } from './perms.ts';

export interface AnalystPolicyProps {
  /** Names of this environment's resources. */
  readonly names: ResourceNames;
  /** The lake whose curated zone analysts read and whose results bucket keeps their query results. */
  readonly dataLake: DataLake;
}

/**
 * What an analyst of one environment may do: read the curated zone, query it with Athena in the
 * environment's workgroup, and keep results in the query-results bucket. Nothing else.
 */
export class AnalystPolicy extends iam.ManagedPolicy {
  constructor(scope: Construct, id: string, props: AnalystPolicyProps) {
    const { names, dataLake } = props;
    super(scope, id, {
      managedPolicyName: names.resource('analyst'),
      description: `Read the curated zone and query it with Athena in ${names.prefix}`,
    });
    dataLake.grantRead(this, 'curated');
    dataLake.grantRead(this, 'queryResults');
    dataLake.grantWrite(this, 'queryResults');
    // The workgroup of the analytics phase, by name; the curated database only: analysts read the
    // curated zone, not clean, raw or the audit trail.
    AthenaWorkgroup.fromWorkgroupName(this, names.resource(ATHENA_WORKGROUP_PURPOSE)).grantQueries(this, {
      athena: ATHENA_ANALYSE,
      dataCatalog: ATHENA_BROWSE_CATALOG,
      glue: GLUE_BROWSE_TABLES,
      databases: [names.glueDatabase('curated')],
    });
  }
}
