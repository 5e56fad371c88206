import { Aws, type IAspect } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { IConstruct } from 'constructs';
import { acknowledgeCheckov } from '../nag/acknowledge-checkov.ts';

/**
 * Every log group of an environment under the data lake key when the environment encrypts with KMS, so logs
 * (which may quote records and object keys) are kept like the data. Log groups are made by many constructs
 * and by the services themselves (MWAA, VPC flow logs, CloudTrail), so one aspect decides, not each of them.
 * With SSE-S3 ("s3-managed") CloudWatch Logs' own encryption at rest stays, acknowledged once here.
 */
export class LogGroupEncryption implements IAspect {
  private keyAllowsLogs = false;

  /** @param key the environment's data lake key; undefined when it encrypts with SSE-S3 */
  constructor(private readonly key: kms.IKey | undefined) {}

  visit(node: IConstruct): void {
    if (!(node instanceof logs.CfnLogGroup)) return;
    if (!this.key) {
      acknowledgeCheckov(
        node,
        'CKV_AWS_158',
        'The environment encrypts with "s3-managed": CloudWatch Logs encrypts every log group at rest with keys of its own; encryption "kms" puts the log groups under the data lake key.',
      );
      return;
    }
    if (!this.keyAllowsLogs) this.allowLogs(this.key);
    node.kmsKeyId = this.key.keyArn;
  }

  /** CloudWatch Logs encrypts and decrypts with the key for the log groups of this account and region only. */
  private allowLogs(key: kms.IKey): void {
    key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'CloudWatchLogsOfThisEnvironment',
        principals: [new iam.ServicePrincipal(`logs.${Aws.REGION}.amazonaws.com`)],
        actions: [
          'kms:Encrypt',
          'kms:Decrypt',
          'kms:ReEncryptFrom',
          'kms:ReEncryptTo',
          'kms:GenerateDataKey',
          'kms:DescribeKey',
        ],
        resources: ['*'],
        conditions: {
          ArnLike: {
            'kms:EncryptionContext:aws:logs:arn': `arn:${Aws.PARTITION}:logs:${Aws.REGION}:${Aws.ACCOUNT_ID}:log-group:*`,
          },
        },
      }),
    );
    this.keyAllowsLogs = true;
  }
}
