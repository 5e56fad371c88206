import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { resourcesOfType, stackOf } from '../../test/assembly.ts';
import { variantStackOf } from '../../test/variant-app.ts';
import { PERMISSIONS_BOUNDARY } from '../../test/variants.ts';

describe('the analysts group', () => {
  const stack = stackOf('dev', 'foundation');

  it('attaches the analyst policy and the MFA requirement', () => {
    const [[, group] = []] = resourcesOfType(stack, 'AWS::IAM::Group');
    expect(group?.Properties?.GroupName).toBe('launchpad-dev-analysts');
    const attached = JSON.stringify(group?.Properties?.ManagedPolicyArns);
    const policyId = (name: string) =>
      resourcesOfType(stack, 'AWS::IAM::ManagedPolicy').find(
        ([, p]) => p.Properties?.ManagedPolicyName === name,
      )?.[0];
    expect(attached).toContain(`"${policyId('launchpad-dev-analyst')}"`);
    expect(attached).toContain(`"${policyId('launchpad-dev-require-mfa')}"`);
  });

  it('denies everything but MFA self-service until the caller signed in with MFA', () => {
    stack.assertions.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      ManagedPolicyName: 'launchpad-dev-require-mfa',
      PolicyDocument: {
        Statement: Match.arrayWith([
          {
            Sid: 'DenyAllExceptMfaSelfServiceWithoutMfa',
            Effect: 'Deny',
            NotAction: [
              'iam:ChangePassword',
              'iam:CreateVirtualMFADevice',
              'iam:EnableMFADevice',
              'iam:GetAccountPasswordPolicy',
              'iam:GetUser',
              'iam:ListMFADevices',
              'iam:ListVirtualMFADevices',
              'iam:ResyncMFADevice',
              'sts:GetSessionToken',
            ],
            Resource: '*',
            Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } },
          },
        ]),
      },
    });
  });

  it('lets users manage only their own MFA device and password', () => {
    stack.assertions.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      ManagedPolicyName: 'launchpad-dev-require-mfa',
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Sid: 'ManageOwnPasswordAndMfa',
            Resource: {
              // biome-ignore lint/suspicious/noTemplateCurlyInString: an IAM policy variable.
              'Fn::Join': ['', ['arn:aws:iam::', { Ref: 'AWS::AccountId' }, ':user/${aws:username}']],
            },
          }),
        ]),
      },
    });
  });

  it('has no IAM users unless the config lists them', () => {
    expect(resourcesOfType(stack, 'AWS::IAM::User')).toEqual([]);
  });

  it('creates the users a config lists, into the group, with no password or key', () => {
    const template = variantStackOf('foundation-options', 'dev', 'foundation').assertions;
    const users = template.findResources('AWS::IAM::User');
    expect(Object.values(users).map((u) => u.Properties.UserName)).toEqual(['alice', 'bob']);
    for (const user of Object.values(users)) {
      expect(JSON.stringify(user.Properties.Groups)).toMatch(/AnalystsGroup/);
      expect(user.Properties.LoginProfile).toBeUndefined();
    }
    template.resourceCountIs('AWS::IAM::AccessKey', 0);
  });
});

describe('a permissions boundary from config', () => {
  it('bounds every role and user the stack creates', () => {
    const template = variantStackOf('foundation-options', 'dev', 'foundation').assertions;
    const principals = {
      ...template.findResources('AWS::IAM::Role'),
      ...template.findResources('AWS::IAM::User'),
    };
    expect(Object.keys(principals).length).toBeGreaterThan(3);
    for (const [id, principal] of Object.entries(principals)) {
      expect(principal.Properties.PermissionsBoundary, id).toBe(PERMISSIONS_BOUNDARY);
    }
  });
});
