// What `npm run bootstrap` does (scripts/bootstrap.ts runs it): the one-time admin step that lets GitHub
// Actions deploy one environment. Apart from its entry so that tests call it in process.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { synthesizeBootstrap } from '../../infra/bootstrap/bootstrap-app.ts';
import { BootstrapError } from '../../infra/bootstrap/bootstrap-error.ts';
import { BootstrapNames, GITHUB_OIDC_HOST } from '../../infra/bootstrap/bootstrap-names.ts';
import { DEFAULT_BRANCH, DEPLOYING_WORKFLOWS } from '../../infra/bootstrap/github-subject.ts';
import { FINDINGS_HINT, formatFinding, isError } from '../../infra/nag/validation-findings.ts';
import type { EnvironmentConfig } from '../../lib/config/environment-config.ts';
import { loadEnvironmentConfig } from '../../lib/config/load-config.ts';
import { TERRAFORM_ROOT, terraformStateBucket, terraformStateKey } from '../../lib/config/terraform-state.ts';
import { applyEnvironmentSettings, defaultBranchOf } from '../../lib/github/environment-settings.ts';
import { createOctokit, type GitHubClient } from '../../lib/github/octokit.ts';
import { cdkBootstrapState, explainCdkBootstrap, whoAmI } from './aws-account.ts';
import { cdkBootstrapCommand, deployBootstrap, runCdkBootstrap } from './deploy-bootstrap.ts';
import { parseRepository, repositoryOfOrigin } from './repository.ts';
import { summarizeAssembly } from './summary.ts';
import { deployBranches, environmentSettings, formatVariables } from './variables.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');

export const HELP = `Usage: npm run bootstrap -- --env <name> [options]

Lets GitHub Actions deploy one environment, once per environment, with administrator credentials:
  1. checks that the environment's own CDK bootstrap exists (stack <project>-cdk-<env>, its own qualifier,
     roles and asset bucket), and stops with the fix if not, unless --cdk-bootstrap
  2. deploys the stack <project>-github-oidc: GitHub's OIDC identity provider, one per account
  3. deploys the stack <project>-github-<env>: the role <project>-<env>-github-deploy, which only a job of
     your repository running in the GitHub Environment <env> can assume (only from
     ${DEPLOYING_WORKFLOWS.slice(0, -1).join(', ')} or ${DEPLOYING_WORKFLOWS.at(-1)};
     for stage and prod only on the default branch, ${DEFAULT_BRANCH}), for two hours or less, and which
     may deploy, run the delivery pipeline, list leftovers of <env> and read its bill, and nothing else;
     and the policies cdk-<project>-<env>-exec and cdk-<project>-<env>-boundary for CloudFormation
  4. with --cdk-bootstrap, runs the environment's \`cdk bootstrap\` with those policies (no AdministratorAccess)
  5. with --terraform-state, deploys the stack <project>-tfstate: the Terraform track's state bucket
     <project>-tfstate-<account>-<region> (versioned, KMS-encrypted, public access blocked, TLS only,
     kept on delete), shared by the workspaces of the account and region. The role of step 3 may always
     read and write only its workspace's state (env:/<env>/launchpad.tfstate) and lock file (.tflock)
     there, and change <env>'s resources directly with the policy CloudFormation has (terraform.yml)
  6. sets up the GitHub Environment <env> when GITHUB_TOKEN (or GH_TOKEN) holds a token that may administer
     the repository: its deployment branches, its variables AWS_ROLE_ARN, AWS_ACCOUNT_ID, AWS_REGION, and
     the repository's OIDC subject template (repo, context, job_workflow_ref) the role compares; without a
     token, prints the same as clicks and gh commands
The region and the account come from config/<env>.json; the credentials must be for that account.

Options:
  --env <name>                   the environment (config/<name>.json) and GitHub Environment name
  --repository <owner/repo>      the GitHub repository whose workflows may deploy. Default: read from
                                 \`git remote get-url origin\`
  --existing-provider-arn <arn>  the account already has a GitHub OIDC provider (IAM allows one per
                                 URL, e.g. from another project): trust it instead of creating one.
                                 arn:aws:iam::<account>:oidc-provider/${GITHUB_OIDC_HOST}
  --branches <any|default|b1,b2> the branches that may deploy to <env>. stage and prod: only the default
                                 branch, always. Default for the others: any
  --cdk-bootstrap                run the environment's \`cdk bootstrap\` if it is missing
  --terraform-state              also create the Terraform state bucket of the account and region (step 5)
  --dry-run                      synthesize and show what would be deployed, then stop: no credentials,
                                 no network
  -h, --help                     show this help

Examples:
  npm run bootstrap -- --env dev --dry-run
  npm run bootstrap -- --env dev --cdk-bootstrap
  npm run bootstrap -- --env dev --terraform-state --dry-run
  npm run bootstrap -- --env prod --repository octo-org/data-launchpad

Guide: docs/setup/bootstrap.md`;

