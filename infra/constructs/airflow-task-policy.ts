import { ArnFormat, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { IAthenaWorkgroup } from './athena-workgroup.ts';
import { ATHENA_RUN_QUERIES, GLUE_REPLACE_VIEWS } from './perms.ts';

/** What the DAG's tasks work on, by name (the orchestration phase finds the earlier phases' resources so). */
export interface AirflowTaskTargets {
  /** The raw zone's crawler. */
  readonly crawler: string;
  /** The Glue jobs, raw → clean and clean → curated. */
  readonly jobs: readonly string[];
  /** The function that checks uploaded files. */
  readonly validator: string;
  /** The raw zone's bucket and the prefix of the uploads the DAG lists for the validator. */
  readonly uploads: { readonly bucket: string; readonly prefix: string };
  /** The workgroup the view is replaced in, with its results bucket and the lake's key. */
  readonly workgroup: IAthenaWorkgroup;
  /** Database of the view. */
  readonly database: string;
  /** ARN of the alerts topic. */
  readonly alerts: string;
}

/**
 * Lets `role` do what the tasks of pipeline/dags/ride_pipeline.py do, and nothing more: list the new uploads
 * and invoke the validator on them, run the crawler and the two Glue jobs, replace one view with Athena, and
 * publish a failure to the alerts topic.
 */
export function grantAirflowTasks(role: iam.Role, targets: AirflowTaskTargets): void {
  const stack = Stack.of(role);
  const arn = (service: string, resource: string, resourceName: string) =>
    stack.formatArn({ service, resource, resourceName });
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
      sid: 'ListUploads',
      actions: ['s3:ListBucket'],
      resources: [`arn:${stack.partition}:s3:::${targets.uploads.bucket}`],
      conditions: { StringLike: { 's3:prefix': [targets.uploads.prefix, `${targets.uploads.prefix}*`] } },
    }),
    new iam.PolicyStatement({ sid: 'Alerts', actions: ['sns:Publish'], resources: [targets.alerts] }),
  ];
  for (const statement of statements) role.addToPolicy(statement);
  targets.workgroup.grantQueries(role, {
    athena: ATHENA_RUN_QUERIES,
    glue: GLUE_REPLACE_VIEWS,
    databases: [targets.database],
    results: true,
  });
}
