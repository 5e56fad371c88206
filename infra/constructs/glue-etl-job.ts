import { Validations } from 'aws-cdk-lib';
import * as glue from 'aws-cdk-lib/aws-glue';
import type * as iam from 'aws-cdk-lib/aws-iam';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type * as s3assets from 'aws-cdk-lib/aws-s3-assets';
import { Construct } from 'constructs';
import type { EnvironmentConfig } from '../../lib/config/environment-config.ts';
import { acknowledgeCheckov } from '../nag/acknowledge-checkov.ts';

export interface GlueEtlJobProps {
  /** Physical name, `${project}-${environment}-<purpose>`. */
  readonly jobName: string;
  /** What the job does, shown in the console. */
  readonly description: string;
  /** The role the job runs as. */
  readonly role: iam.IRole;
  /** The job script. */
  readonly script: s3assets.Asset;
  /** Zip of the pure-Python modules the script imports (pipeline/glue/transforms). */
  readonly library: s3assets.Asset;
  /** Glue version the script is written for (pipeline/glue/jobs.json). */
  readonly glueVersion: string;
  /** Worker type and count, timeout and retries of a run (config/<environment>.json). */
  readonly settings: EnvironmentConfig['processing'];
  /** The job's own DefaultArguments, `--name` keys (pipeline/glue/jobs.json): its script's and Glue's. */
  readonly arguments: Readonly<Record<string, string>>;
  /** Where Spark may write temporary files (s3://...). */
  readonly tempDir: string;
  /** Log group of the continuous logs (driver and executors). */
  readonly logGroup: logs.ILogGroup;
}

/** Why Glue jobs and crawlers have no security configuration (checkov's CKV_AWS_195). */
export const GLUE_SECURITY_CONFIGURATION =
  'A security configuration would restate the encryption the data already has: the lake buckets encrypt every object by default (SSE-S3, or SSE-KMS under the lake key). Its CloudWatch Logs option would move the logs to groups Glue names after it, which the alarms and the dashboard do not watch (CloudWatch Logs encrypts every group at rest anyway), and bookmarks hold object keys and timestamps, no data.';

/**
 * A Glue Spark job with what every job of this project has: continuous logging, job metrics, the Data
 * Catalog as metastore, the Spark UI off (it would need a logs bucket of its own), one run at a time, a
 * timeout and retries.
 */
export class GlueEtlJob extends Construct {
  readonly job: glue.CfnJob;
  readonly script: s3assets.Asset;

  constructor(scope: Construct, id: string, props: GlueEtlJobProps) {
    super(scope, id);
    this.script = props.script;
    this.job = new glue.CfnJob(this, 'Job', {
      name: props.jobName,
      description: props.description,
      role: props.role.roleArn,
      glueVersion: props.glueVersion,
      command: { name: 'glueetl', pythonVersion: '3', scriptLocation: props.script.s3ObjectUrl },
      workerType: props.settings.workerType,
      numberOfWorkers: props.settings.numberOfWorkers,
      timeout: props.settings.timeoutMinutes,
      maxRetries: props.settings.maxRetries,
      executionProperty: { maxConcurrentRuns: 1 },
      defaultArguments: {
        '--job-language': 'python',
        '--enable-continuous-cloudwatch-log': 'true',
        '--continuous-log-logGroup': props.logGroup.logGroupName,
        '--enable-metrics': 'true',
        '--enable-glue-datacatalog': 'true',
        '--TempDir': props.tempDir,
        '--extra-py-files': props.library.s3ObjectUrl,
        ...props.arguments,
      },
    });
    Validations.of(this.job).acknowledge({
      id: 'AwsSolutions-GL1',
      reason:
        'CloudWatch Logs encrypts job logs at rest by default; a security configuration with a customer-managed key would add $1 a month per environment.',
    });
    Validations.of(this.job).acknowledge({
      id: 'AwsSolutions-GL3',
      reason:
        'Job bookmarks hold object keys and timestamps, no data; bookmark encryption would need a customer-managed key ($1 a month).',
    });
    acknowledgeCheckov(this.job, 'CKV_AWS_195', GLUE_SECURITY_CONFIGURATION);
  }
}
