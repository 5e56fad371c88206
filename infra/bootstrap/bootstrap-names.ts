import { createHash } from 'node:crypto';
import { ResourceNames } from '../../lib/config/resource-names.ts';

/** GitHub's OIDC issuer: an account holds at most one IAM provider for this URL. */
export const GITHUB_OIDC_HOST = 'token.actions.githubusercontent.com';
export const GITHUB_OIDC_URL = `https://${GITHUB_OIDC_HOST}`;
/** The audience aws-actions/configure-aws-credentials asks GitHub to put in its token. */
export const STS_AUDIENCE = 'sts.amazonaws.com';

/** The bootstrap roles the CDK toolkit assumes to look up, publish assets and deploy. */
export const CDK_BOOTSTRAP_ROLE_KINDS = ['deploy', 'file-publishing', 'image-publishing', 'lookup'] as const;

/**
 * The CDK bootstrap qualifier of one environment: its bootstrap roles are `cdk-<qualifier>-<kind>-role-…`
 * and its asset bucket `cdk-<qualifier>-assets-…`, so no two environments share them even in one account and
 * region. CDK allows at most 10 characters, and they go into a bucket name: the first 3 letters or digits of
 * the project and of the environment, to be readable, then 4 hex digits of a hash of both, to be unique
 * (`launchpad`/`dev` gives `laudev` and 4 hex digits).
 */
export function cdkQualifier(project: string, environment: string): string {
  const letters = (text: string) =>
    text
      .toLowerCase()
      .replaceAll(/[^a-z0-9]/g, '')
      .slice(0, 3);
  const hash = createHash('sha256').update(`${project}/${environment}`).digest('hex').slice(0, 4);
  return `${letters(project)}${letters(environment)}${hash}`;
}

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

  /** This environment's CDK bootstrap qualifier (see cdkQualifier). */
  get qualifier(): string {
    return cdkQualifier(this.project, this.environment);
  }

  /**
   * The stack `cdk bootstrap` creates for this environment, `<project>-cdk-<env>`: one per environment, where
   * CDK's default `CDKToolkit` would be one per account and region and be overwritten by the next qualifier.
   */
  get cdkToolkitStackName(): string {
    return `${this.project}-cdk-${this.environment}`;
  }

  /** SSM parameter holding the bootstrap stack's version, which a deploy checks first. */
  get cdkBootstrapVersionParameter(): string {
    return `/cdk-bootstrap/${this.qualifier}/version`;
  }

  /** A bootstrap role's name: `cdk-<qualifier>-<kind>-role-<account>-<region>` (CDK's naming). */
  cdkRoleName(kind: string, account: string, region: string): string {
    return `cdk-${this.qualifier}-${kind}-role-${account}-${region}`;
  }

  /** The bootstrap asset bucket: Lambda zips, Glue scripts and templates of this environment only. */
  cdkAssetBucket(account: string, region: string): string {
    return `cdk-${this.qualifier}-assets-${account}-${region}`;
  }

  /**
   * The managed policy `cdk bootstrap` gives the environment's CloudFormation execution role,
   * `cdk-<project>-<env>-exec`: outside `<project>-<env>-*`, the names that role may change.
   */
  get cdkExecutionPolicyName(): string {
    return `cdk-${this.names.prefix}-exec`;
  }

  /** The execution role's permissions boundary, and its stacks' roles': `cdk-<project>-<env>-boundary`. */
  get cdkBoundaryPolicyName(): string {
    return `cdk-${this.names.prefix}-boundary`;
  }

  /** The phase-6 CodePipeline the pipeline-run action starts. */
  get pipelineName(): string {
    return this.names.resource('delivery');
  }
}
