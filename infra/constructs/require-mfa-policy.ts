import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';
import { acknowledgeWildcardResource } from '../nag/acknowledge-wildcard-resource.ts';

/** What a user may still do before signing in with MFA: set up their own MFA device and password. */
const MFA_SELF_SERVICE_ACTIONS = [
  'iam:ChangePassword',
  'iam:CreateVirtualMFADevice',
  'iam:EnableMFADevice',
  'iam:GetAccountPasswordPolicy',
  'iam:GetUser',
  'iam:ListMFADevices',
  'iam:ListVirtualMFADevices',
  'iam:ResyncMFADevice',
  'sts:GetSessionToken',
];

/**
 * The roadmap's "users and MFA": lets each user manage only their own password and MFA device, and
 * denies everything else until they have signed in with MFA (AWS's documented self-service pattern).
 */
export class RequireMfaPolicy extends iam.ManagedPolicy {
  constructor(scope: Construct, id: string, props: { readonly managedPolicyName: string }) {
    const stack = Stack.of(scope);
    const anyMfaDevice = stack.formatArn({ service: 'iam', region: '', resource: 'mfa', resourceName: '*' });
    const ownUser = stack.formatArn({
      service: 'iam',
      region: '',
      resource: 'user',
      // An IAM policy variable, filled in by IAM at request time.
      // biome-ignore lint/suspicious/noTemplateCurlyInString: IAM syntax, not a JavaScript template.
      resourceName: '${aws:username}',
    });
    super(scope, id, {
      managedPolicyName: props.managedPolicyName,
      description: 'Self-service MFA set-up; denies everything else until the caller signed in with MFA',
      statements: [
        new iam.PolicyStatement({
          sid: 'ViewAccountPasswordPolicyAndMfaDevices',
          actions: ['iam:GetAccountPasswordPolicy', 'iam:ListVirtualMFADevices'],
          resources: ['*'],
        }),
        new iam.PolicyStatement({
          sid: 'ManageOwnPasswordAndMfa',
          actions: [
            'iam:ChangePassword',
            'iam:GetUser',
            'iam:EnableMFADevice',
            'iam:ListMFADevices',
            'iam:ResyncMFADevice',
          ],
          resources: [ownUser],
        }),
        new iam.PolicyStatement({
          sid: 'CreateOwnVirtualMfaDevice',
          actions: ['iam:CreateVirtualMFADevice'],
          resources: [anyMfaDevice],
        }),
        new iam.PolicyStatement({
          sid: 'DeactivateOwnMfaOnlyWithMfa',
          actions: ['iam:DeactivateMFADevice'],
          resources: [ownUser],
          conditions: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
        }),
        new iam.PolicyStatement({
          sid: 'DenyAllExceptMfaSelfServiceWithoutMfa',
          effect: iam.Effect.DENY,
          notActions: MFA_SELF_SERVICE_ACTIONS,
          resources: ['*'],
          conditions: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } },
        }),
      ],
    });
    acknowledgeWildcardResource(
      this,
      '*',
      'iam:GetAccountPasswordPolicy and iam:ListVirtualMFADevices have no resource-level permissions, and the deny-without-MFA statement must cover every resource.',
    );
    acknowledgeWildcardResource(
      this,
      anyMfaDevice,
      "A user names their virtual MFA device when creating it, so its ARN cannot be known in advance (as in AWS's documented self-service MFA policy).",
    );
  }
}
