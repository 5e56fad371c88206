import { ResourceNames } from '../../lib/config/resource-names.ts';

/** GitHub's OIDC issuer: an account holds at most one IAM provider for this URL. */
export const GITHUB_OIDC_HOST = 'token.actions.githubusercontent.com';
export const GITHUB_OIDC_URL = `https://${GITHUB_OIDC_HOST}`;
/** The audience aws-actions/configure-aws-credentials asks GitHub to put in its token. */
export const STS_AUDIENCE = 'sts.amazonaws.com';

/** CDK's default bootstrap qualifier: its roles are `cdk-hnb659fds-<kind>-role-<account>-<region>`. */
export const CDK_QUALIFIER = 'hnb659fds';
/** The bootstrap roles the CDK toolkit assumes to look up, publish assets and deploy. */
export const CDK_BOOTSTRAP_ROLE_KINDS = ['deploy', 'file-publishing', 'image-publishing', 'lookup'] as const;
/** SSM parameter holding the bootstrap stack's version, which the toolkit checks before deploying. */
export const CDK_BOOTSTRAP_VERSION_PARAMETER = `/cdk-bootstrap/${CDK_QUALIFIER}/version`;
/** CloudFormation stack `cdk bootstrap` creates in each account and region. */
export const CDK_TOOLKIT_STACK = 'CDKToolkit';

/**
 * Purpose of the delivery stack's artifact bucket (`<project>-<env>-artifacts-<account>`, see
 * lib/config/resource-names.ts) and the key the pipeline-run action uploads the source bundle to.
 */
export const DELIVERY_ARTIFACT_PURPOSE = 'artifacts';
export const PIPELINE_SOURCE_KEY = 'source/pipeline.zip';

/** Names of one environment's bootstrap resources. */
export class BootstrapNames {
  readonly names: ResourceNames;

  constructor(
    readonly project: string,
    readonly environment: string,
  ) {
    this.names = new ResourceNames(project, environment);
  }

  /** One per account, shared by every environment deployed there. */
  static oidcStackName(project: string): string {
    return `${project}-github-oidc`;
  }

  /**
   * `<project>-github-<env>`, not `<project>-<env>-…`: the environment's own stacks and leftovers are found
   * by that prefix, and the role that tears them down must not count itself among them.
   */
  get roleStackName(): string {
    return `${this.project}-github-${this.environment}`;
  }

  /** The role GitHub Actions assumes for this environment (AWS_ROLE_ARN). */
  get roleName(): string {
    return this.names.resource('github-deploy');
  }

  /** The `sub` claim of a job that runs in this GitHub Environment of this repository. */
  subject(repository: string): string {
    return `repo:${repository}:environment:${this.environment}`;
  }

  /** The phase-6 CodePipeline the pipeline-run action starts. */
  get pipelineName(): string {
    return this.names.resource('delivery');
  }
}
