import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';
import type { ResourceNames } from '../../lib/config/resource-names.ts';
import { acknowledgeWildcardResource } from '../nag/acknowledge-wildcard-resource.ts';
import type { DataLake } from './data-lake.ts';

/** Purpose part of the Athena workgroup's name; the analytics phase creates the workgroup itself. */
export const ATHENA_WORKGROUP_PURPOSE = 'analytics';

const ATHENA_QUERY_ACTIONS = [
  'athena:StartQueryExecution',
  'athena:StopQueryExecution',
  'athena:GetQueryExecution',
  'athena:GetQueryResults',
  'athena:BatchGetQueryExecution',
  'athena:ListQueryExecutions',
  'athena:GetWorkGroup',
  'athena:GetNamedQuery',
  'athena:BatchGetNamedQuery',
  'athena:ListNamedQueries',
];
const ATHENA_CATALOG_ACTIONS = [
  'athena:GetDataCatalog',
  'athena:ListDatabases',
  'athena:GetDatabase',
  'athena:ListTableMetadata',
  'athena:GetTableMetadata',
];
const GLUE_CATALOG_READ_ACTIONS = [
  'glue:GetDatabase',
  'glue:GetDatabases',
  'glue:GetTable',
  'glue:GetTables',
  'glue:GetPartition',
  'glue:GetPartitions',
  'glue:BatchGetPartition',
];

export interface AnalystPolicyProps {
  readonly names: ResourceNames;
  readonly dataLake: DataLake;
}

/**
 * What an analyst of one environment may do: read the curated zone, query it with Athena in the
 * environment's workgroup, and keep results in the query-results bucket. Nothing else.
 */
export class AnalystPolicy extends iam.ManagedPolicy {
  constructor(scope: Construct, id: string, props: AnalystPolicyProps) {
    const { names, dataLake } = props;
    const stack = Stack.of(scope);
    const arn = (service: string, resource: string, resourceName?: string) =>
      stack.formatArn({ service, resource, resourceName });
    // The curated database only: analysts read the curated zone, not clean, raw or the audit trail.
    const curatedDatabase = names.glueDatabase('curated');
    const glueDatabases = arn('glue', 'database', curatedDatabase);
    const glueTables = arn('glue', 'table', `${curatedDatabase}/*`);
    super(scope, id, {
      managedPolicyName: names.resource('analyst'),
      description: `Read the curated zone and query it with Athena in ${names.prefix}`,
      statements: [
        ...dataLake.readStatements(dataLake.zones.curated),
        ...dataLake.readStatements(dataLake.queryResults),
        ...dataLake.writeStatements(dataLake.queryResults),
        new iam.PolicyStatement({
          sid: 'QueryInOwnWorkgroup',
          actions: ATHENA_QUERY_ACTIONS,
          resources: [arn('athena', 'workgroup', names.resource(ATHENA_WORKGROUP_PURPOSE))],
        }),
        new iam.PolicyStatement({
          sid: 'BrowseDataCatalog',
          actions: ATHENA_CATALOG_ACTIONS,
          resources: [arn('athena', 'datacatalog', 'AwsDataCatalog')],
        }),
        new iam.PolicyStatement({
          sid: 'ReadOwnGlueTables',
          actions: GLUE_CATALOG_READ_ACTIONS,
          resources: [arn('glue', 'catalog'), glueDatabases, glueTables],
        }),
      ],
    });
    acknowledgeWildcardResource(
      this,
      glueTables,
      `The tables and views of ${curatedDatabase}, whose names the analytics phase and pipeline/sql decide.`,
    );
  }
}
