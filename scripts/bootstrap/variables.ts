import { BootstrapError } from '../../infra/bootstrap/bootstrap-error.ts';
import {
  DEFAULT_BRANCH,
  DEPLOYING_WORKFLOWS,
  defaultBranchOnly,
  SUBJECT_CLAIM_KEYS,
} from '../../infra/bootstrap/github-subject.ts';
import {
  type DeployBranches,
  type EnvironmentSettings,
  environmentSettingsCommands,
} from '../../lib/github/environment-settings.ts';

/** What one GitHub Environment needs so its workflow jobs can assume the environment's deploy role. */
export interface EnvironmentVariables {
  /** GitHub Environment, named like config/<environment>.json. */
  readonly environment: string;
  /** `OWNER/REPO`. */
  readonly repository: string;
  readonly roleArn: string;
  readonly account: string;
  readonly region: string;
  /** Which branches may deploy there. @default - deployBranches(environment) */
  readonly branches?: DeployBranches;
}

/** The variables the deploy workflow reads (`vars.AWS_ROLE_ARN` …) in each GitHub Environment. */
export function variableValues(v: EnvironmentVariables): Record<string, string> {
  return { AWS_ROLE_ARN: v.roleArn, AWS_ACCOUNT_ID: v.account, AWS_REGION: v.region };
}

/**
 * The branches that may deploy to an environment, from `--branches`: stage and prod only from the default
 * branch (their roles trust nothing else); dev from any branch unless a list of branches is given.
 */
export function deployBranches(environment: string, option?: string): DeployBranches {
  const text = option?.trim();
  if (defaultBranchOnly(environment)) {
    if (text === undefined || text === 'default' || text === DEFAULT_BRANCH)
      return { kind: 'only', branches: [DEFAULT_BRANCH] };
    throw new BootstrapError(
      `--branches ${text}: ${environment} deploys only from the default branch (${DEFAULT_BRANCH}), which its role trusts. Leave --branches out for ${environment}.`,
    );
  }
  if (text === undefined || text === 'any') return { kind: 'any' };
  if (text === 'default') return { kind: 'only', branches: [DEFAULT_BRANCH] };
  const branches = text.split(',').map((b) => b.trim());
  const bad = branches.find((b) => !/^[\w./*-]+$/.test(b) || b.startsWith('refs/'));
  if (bad !== undefined)
    throw new BootstrapError(
      `--branches must be any, default or branch names separated by commas (such as main,feature/*), not "${text}".`,
    );
  return { kind: 'only', branches };
}

/** Everything bootstrap sets on GitHub for one environment. */
export function environmentSettings(v: EnvironmentVariables): EnvironmentSettings {
  return {
    repository: v.repository,
    environment: v.environment,
    branches: v.branches ?? deployBranches(v.environment),
    variables: variableValues(v),
    subjectClaimKeys: SUBJECT_CLAIM_KEYS,
  };
}

/**
 * The settings to make by hand, both ways: where to click in GitHub's settings, and the `gh` commands that
 * do the same. Variables, not secrets: none of them is secret, and the logs stay readable.
 */
export function formatVariables(v: EnvironmentVariables): string {
  const settings = environmentSettings(v);
  const values = Object.entries(settings.variables);
  const width = Math.max(...values.map(([name]) => name.length));
  const branches =
    settings.branches.kind === 'any'
      ? 'All branches'
      : `Selected branches: ${settings.branches.branches.join(', ')}`;
  return [
    `Set these variables on the GitHub Environment "${v.environment}" of ${v.repository}:`,
    '',
    ...values.map(([name, value]) => `  ${name.padEnd(width)}  ${value}`),
    '',
    `In the browser: https://github.com/${v.repository}/settings/environments → ${v.environment} (New environment if`,
    '  it is not there) → Environment variables → Add environment variable, once per variable; and',
    `  Deployment branches and tags → ${branches}.`,
    ...(v.environment === 'prod'
      ? [
          '  For prod also tick Required reviewers and add yourself: a deploy to prod then waits for approval.',
        ]
      : []),
    `The role trusts only jobs of ${DEPLOYING_WORKFLOWS.join(', ')} whose OIDC token names them: set the`,
    `  repository's OIDC subject template to ${SUBJECT_CLAIM_KEYS.join(', ')} (the last gh command; no page for it).`,
    '',
    'Or with the GitHub CLI (gh auth login first), or run bootstrap again with GITHUB_TOKEN set to do all of it:',
    ...environmentSettingsCommands(settings).map((command) => `  ${command}`),
  ].join('\n');
}
