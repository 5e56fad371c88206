import { CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';
import type { EnvironmentConfig } from '../../lib/config/environment-config.ts';
import { acknowledgeWildcardResource } from '../nag/acknowledge-wildcard-resource.ts';
import { BootstrapNames, GITHUB_OIDC_HOST, STS_AUDIENCE } from './bootstrap-names.ts';
import { CdkExecutionPolicies } from './cdk-execution-policies.ts';
import { deployPermissions } from './deploy-permissions.ts';
import { DEPLOY_SESSION_SECONDS, trustedSubjects } from './github-subject.ts';

export interface GithubDeployRoleStackProps extends StackProps {
  /** The environment the role deploys: its config/<environment>.json. */
  readonly config: EnvironmentConfig;
  /** `OWNER/REPO`, exactly as GitHub spells it: the `sub` claim is compared case-sensitively. */
  readonly repository: string;
  /** ARN of the account's GitHub OIDC provider. @default - the one for GitHub's issuer in this account */
  readonly providerArn?: string;
  /** The CloudFormation resource types of the environment's synthesized stacks. */
  readonly resourceTypes: readonly string[];
}

/**
 * The role GitHub Actions assumes for one environment: only the deploy or teardown job of this repository
 * running in the GitHub Environment of the same name (stage and prod: on the default branch) can assume it,
 * for at most two hours. Also the policies the environment's own `cdk bootstrap` gives CloudFormation
 * (deployed first, so that bootstrap can attach them).
 */
export class GithubDeployRoleStack extends Stack {
  readonly role: iam.Role;
  readonly cdkPolicies: CdkExecutionPolicies;

  constructor(scope: Construct, id: string, props: GithubDeployRoleStackProps) {
    const { config, repository } = props;
    const names = new BootstrapNames(config.project, config.environment);
    super(scope, id, {
      ...props,
      stackName: names.roleStackName,
      description: `aws-data-launchpad bootstrap: the role GitHub Actions deploys ${config.environment} with, and its CloudFormation policies`,
    });
    // Provider ARNs are fixed by account and issuer: the role needs no reference to the provider's stack.
    const providerArn =
      props.providerArn ??
      this.formatArn({
        service: 'iam',
        region: '',
        resource: 'oidc-provider',
        resourceName: GITHUB_OIDC_HOST,
      });
    this.cdkPolicies = new CdkExecutionPolicies(this, 'CdkExecution', {
      names,
      config,
      resourceTypes: props.resourceTypes,
    });
    const permissions = deployPermissions(this, names, config);
    const trust = trustedSubjects(repository, config.environment);
    this.role = new iam.Role(this, 'DeployRole', {
      roleName: names.roleName,
      description: `GitHub Actions of ${repository}, environment ${config.environment}: deploys ${names.names.prefix}`,
      // As long as the deploy job may run (test/workflows.test.ts checks the jobs fit).
      maxSessionDuration: Duration.seconds(DEPLOY_SESSION_SECONDS),
      // The audience, and a `sub` naming the repository, the environment, the workflow file and (stage,
      // prod) the default branch: see github-subject.ts.
      assumedBy: new iam.WebIdentityPrincipal(
        providerArn,
        trust.operator === 'StringEquals'
          ? {
              StringEquals: {
                [`${GITHUB_OIDC_HOST}:aud`]: STS_AUDIENCE,
                [`${GITHUB_OIDC_HOST}:sub`]: trust.subjects,
              },
            }
          : {
              StringEquals: { [`${GITHUB_OIDC_HOST}:aud`]: STS_AUDIENCE },
              StringLike: { [`${GITHUB_OIDC_HOST}:sub`]: trust.subjects },
            },
      ),
      inlinePolicies: { Deploy: permissions.document },
      permissionsBoundary: config.permissionsBoundaryArn
        ? iam.ManagedPolicy.fromManagedPolicyArn(this, 'PermissionsBoundary', config.permissionsBoundaryArn)
        : undefined,
    });
    // The Terraform track (terraform.yml) changes the environment's resources itself, with no CloudFormation
    // in between: the same policy as CloudFormation's, so both tracks reach exactly `<project>-<env>-*`.
    this.role.addManagedPolicy(this.cdkPolicies.executionPolicy);
    for (const wildcard of permissions.wildcards) {
      acknowledgeWildcardResource(this.role, wildcard.arn, wildcard.reason);
    }
    new CfnOutput(this, 'RoleArn', {
      value: this.role.roleArn,
      description: `AWS_ROLE_ARN of the GitHub Environment ${config.environment}`,
    });
  }
}
