import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import type { ResourceNames } from '../../lib/config/resource-names.ts';
import { RequireMfaPolicy } from './require-mfa-policy.ts';

export interface AnalystsGroupProps {
  /** Names of this environment's resources. */
  readonly names: ResourceNames;
  /** What members may do once signed in with MFA. */
  readonly analystPolicy: iam.IManagedPolicy;
  /** IAM users to create into the group. @default - none: prefer IAM Identity Center */
  readonly userNames?: readonly string[];
}

/** An IAM group for human analysts: the analyst policy, usable only after signing in with MFA. */
export class AnalystsGroup extends Construct {
  readonly group: iam.Group;
  readonly users: iam.User[];

  constructor(scope: Construct, id: string, props: AnalystsGroupProps) {
    super(scope, id);
    const { names } = props;
    this.group = new iam.Group(this, 'Group', {
      groupName: names.resource('analysts'),
      managedPolicies: [
        props.analystPolicy,
        new RequireMfaPolicy(this, 'RequireMfa', { managedPolicyName: names.resource('require-mfa') }),
      ],
    });
    // No password or access key here: a secret in a template would sit in CloudFormation for anyone to read.
    this.users = (props.userNames ?? []).map(
      (userName) => new iam.User(this, `User-${userName}`, { userName, groups: [this.group] }),
    );
  }
}
