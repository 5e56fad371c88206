// Service principals in resource policies are held to this account (or this trail): the confused-deputy
// conditions of the alerts topic, its key, and the CloudTrail bucket; and the key deletion window by environment.
import { describe, expect, it } from 'vitest';
import { resourcesOfType, type SynthesizedStack, stackOf } from '../../test/assembly.ts';
import type { Statement } from '../../test/iam.ts';
import { variantStackOf } from '../../test/variant-app.ts';

/** The statements of one kind of policy resource whose principal is one of these services. */
function servicePrincipalStatements(stack: SynthesizedStack, type: string, property: string): Statement[] {
  return resourcesOfType(stack, type)
    .flatMap(([, r]) => (r.Properties?.[property] as { Statement: Statement[] } | undefined)?.Statement ?? [])
    .filter((s) => JSON.stringify(s.Principal ?? {}).includes('"Service"'));
}

describe('source conditions on service principals (every switch on: KMS, the audit trail)', () => {
  const orchestration = variantStackOf('all-switches-on', 'dev', 'orchestration');
  const account = { Ref: 'AWS::AccountId' };

  it('lets only this account’s alarms and rules publish to the alerts topic, and use its key', () => {
    const topic = servicePrincipalStatements(orchestration, 'AWS::SNS::TopicPolicy', 'PolicyDocument').filter(
      (s) => s.Action === 'sns:Publish',
    );
    expect(topic).toHaveLength(1);
    expect(topic[0]?.Condition).toEqual({ StringEquals: { 'aws:SourceAccount': account } });
    const keys = servicePrincipalStatements(orchestration, 'AWS::KMS::Key', 'KeyPolicy').filter(
      (s) => s.Sid === 'AlertPublishersEncrypt',
    );
    expect(keys).toHaveLength(1);
    expect(keys[0]?.Condition).toEqual({ StringEquals: { 'aws:SourceAccount': account } });
  });

  it('lets only this environment’s trail write to its CloudTrail bucket', () => {
    const bucket = servicePrincipalStatements(
      orchestration,
      'AWS::S3::BucketPolicy',
      'PolicyDocument',
    ).filter((s) => JSON.stringify(s.Principal).includes('cloudtrail.amazonaws.com'));
    const deny = bucket.filter((s) => s.Effect === 'Deny');
    expect(deny).toHaveLength(1);
    expect(deny[0]?.Action).toEqual(['s3:GetBucketAcl', 's3:PutObject']);
    expect(deny[0]?.Condition).toEqual({
      StringNotEquals: {
        'aws:SourceArn': {
          'Fn::Join': [
            '',
            [
              'arn:',
              { Ref: 'AWS::Partition' },
              ':cloudtrail:',
              { Ref: 'AWS::Region' },
              ':',
              account,
              ':trail/launchpad-dev-trail',
            ],
          ],
        },
      },
    });
    // CDK's own allows for CloudTrail carry no source condition: the deny covers every action they grant.
    const allowed = bucket.filter((s) => s.Effect === 'Allow').flatMap((s) => [s.Action ?? []].flat());
    expect(allowed.length).toBeGreaterThan(0);
    const denied = [deny[0]?.Action ?? []].flat();
    expect(allowed.filter((a) => !denied.includes(a))).toEqual([]);
  });
});

describe('KMS key deletion window', () => {
  const windows = (environment: string) =>
    resourcesOfType(stackOf(environment, 'foundation'), 'AWS::KMS::Key').map(
      ([, r]) => r.Properties?.PendingWindowInDays,
    );

  it('is 30 days where the environment retains its data (prod), 7 where its stacks destroy it', () => {
    expect(windows('prod').length).toBeGreaterThan(0);
    expect(new Set(windows('prod'))).toEqual(new Set([30]));
    const dev = resourcesOfType(variantStackOf('all-switches-on', 'dev', 'foundation'), 'AWS::KMS::Key');
    expect(dev.map(([, r]) => r.Properties?.PendingWindowInDays)).toEqual(dev.map(() => 7));
    expect(dev.length).toBeGreaterThan(0);
  });
});
