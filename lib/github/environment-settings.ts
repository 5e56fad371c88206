/**
 * The GitHub side of `npm run bootstrap`: the environment a deploy role trusts, made so that only the
 * branches allowed to deploy there can run a job in it, its variables, and the repository's OIDC subject
 * template that puts the workflow file and ref into every token's `sub` (the deploy roles compare it).
 */
import { callGitHub as call } from './errors.ts';
import type { GitHubClient } from './octokit.ts';

/** Which branches may run jobs in an environment. */
export type DeployBranches =
  | { readonly kind: 'any' }
  | { readonly kind: 'only'; readonly branches: readonly string[] };

export interface EnvironmentSettings {
  /** `OWNER/REPO`. */
  readonly repository: string;
  readonly environment: string;
  readonly branches: DeployBranches;
  /** Environment variables, name to value (AWS_ROLE_ARN …). */
  readonly variables: Readonly<Record<string, string>>;
  /** The repository's OIDC subject template (include_claim_keys). */
  readonly subjectClaimKeys: readonly string[];
}

/** The `deployment_branch_policy` of an environment: null lets every branch deploy. */
function branchPolicy(branches: DeployBranches) {
  return branches.kind === 'any' ? null : { protected_branches: false, custom_branch_policies: true };
}

function split(repository: string): { owner: string; repo: string } {
  const [owner = '', repo = ''] = repository.split('/');
  return { owner, repo };
}

/** The repository's default branch. */
export async function defaultBranchOf(client: GitHubClient, repository: string): Promise<string> {
  const { data } = await call(`read the repository ${repository}`, () =>
    client.rest.repos.get(split(repository)),
  );
  return data.default_branch;
}

/**
 * Creates or updates the environment, its branch policies (adding the missing ones, deleting the others),
 * its variables and the repository's subject template. Returns one line per thing it set.
 */
export async function applyEnvironmentSettings(
  client: GitHubClient,
  settings: EnvironmentSettings,
): Promise<string[]> {
  const { owner, repo } = split(settings.repository);
  const { environment, branches } = settings;
  const where = { owner, repo, environment_name: environment };
  const done: string[] = [];

  await call(`create or update the environment ${environment}`, () =>
    client.rest.repos.createOrUpdateEnvironment({
      ...where,
      deployment_branch_policy: branchPolicy(branches),
    }),
  );
  if (branches.kind === 'any') {
    done.push(`environment ${environment}: any branch may deploy`);
  } else {
    const existing = await call(`list the deployment branch policies of ${environment}`, () =>
      // Octokit's pagination unwraps GitHub's { total_count, branch_policies } into the list.
      client.paginate(client.rest.repos.listDeploymentBranchPolicies, { ...where, per_page: 100 }),
    );
    for (const policy of existing) {
      if (
        policy.id !== undefined &&
        (policy.type === 'tag' || !branches.branches.includes(policy.name ?? ''))
      ) {
        await call(`delete the deployment branch policy ${policy.name} of ${environment}`, () =>
          client.rest.repos.deleteDeploymentBranchPolicy({ ...where, branch_policy_id: policy.id as number }),
        );
      }
    }
    for (const name of branches.branches) {
      if (existing.some((policy) => policy.name === name && policy.type !== 'tag')) continue;
      await call(`add the deployment branch policy ${name} to ${environment}`, () =>
        client.rest.repos.createDeploymentBranchPolicy({ ...where, name, type: 'branch' }),
      );
    }
    done.push(`environment ${environment}: only ${branches.branches.join(', ')} may deploy`);
  }

  for (const [name, value] of Object.entries(settings.variables)) {
    const present = await call(`read the variable ${name} of ${environment}`, () =>
      client.rest.actions.getEnvironmentVariable({ ...where, name }).then(
        () => true,
        (error: { status?: number }) => {
          if (error.status === 404) return false;
          throw error;
        },
      ),
    );
    await call(`set the variable ${name} of ${environment}`, async () => {
      if (present) await client.rest.actions.updateEnvironmentVariable({ ...where, name, value });
      else await client.rest.actions.createEnvironmentVariable({ ...where, name, value });
    });
    done.push(`variable ${name} = ${value}`);
  }

  await call(`set the OIDC subject template of ${settings.repository}`, () =>
    client.rest.actions.setCustomOidcSubClaimForRepo({
      owner,
      repo,
      use_default: false,
      include_claim_keys: [...settings.subjectClaimKeys],
    }),
  );
  done.push(`OIDC subject of every job: ${settings.subjectClaimKeys.join(', ')}`);
  return done;
}

/** The same settings as `gh` commands, for a person without a token at hand. */
export function environmentSettingsCommands(settings: EnvironmentSettings): string[] {
  const { repository, environment, branches } = settings;
  const api = `gh api --method`;
  const env = `repos/${repository}/environments/${environment}`;
  const policy =
    branches.kind === 'any'
      ? `-F 'deployment_branch_policy=null'`
      : `-F 'deployment_branch_policy[protected_branches]=false' -F 'deployment_branch_policy[custom_branch_policies]=true'`;
  return [
    `${api} PUT ${env} ${policy}`,
    ...(branches.kind === 'only'
      ? branches.branches.map(
          (name) => `${api} POST ${env}/deployment-branch-policies -f name='${name}' -f type=branch`,
        )
      : []),
    ...Object.entries(settings.variables).map(
      ([name, value]) =>
        `gh variable set ${name} --env ${environment} --repo ${repository} --body '${value}'`,
    ),
    `${api} PUT repos/${repository}/actions/oidc/customization/sub -F use_default=false ${settings.subjectClaimKeys
      .map((key) => `-f 'include_claim_keys[]=${key}'`)
      .join(' ')}`,
  ];
}