export async function bootstrap(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      env: { type: 'string' },
      repository: { type: 'string' },
      'existing-provider-arn': { type: 'string' },
      branches: { type: 'string' },
      'cdk-bootstrap': { type: 'boolean', default: false },
      'terraform-state': { type: 'boolean', default: false },
      'dry-run': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return console.log(HELP);
  if (values.env === undefined) {
    throw usage('Say which environment GitHub Actions should deploy: --env <name>, e.g. --env dev');
  }
  const config = loadEnvironmentConfig(values.env);
  const repository = values.repository ? parseRepository(values.repository) : repositoryOfOrigin(ROOT);
  const names = new BootstrapNames(config.project, config.environment);
  const branches = deployBranches(config.environment, values.branches);
  const options = {
    configs: [config],
    repository,
    existingProviderArn: values['existing-provider-arn'],
    terraformState: values['terraform-state'],
  };

  if (values['dry-run']) {
    const outdir = mkdtempSync(path.join(tmpdir(), 'launchpad-bootstrap-'));
    let synthesis: ReturnType<typeof synthesizeBootstrap>;
    try {
      synthesis = synthesizeBootstrap({ ...options, outdir });
    } catch (error) {
      rmSync(outdir, { recursive: true, force: true }); // nothing in it worth keeping
      throw error;
    }
    const { assembly, findings } = synthesis;
    const errors = findings.filter(isError);
    if (errors.length > 0)
      throw new BootstrapError(`${errors.map(formatFinding).join('\n')}\n${FINDINGS_HINT}`);
    const account = config.account ?? '<account>';
    console.log(
      [
        `Dry run for ${config.environment}, trusting ${repository}: synthesized without credentials, nothing deployed.`,
        '',
        summarizeAssembly(assembly),
        '',
        `Templates: ${assembly.directory}`,
        '',
        ...(values['terraform-state'] ? [terraformStateLines(config, account), ''] : []),
        'After a real run (without --dry-run):',
        formatVariables({
          environment: config.environment,
          repository,
          roleArn: `arn:aws:iam::${account}:role/${names.roleName}`,
          account,
          region: config.region,
          branches,
        }),
      ].join('\n'),
    );
    return;
  }

  const github = gitHubClient();
  if (github) await checkDefaultBranch(github, repository);

  const caller = await whoAmI(config.region);
  if (config.account && config.account !== caller.account) {
    throw new BootstrapError(
      `${config.file} deploys ${config.environment} to account ${config.account}, but the credentials are for ${caller.account} (${caller.arn}). Use credentials for ${config.account}.`,
    );
  }
  const environment = `aws://${caller.account}/${config.region}`;
  console.error(`Bootstrapping ${config.environment} in ${environment} for ${repository}, as ${caller.arn}`);

  const state = await cdkBootstrapState(config.region, names.cdkToolkitStackName);
  if (state.status !== 'ready' && !values['cdk-bootstrap'])
    throw new BootstrapError(explainCdkBootstrap(names, caller.account, config.region, state));

  // First the role and the CloudFormation policies, which the environment's CDK bootstrap then attaches.
  const outputs = await deployBootstrap(options);
  if (state.status !== 'ready') {
    console.error(
      `CDK bootstrap: missing, running it in ${environment} (--cdk-bootstrap): ${cdkBootstrapCommand(names, caller.account, config.region, caller.partition)}`,
    );
    await runCdkBootstrap(names, caller.account, config.region, caller.partition);
  } else {
    console.error(
      `CDK bootstrap: ${names.cdkToolkitStackName} ready in ${environment}${state.version ? ` (version ${state.version})` : ''}`,
    );
  }
  const fromOutputs = outputs[names.roleStackName]?.RoleArn;
  const roleArn = fromOutputs ?? `arn:${caller.partition}:iam::${caller.account}:role/${names.roleName}`;
  if (!fromOutputs) {
    console.error(
      `${names.roleStackName} returned no RoleArn output: the ARN below is built from the role's name.`,
    );
  }
  const variables = {
    environment: config.environment,
    repository,
    roleArn,
    account: caller.account,
    region: config.region,
    branches,
  };
  const done = [
    `Done: GitHub Actions of ${repository} can deploy ${config.environment} from the GitHub Environment "${config.environment}".`,
    ...(values['terraform-state'] ? ['', terraformStateLines(config, caller.account)] : []),
  ].join('\n');
  if (github === undefined) {
    console.log([done, '', formatVariables(variables)].join('\n'));
    return;
  }
  let set: string[];
  try {
    set = await applyEnvironmentSettings(github, environmentSettings(variables));
  } catch (error) {
    // The stacks are deployed: hand over what is left, by hand, rather than a bare API error.
    console.log(formatVariables(variables));
    throw new BootstrapError(
      `${(error as Error).message} The AWS side is done; finish the GitHub side with the settings printed above, or run bootstrap again with a token that may administer ${repository} (environments, variables, Actions settings).`,
    );
  }
  console.log([done, '', `Set on GitHub (${repository}):`, ...set.map((line) => `  ${line}`)].join('\n'));
}

