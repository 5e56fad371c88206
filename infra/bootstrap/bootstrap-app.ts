import { readFileSync } from 'node:fs';
import path from 'node:path';
import { App, BootstraplessSynthesizer, type Stack, Tags, Validations } from 'aws-cdk-lib';
import type { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { EnvironmentConfig } from '../../lib/config/environment-config.ts';
import { type Finding, readFindings } from '../nag/validation-findings.ts';
import { BootstrapError } from './bootstrap-error.ts';
import { GITHUB_OIDC_HOST } from './bootstrap-names.ts';
import { type ResourceTypesByEnvironment, synthesizeResourceTypes } from './environment-resource-types.ts';
import { GithubDeployRoleStack } from './github-deploy-role-stack.ts';
import { GithubOidcStack } from './github-oidc-stack.ts';
import { TerraformStateStack } from './terraform-state-stack.ts';

const CDK_JSON = path.resolve(import.meta.dirname, '../../cdk.json');
/** An IAM OIDC provider ARN for GitHub's issuer, in any partition. */
const PROVIDER_ARN = new RegExp(
  `^arn:aws[a-z-]*:iam::\\d{12}:oidc-provider/${GITHUB_OIDC_HOST.replaceAll('.', '\\.')}$`,
);

export interface BootstrapAppOptions {
  /** Environments to give a deploy role; all in one account. */
  readonly configs: readonly EnvironmentConfig[];
  /** `OWNER/REPO` whose workflows may assume the roles. */
  readonly repository: string;
  /** Import the account's GitHub OIDC provider instead of creating it. @default - a stack creates the provider */
  readonly existingProviderArn?: string;
  /**
   * The resource types of each environment's stacks, which its CloudFormation execution policy covers.
   * @default - synthesized from the main app with these configs
   */
  readonly resourceTypes?: ResourceTypesByEnvironment;
  /** Also the Terraform track's state bucket of the account and region. @default false */
  readonly terraformState?: boolean;
  /** Cloud assembly directory. @default - a temporary directory chosen by CDK */
  readonly outdir?: string;
  /** Context on top of cdk.json's (the toolkit passes its own). @default - cdk.json's only */
  readonly context?: Record<string, unknown>;
}

export interface BootstrapApp {
  /** The app, with cdk-nag's checks added. */
  readonly app: App;
  /** The stack of the GitHub OIDC provider. @default - none: the provider is imported */
  readonly oidc?: GithubOidcStack;
  /** One deploy-role stack per environment. */
  readonly roles: GithubDeployRoleStack[];
  /** The Terraform state bucket's stack. @default - none: `terraformState` is off */
  readonly terraformState?: TerraformStateStack;
}

/**
 * The bootstrap app, apart from the main one: the GitHub OIDC provider and one deploy role per environment,
 * deployed once with admin credentials, checked by cdk-nag like every stack of the project. Its stacks use
 * the CLI's credentials and inline templates (no asset bucket), so they deploy before the environment's
 * `cdk bootstrap`, which needs the CloudFormation policies they create.
 */
export function buildBootstrapApp(options: BootstrapAppOptions): BootstrapApp {
  const { configs, existingProviderArn } = options;
  const first = configs[0];
  if (!first) throw new BootstrapError('Name at least one environment to bootstrap.');
  const accounts = [...new Set(configs.flatMap((c) => (c.account ? [c.account] : [])))];
  if (accounts.length > 1) {
    throw new BootstrapError(
      `The environments ${configs.map((c) => c.environment).join(', ')} name different accounts (${accounts.join(', ')}): bootstrap each account on its own, with its own credentials.`,
    );
  }
  if (existingProviderArn !== undefined && !PROVIDER_ARN.test(existingProviderArn)) {
    throw new BootstrapError(
      `--existing-provider-arn must be the ARN of the account's GitHub OIDC provider, arn:aws:iam::<account>:oidc-provider/${GITHUB_OIDC_HOST}, not "${existingProviderArn}".`,
    );
  }
  const providerAccount = existingProviderArn?.split(':')[4];
  if (providerAccount && accounts[0] && providerAccount !== accounts[0]) {
    throw new BootstrapError(
      `--existing-provider-arn is in account ${providerAccount}, but ${first.file} deploys to ${accounts[0]}: a role can only trust a provider of its own account.`,
    );
  }

  const cdkJson = JSON.parse(readFileSync(CDK_JSON, 'utf8')) as { context?: Record<string, unknown> };
  const app = new App({ outdir: options.outdir, context: { ...cdkJson.context, ...options.context } });
  const account = accounts[0];
  const synthesizer = () => new BootstraplessSynthesizer();

  const oidc = existingProviderArn
    ? undefined
    : new GithubOidcStack(app, 'github-oidc', {
        project: first.project,
        env: { account, region: first.region },
        synthesizer: synthesizer(),
      });
  if (oidc) tag(oidc, first, 'all');

  const resourceTypes = options.resourceTypes ?? synthesizeResourceTypes(configs);
  const roles = configs.map((config) => {
    const types = resourceTypes[config.environment];
    if (!types) throw new BootstrapError(`No resource types given for ${config.environment}.`);
    const stack = new GithubDeployRoleStack(app, `github-${config.environment}`, {
      config,
      repository: options.repository,
      providerArn: existingProviderArn,
      resourceTypes: types,
      env: { account, region: config.region },
      synthesizer: synthesizer(),
    });
    if (oidc) stack.addStackDependency(oidc, 'its role trusts the provider');
    tag(stack, config, config.environment);
    return stack;
  });
  const terraformState = options.terraformState
    ? new TerraformStateStack(app, 'terraform-state', {
        project: first.project,
        env: { account, region: first.region },
        synthesizer: synthesizer(),
      })
    : undefined;
  if (terraformState) tag(terraformState, first, 'all');
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { app, oidc, roles, terraformState };
}

export interface BootstrapSynthesis {
  /** The synthesized cloud assembly. */
  readonly assembly: CloudAssembly;
  /** Unacknowledged cdk-nag findings, all of them, so they can be shown at once. */
  readonly findings: Finding[];
}

/** Synthesizes the bootstrap app offline; findings are returned, not thrown. */
export function synthesizeBootstrap(options: BootstrapAppOptions): BootstrapSynthesis {
  process.env.AWS_EC2_METADATA_DISABLED ??= 'true';
  const { app } = buildBootstrapApp({
    ...options,
    context: { ...options.context, '@aws-cdk/core:failSynthOnValidationErrors': false },
  });
  const assembly = app.synth();
  return { assembly, findings: readFindings(assembly.directory) };
}

function tag(stack: Stack, config: EnvironmentConfig, environment: string): void {
  const tags = Tags.of(stack);
  tags.add('project', config.project);
  tags.add('environment', environment);
  tags.add('phase', 'bootstrap');
  tags.add('owner', config.owner);
  tags.add('cost-center', config.costCenter);
}
