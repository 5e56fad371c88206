import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';
import { BootstrapNames, GITHUB_OIDC_URL, STS_AUDIENCE } from './bootstrap-names.ts';

export interface GithubOidcStackProps extends StackProps {
  /** The config's project: the stack is named after it. */
  readonly project: string;
}

/**
 * GitHub's OIDC identity provider, once per account: IAM allows one provider per issuer URL, so an account
 * that already has one imports it instead (`--existing-provider-arn`) and deploys no such stack.
 */
export class GithubOidcStack extends Stack {
  readonly provider: iam.IOidcProvider;

  constructor(scope: Construct, id: string, props: GithubOidcStackProps) {
    super(scope, id, {
      ...props,
      stackName: BootstrapNames.oidcStackName(props.project),
      description: 'aws-data-launchpad bootstrap: the GitHub Actions OIDC identity provider of this account',
    });
    // The native resource, not CDK's custom-resource provider: no Lambda function, and since 2023 IAM
    // verifies GitHub's certificate itself, so no thumbprint is pinned.
    this.provider = new iam.OidcProviderNative(this, 'GithubActions', {
      url: GITHUB_OIDC_URL,
      clientIds: [STS_AUDIENCE],
    });
    new CfnOutput(this, 'ProviderArn', {
      value: this.provider.oidcProviderArn,
      description: 'ARN of the GitHub Actions OIDC provider (--existing-provider-arn for another bootstrap)',
    });
  }
}