/** Where the Terraform track of this environment keeps its state, as `terraform init` takes it. */
function terraformStateLines(config: EnvironmentConfig, account: string): string {
  const bucket = terraformStateBucket(config.project, account, config.region);
  return [
    `Terraform state of ${config.environment}: s3://${bucket}/${terraformStateKey(config.environment)} (lock file beside it, .tflock). Locally:`,
    `  cd ${TERRAFORM_ROOT} && terraform init -backend-config="bucket=${bucket}" -backend-config="region=${config.region}" && terraform workspace select -or-create ${config.environment}`,
  ].join('\n');
}

/** A client when GITHUB_TOKEN or GH_TOKEN holds a token (GITHUB_API_URL for GitHub Enterprise Server). */
function gitHubClient(): GitHubClient | undefined {
  const token = (process.env.GITHUB_TOKEN || process.env.GH_TOKEN || '').trim();
  return token === '' ? undefined : createOctokit({ token });
}

/** Stage and prod roles trust the default branch the workflows deploy from: refuse a repository with another. */
async function checkDefaultBranch(github: GitHubClient, repository: string): Promise<void> {
  const branch = await defaultBranchOf(github, repository);
  if (branch !== DEFAULT_BRANCH) {
    throw new BootstrapError(
      `The default branch of ${repository} is ${branch}, but the workflows deploy from ${DEFAULT_BRANCH} and the stage and prod roles trust only ${DEFAULT_BRANCH}. Rename the default branch to ${DEFAULT_BRANCH} (Settings → General → Default branch), then run bootstrap again.`,
    );
  }
}

function usage(message: string): Error {
  return Object.assign(new TypeError(`${message}.`), { code: 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' });
}
