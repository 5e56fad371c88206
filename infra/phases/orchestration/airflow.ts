import { CfnOutput, Stack } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';
import type { EnvironmentConfig } from '../../../lib/config/environment-config.ts';
import type { ResourceNames } from '../../../lib/config/resource-names.ts';
import { grantAirflowTasks } from '../../constructs/airflow-task-policy.ts';
import type { IAthenaWorkgroup } from '../../constructs/athena-workgroup.ts';
import { MwaaEnvironment } from '../../constructs/mwaa-environment.ts';
import { UPLOADS_PREFIX } from '../ingestion/ingestion-functions.ts';
import { logRetention } from '../phase-stack.ts';

export interface AirflowProps {
  /** The environment's config: its name, the MWAA class and the log retention. */
  readonly config: EnvironmentConfig;
  /** Names of this environment's resources. */
  readonly names: ResourceNames;
  /** The Glue jobs, raw → clean and clean → curated, by name. */
  readonly jobs: { readonly rawToClean: string; readonly cleanToCurated: string };
  /** The workgroup the DAG queries in, with its results bucket and the lake's key. */
  readonly workgroup: IAthenaWorkgroup;
  /** The curated database, where the DAG replaces its view. */
  readonly database: string;
  /** Where the DAG reports a failure. */
  readonly alerts: sns.ITopic;
}

/**
 * The same pipeline as a DAG on managed Airflow (opt-in: MWAA bills every hour it exists), its Variables
 * naming this environment's resources and its role allowed exactly the DAG's tasks. A named part of the
 * orchestration stack, defined in the stack's own scope (see PipelineTriggers).
 */
export class Airflow {
  readonly environment: MwaaEnvironment;

  constructor(stack: Construct, props: AirflowProps) {
    const { config, names, jobs, workgroup, database, alerts } = props;
    const key = workgroup.key;
    const rawBucket = names.bucket('raw', Stack.of(stack).account);
    this.environment = new MwaaEnvironment(stack, 'Airflow', {
      names,
      environmentClass: config.orchestration.mwaaEnvironmentClass,
      accessLogs: s3.Bucket.fromBucketName(
        stack,
        'AirflowAccessLogs',
        names.bucket('access-logs', Stack.of(stack).account),
      ),
      variables: {
        LAUNCHPAD_ENVIRONMENT: config.environment,
        RAW_BUCKET: rawBucket,
        RAW_CRAWLER: names.resource('raw-crawler'),
        RAW_TO_CLEAN_JOB: jobs.rawToClean,
        CLEAN_TO_CURATED_JOB: jobs.cleanToCurated,
        VALIDATOR_FUNCTION: names.resource('s3-validator'),
        ATHENA_WORKGROUP: workgroup.workgroupName,
        CURATED_DATABASE: database,
        ALERT_TOPIC_ARN: alerts.topicArn,
      },
      key,
      logRetention: logRetention(config),
    });
    grantAirflowTasks(this.environment.executionRole, {
      crawler: names.resource('raw-crawler'),
      jobs: Object.values(jobs),
      validator: names.resource('s3-validator'),
      uploads: { bucket: rawBucket, prefix: UPLOADS_PREFIX },
      workgroup,
      database,
      alerts: alerts.topicArn,
    });
    new CfnOutput(stack, 'AirflowEnvironmentName', {
      value: this.environment.environment.ref,
      description: 'MWAA environment: aws mwaa create-web-login-token --name <name> opens the Airflow UI',
    });
  }
}
