import { Validations } from 'aws-cdk-lib';
import * as glue from 'aws-cdk-lib/aws-glue';
import type * as iam from 'aws-cdk-lib/aws-iam';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type * as s3assets from 'aws-cdk-lib/aws-s3-assets';
import { Construct } from 'constructs';
import type { EnvironmentConfig } from '../../lib/config/environment-config.ts';

export interface GlueEtlJobProps {
  readonly jobName: string;
  readonly description: string;
  readonly role: iam.IRole;
  readonly script: s3assets.Asset;
  /** Zip of the pure-Python modules the script imports (pipeline/glue/transforms). */
  readonly library: s3assets.Asset;
  readonly settings: EnvironmentConfig['processing'];
  /** Job arguments, without the leading `--`. */
  readonly arguments: Readonly<Record<string, string>>;
  /** Where Spark may write temporary files (s3://...). */
  readonly tempDir: string;
  /** Log group of the continuous logs (driver and executors). */
  readonly logGroup: logs.ILogGroup;
}

/**
 * A Glue 4.0 Spark job with what every job of this project has: bookmarks, continuous logging, job
 * metrics, the Spark UI off (it would need a logs bucket of its own), one run at a time, a timeout and retries.
 */
export class GlueEtlJob extends Construct {
  readonly job: glue.CfnJob;
  readonly script: s3assets.Asset;

  constructor(scope: Construct, id: string, props: GlueEtlJobProps) {
    super(scope, id);
    this.script = props.script;
    const args = Object.fromEntries(Object.entries(props.arguments).map(([k, v]) => [`--${k}`, v]));
    this.job = new glue.CfnJob(this, 'Job', {
      name: props.jobName,
      description: props.description,
      role: props.role.roleArn,
      glueVersion: '4.0',
      command: { name: 'glueetl', pythonVersion: '3', scriptLocation: props.script.s3ObjectUrl },
      workerType: props.settings.workerType,
      numberOfWorkers: props.settings.numberOfWorkers,
      timeout: props.settings.timeoutMinutes,
      maxRetries: props.settings.maxRetries,
      executionProperty: { maxConcurrentRuns: 1 },
      defaultArguments: {
        '--job-language': 'python',
        '--job-bookmark-option': 'job-bookmark-enable',
        '--enable-continuous-cloudwatch-log': 'true',
        '--continuous-log-logGroup': props.logGroup.logGroupName,
        '--enable-metrics': 'true',
        '--enable-glue-datacatalog': 'true',
        '--TempDir': props.tempDir,
        '--extra-py-files': props.library.s3ObjectUrl,
        ...args,
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
  }
}
