import * as iam from 'aws-cdk-lib/aws-iam';
import { ATHENA_WORKGROUP_PURPOSE } from '../constructs/athena-workgroup.ts';
import type { BootstrapNames } from './bootstrap-names.ts';
import type { WildcardResource } from './deploy-permissions.ts';

/** The phases the smoke test goes through: where all are on, the deploy workflow proves the run. */
export const SMOKE_TEST_PHASES = [
  'foundation',
  'ingestion',
  'processing',
  'analytics',
  'orchestration',
] as const;

interface Where {
  readonly partition: string;
  readonly region: string;
  readonly account: string;
}

/**
 * What `npm run smoke` calls (docs/guides/smoke-test.md), for the deploy workflow's proof of run: read the
 * ingest API's key, put sample events on the stream, find them in the raw zone, start and follow the
 * pipeline's state machine, and query the curated table in the environment's Athena workgroup. Every
 * resource is this environment's own, named as its stacks name it.
 */
export function smokeTestPermissions(
  names: BootstrapNames,
  { partition, region, account }: Where,
): { statements: iam.PolicyStatement[]; wildcards: WildcardResource[] } {
  const n = names.names;
  const arn = (service: string, resource: string) =>
    `arn:${partition}:${service}:${region}:${account}:${resource}`;
  const bucket = (purpose: string) => `arn:${partition}:s3:::${n.bucket(purpose, account)}`;
  const apiKeys = `arn:${partition}:apigateway:${region}::/apikeys/*`;
  const rawStream = `${bucket('raw')}/stream/*`;
  const executions = arn('states', `execution:${n.resource('pipeline')}:*`);
  const curatedDatabase = n.glueDatabase('curated');
  const curatedTables = arn('glue', `table/${curatedDatabase}/*`);
  const curatedObjects = `${bucket('curated')}/*`;
  const results = `${bucket('athena-results')}/*`;

  const statements = [
    new iam.PolicyStatement({
      sid: 'SmokeTestReadApiKey',
      actions: ['apigateway:GET'],
      resources: [apiKeys],
    }),
    new iam.PolicyStatement({
      sid: 'SmokeTestSendEvents',
      actions: ['kinesis:PutRecords'],
      resources: [arn('kinesis', `stream/${n.resource('rides')}`)],
    }),
    new iam.PolicyStatement({
      sid: 'SmokeTestFindDeliveredEvents',
      actions: ['s3:ListBucket', 's3:GetObject', 'firehose:DescribeDeliveryStream'],
      resources: [bucket('raw'), rawStream, arn('firehose', `deliverystream/${n.resource('rides-to-raw')}`)],
    }),
    new iam.PolicyStatement({
      sid: 'SmokeTestRunPipeline',
      actions: ['states:StartExecution', 'states:DescribeExecution', 'states:GetExecutionHistory'],
      resources: [arn('states', `stateMachine:${n.resource('pipeline')}`), executions],
    }),
    new iam.PolicyStatement({
      sid: 'SmokeTestQueryCurated',
      // Athena reads the table and writes the results as the caller: the catalog, the curated zone, the results.
      actions: [
        'athena:StartQueryExecution',
        'athena:GetQueryExecution',
        'athena:GetQueryResults',
        'glue:GetDatabase',
        'glue:GetTable',
        'glue:GetPartitions',
        's3:GetBucketLocation',
        's3:ListBucket',
        's3:GetObject',
        's3:PutObject',
      ],
      resources: [
        arn('athena', `workgroup/${n.resource(ATHENA_WORKGROUP_PURPOSE)}`),
        arn('glue', 'catalog'),
        arn('glue', `database/${curatedDatabase}`),
        curatedTables,
        bucket('curated'),
        curatedObjects,
        bucket('athena-results'),
        results,
      ],
    }),
  ];
  return {
    statements,
    wildcards: [
      {
        arn: apiKeys,
        reason: 'The smoke test reads the ingest API key to POST sample events; a key id is generated.',
      },
      {
        arn: rawStream,
        reason: "The smoke test looks for its events in the raw zone's stream/ folders, named by event time.",
      },
      {
        arn: executions,
        reason: 'The smoke test follows the execution it started; execution names are per run.',
      },
      {
        arn: curatedTables,
        reason: "Athena reads the curated database's tables (and their partitions) as the caller.",
      },
      { arn: curatedObjects, reason: 'Athena reads the curated Delta table and its log as the caller.' },
      {
        arn: results,
        reason: "Athena writes the smoke test's query results to the workgroup's results bucket.",
      },
    ],
  };
}
