import { Duration } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import type { Construct } from 'constructs';
import { mayDestroyData, removalPolicyOf } from './removal-policy.ts';

/**
 * What the account (through IAM policies) may do with the key. Spelled out because the default key
 * policy grants `kms:*`, and this project grants no wildcard action anywhere.
 */
const ACCOUNT_KEY_ACTIONS = [
  'kms:CancelKeyDeletion',
  'kms:CreateAlias',
  'kms:CreateGrant',
  'kms:Decrypt',
  'kms:DeleteAlias',
  'kms:DescribeKey',
  'kms:DisableKey',
  'kms:DisableKeyRotation',
  'kms:EnableKey',
  'kms:EnableKeyRotation',
  'kms:Encrypt',
  'kms:GenerateDataKey',
  'kms:GenerateDataKeyWithoutPlaintext',
  'kms:GetKeyPolicy',
  'kms:GetKeyRotationStatus',
  'kms:ListAliases',
  'kms:ListGrants',
  'kms:ListKeyPolicies',
  'kms:ListResourceTags',
  'kms:PutKeyPolicy',
  'kms:ReEncryptFrom',
  'kms:ReEncryptTo',
  'kms:RetireGrant',
  'kms:RevokeGrant',
  'kms:ScheduleKeyDeletion',
  'kms:TagResource',
  'kms:UntagResource',
  'kms:UpdateAlias',
  'kms:UpdateKeyDescription',
];

export interface DataLakeKeyProps {
  /** `alias/<name>`: how people and the console find the key. */
  readonly alias: string;
  /** What the key encrypts, shown in the console. @default - "Encrypts the <alias name> buckets" */
  readonly description?: string;
}

/**
 * The customer-managed key of one environment's data lake: rotated yearly, usable through IAM policies only,
 * scheduled for deletion with the stack only where the environment may destroy data, and then within 7 days
 * (30 where the environment retains its data).
 */
export class DataLakeKey extends kms.Key {
  constructor(scope: Construct, id: string, props: DataLakeKeyProps) {
    super(scope, id, {
      alias: props.alias,
      description: props.description ?? `Encrypts the ${props.alias.replace('alias/', '')} buckets`,
      enableKeyRotation: true,
      removalPolicy: removalPolicyOf(scope),
      // Where the environment keeps its data (prod), a key scheduled for deletion by mistake can be saved for
      // 30 days, KMS's longest; where the stacks destroy their data, the shortest, 7.
      pendingWindow: Duration.days(mayDestroyData(scope) ? 7 : 30),
      policy: new iam.PolicyDocument({
        statements: [
          new iam.PolicyStatement({
            sid: 'AccountManagesAndUsesKeyThroughIam',
            principals: [new iam.AccountRootPrincipal()],
            actions: ACCOUNT_KEY_ACTIONS,
            resources: ['*'],
          }),
        ],
      }),
    });
  }
}
