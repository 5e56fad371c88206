import { ArnFormat, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { IConstruct } from 'constructs';
import { acknowledgeWildcardResource } from '../nag/acknowledge-wildcard-resource.ts';
import { RESULTS_PREFIX } from './athena-workgroup.ts';

export interface AirflowTaskTargets {
  readonly crawler: string;
  readonly jobs: readonly string[];
  readonly validator: string;
  readonly workgroup: string;
  readonly database: string;
  /** Name of the Athena results bucket. */
  readonly results: string;
  readonly alerts: string;
  readonly key?: string;
}

/**
 * What the tasks of pipeline/dags/ride_pipeline.py do, and nothing more: run the crawler and the two Glue
 * jobs, invoke the validator, replace one view with Athena, and publish a failure to the alerts topic.
 */
export function airflowTaskStatements(scope: IConstruct, targets: AirflowTaskTargets): iam.PolicyStatement[] {
  const stack = Stack.of(scope);
  const arn = (service: string, resource: string, resourceName: string) =>
    stack.formatArn({ service, resource, resourceName });
  const tables = arn('glue', 'table', `${targets.database}/*`);
  const results = `arn:${stack.partition}:s3:::${targets.results}/${RESULTS_PREFIX}*`;
  const statements = [
    new iam.PolicyStatement({
      sid: 'Crawler',
      actions: ['glue:GetCrawler', 'glue:GetCrawlerMetrics', 'glue:StartCrawler'],
      resources: [arn('glue', 'crawler', targets.crawler)],
    }),
    new iam.PolicyStatement({
      sid: 'Jobs',
      actions: ['glue:GetJob', 'glue:StartJobRun', 'glue:GetJobRun'],
      resources: targets.jobs.map((job) => arn('glue', 'job', job)),
    }),
    new iam.PolicyStatement({
      sid: 'Validator',
      actions: ['lambda:InvokeFunction'],
      resources: [
        stack.formatArn({
          service: 'lambda',
          resource: 'function',
          resourceName: targets.validator,
          arnFormat: ArnFormat.COLON_RESOURCE_NAME,
        }),
      ],
    }),
    new iam.PolicyStatement({
      sid: 'Queries',
      actions: ['athena:StartQueryExecution', 'athena:GetQueryExecution', 'athena:StopQueryExecution'],
      resources: [arn('athena', 'workgroup', targets.workgroup)],
    }),
    new iam.PolicyStatement({
      sid: 'SummaryView',
      actions: ['glue:GetDatabase', 'glue:GetTable', 'glue:CreateTable', 'glue:UpdateTable'],
      resources: [
        stack.formatArn({ service: 'glue', resource: 'catalog' }),
        arn('glue', 'database', targets.database),
        tables,
      ],
    }),
    new iam.PolicyStatement({
      sid: 'QueryResults',
      actions: ['s3:PutObject', 's3:GetObject', 's3:AbortMultipartUpload'],
      resources: [results],
    }),
    new iam.PolicyStatement({
      sid: 'QueryResultsBucket',
      actions: ['s3:GetBucketLocation', 's3:ListBucket'],
      resources: [`arn:${stack.partition}:s3:::${targets.results}`],
    }),
    new iam.PolicyStatement({ sid: 'Alerts', actions: ['sns:Publish'], resources: [targets.alerts] }),
  ];
  if (targets.key) {
    statements.push(
      new iam.PolicyStatement({
        sid: 'LakeKey',
        actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
        resources: [targets.key],
      }),
    );
  }
  acknowledgeWildcardResource(scope, tables, `The view the DAG replaces, in ${targets.database}.`);
  acknowledgeWildcardResource(scope, results, 'Athena names each result object by query id.');
  return statements;
}
