import { describe, expect, it } from 'vitest';
import { accessOf, integrationAction } from './iam-actions.ts';

const verbs = (action: string) => accessOf(action).map((a) => `${a.service}:${a.verb}`);

describe('accessOf', () => {
  it('classifies actions by the way data moves', () => {
    expect(verbs('s3:PutObject')).toEqual(['s3:writes']);
    expect(verbs('s3:GetObject')).toEqual(['s3:reads']);
    expect(verbs('kinesis:PutRecords')).toEqual(['kinesis:writes']);
    expect(verbs('kinesis:GetRecords')).toEqual(['kinesis:reads']);
    expect(verbs('sqs:SendMessage')).toEqual(['sqs:writes']);
    expect(verbs('sqs:ReceiveMessage')).toEqual(['sqs:reads']);
    expect(verbs('sns:Publish')).toEqual(['sns:writes']);
    expect(verbs('firehose:PutRecordBatch')).toEqual(['firehose:writes']);
    expect(verbs('dynamodb:PutItem')).toEqual(['dynamodb:writes']);
    expect(verbs('dynamodb:Query')).toEqual(['dynamodb:reads']);
    expect(verbs('lambda:InvokeFunction')).toEqual(['lambda:invokes']);
    expect(verbs('glue:StartJobRun')).toEqual(['glue:starts']);
    expect(verbs('states:StartExecution')).toEqual(['states:starts']);
    expect(verbs('athena:StartQueryExecution')).toEqual(['athena:queries']);
    expect(verbs('lambda:UpdateFunctionCode')).toEqual(['lambda:deploys']);
  });

  it('reads wildcards and ignores case; listing, describing, deleting and keys move no data', () => {
    expect(verbs('s3:Get*')).toEqual(['s3:reads']);
    expect(verbs('S3:*')).toEqual(['s3:writes', 's3:reads']);
    expect(verbs('s3:*Object')).toEqual(['s3:writes', 's3:reads']);
    expect(verbs('*')).toContain('lambda:invokes');
    for (const action of [
      's3:ListBucket',
      's3:DeleteObject',
      'kinesis:DescribeStream',
      'kms:Decrypt',
      'logs:PutLogEvents',
    ]) {
      expect(verbs(action), action).toEqual([]);
    }
  });
});

describe('integrationAction', () => {
  it('names the IAM action of Step Functions and API Gateway integrations', () => {
    expect(integrationAction('lambda', 'invoke')).toBe('lambda:InvokeFunction');
    expect(integrationAction('glue', 'startJobRun.sync')).toBe('glue:StartJobRun');
    expect(integrationAction('states', 'startExecution.sync:2')).toBe('states:StartExecution');
    expect(integrationAction('sqs', 'sendMessage.waitForTaskToken')).toBe('sqs:SendMessage');
    expect(integrationAction('kinesis', 'PutRecord')).toBe('kinesis:PutRecord');
  });
});
