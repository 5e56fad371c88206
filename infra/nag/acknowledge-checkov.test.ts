import { App, CfnResource, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { describe, expect, it } from 'vitest';
import { acknowledgeCheckov, checkovSkips } from './acknowledge-checkov.ts';

const REASON = 'A reason long enough to say why the check does not apply.';

describe('acknowledgeCheckov', () => {
  it('writes the Metadata checkov reads on the resource of an L2 construct, one entry per check', () => {
    const stack = new Stack(new App(), 'Test');
    const queue = new sqs.Queue(stack, 'Queue');
    acknowledgeCheckov(queue, 'CKV_AWS_27', REASON);
    acknowledgeCheckov(queue, 'CKV2_AWS_73', REASON);
    const resource = queue.node.defaultChild as CfnResource;
    expect(checkovSkips(resource)).toEqual([
      { id: 'CKV_AWS_27', comment: REASON },
      { id: 'CKV2_AWS_73', comment: REASON },
    ]);
    const queues = Template.fromStack(stack).findResources('AWS::SQS::Queue');
    expect(Object.values(queues)[0]?.Metadata).toMatchObject({ checkov: { skip: checkovSkips(resource) } });
  });

  it('refuses a construct without a resource, an unknown id, a missing reason and a second reason', () => {
    const stack = new Stack(new App(), 'Test');
    const queue = new sqs.Queue(stack, 'Queue');
    expect(() => acknowledgeCheckov(stack, 'CKV_AWS_27', REASON)).toThrow(/no CloudFormation resource/);
    expect(() => acknowledgeCheckov(queue, 'AwsSolutions-SQS3', REASON)).toThrow(/not a checkov check id/);
    expect(() => acknowledgeCheckov(queue, 'CKV_AWS_27', 'n/a')).toThrow(/say why/);
    acknowledgeCheckov(queue, 'CKV_AWS_27', REASON);
    expect(() => acknowledgeCheckov(queue, 'CKV_AWS_27', REASON)).toThrow(/already acknowledged/);
    expect(queue.node.defaultChild).toBeInstanceOf(CfnResource);
  });
});
