import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  applyEnvironmentSettings,
  defaultBranchOf,
  type EnvironmentSettings,
  environmentSettingsCommands,
} from './environment-settings.ts';
import { GitHubApiError } from './errors.ts';
import { BAD_GATEWAY, FakeGitHub } from './testing/fake-github-server.ts';
import { fastOctokit } from './testing/fast-octokit.ts';

const KEYS = ['repo', 'context', 'job_workflow_ref'];
const settings = (environment: string, branches: EnvironmentSettings['branches']): EnvironmentSettings => ({
  repository: 'octo-org/lake',
  environment,
  branches,
  variables: {
    AWS_ROLE_ARN: `arn:aws:iam::123456789012:role/lake-${environment}-github-deploy`,
    AWS_REGION: 'eu-west-1',
  },
  subjectClaimKeys: KEYS,
});

let fake: FakeGitHub;
/** Writes unspaced: these tests make a dozen and test no rate limit (octokit.test.ts does). */
const fastClient = () => fastOctokit(fake.url, 'test-token', false);
beforeAll(async () => {
  fake = await FakeGitHub.start();
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.settings.addRepository('octo-org', 'lake', 'main');
  fake.requests.length = 0;
});

describe('GitHub environment settings (bootstrap), against the local GitHub server', () => {
  it('limits prod to the default branch, sets its variables and the subject template', async () => {
    const client = fastClient();
    expect(await defaultBranchOf(client, 'octo-org/lake')).toBe('main');
    const done = await applyEnvironmentSettings(
      client,
      settings('prod', { kind: 'only', branches: ['main'] }),
    );

    const repository = fake.settings.repository('octo-org', 'lake');
    const prod = repository?.environments.get('prod');
    expect(prod?.deploymentBranchPolicy).toEqual({ protected_branches: false, custom_branch_policies: true });
    expect(prod?.branchPolicies.map((p) => `${p.type}:${p.name}`)).toEqual(['branch:main']);
    expect(Object.fromEntries(prod?.variables ?? [])).toEqual({
      AWS_ROLE_ARN: 'arn:aws:iam::123456789012:role/lake-prod-github-deploy',
      AWS_REGION: 'eu-west-1',
    });
    expect(repository?.subjectClaimKeys).toEqual(KEYS);
    expect(done).toContain('environment prod: only main may deploy');
  });

  it('is idempotent, replaces stray branch policies and updates variables that exist', async () => {
    const client = fastClient();
    await applyEnvironmentSettings(
      client,
      settings('stage', { kind: 'only', branches: ['release', 'main'] }),
    );
    await applyEnvironmentSettings(client, settings('stage', { kind: 'only', branches: ['main'] }));
    fake.requests.length = 0;
    await applyEnvironmentSettings(client, {
      ...settings('stage', { kind: 'only', branches: ['main'] }),
      variables: { AWS_REGION: 'us-east-1' },
    });

    const stage = fake.settings.repository('octo-org', 'lake')?.environments.get('stage');
    expect(stage?.branchPolicies.map((p) => p.name)).toEqual(['main']);
    expect(stage?.variables.get('AWS_REGION')).toBe('us-east-1');
    // Nothing created twice: no POST of a branch policy or a variable on the third run.
    expect(fake.writes().map((r) => `${r.method} ${r.path}`)).toEqual([
      'PUT /repos/octo-org/lake/environments/stage',
      'PATCH /repos/octo-org/lake/environments/stage/variables/AWS_REGION',
      'PUT /repos/octo-org/lake/actions/oidc/customization/sub',
    ]);
  });

  it('lets any branch deploy to dev, and drops a narrower policy it had', async () => {
    const client = fastClient();
    await applyEnvironmentSettings(client, settings('dev', { kind: 'only', branches: ['main'] }));
    await applyEnvironmentSettings(client, settings('dev', { kind: 'any' }));
    const dev = fake.settings.repository('octo-org', 'lake')?.environments.get('dev');
    expect(dev?.deploymentBranchPolicy).toBeNull();
    expect(dev?.branchPolicies).toEqual([]);
    expect(
      fake.requests.find((r) => r.method === 'PUT' && r.path.endsWith('/environments/dev'))?.body,
    ).toEqual({
      deployment_branch_policy: { protected_branches: false, custom_branch_policies: true },
    });
    expect(
      fake.requests.filter((r) => r.method === 'PUT' && r.path.endsWith('/environments/dev')).at(-1)?.body,
    ).toEqual({
      deployment_branch_policy: null,
    });
  });

  it('reads another default branch as GitHub says it', async () => {
    fake.settings.addRepository('octo-org', 'old', 'master');
    expect(await defaultBranchOf(fastClient(), 'octo-org/old')).toBe('master');
  });

  it('names the operation and the fix when GitHub refuses or keeps failing', async () => {
    const unknown = defaultBranchOf(fastClient(), 'octo-org/missing');
    await expect(unknown).rejects.toThrow(GitHubApiError);
    await expect(unknown).rejects.toThrow(
      /read the repository octo-org\/missing failed with HTTP 404.*Check the owner/,
    );
    const denied = defaultBranchOf(fastOctokit(fake.url, 'wrong-token', false), 'octo-org/lake');
    await expect(denied).rejects.toThrow(/HTTP 401.*token is missing, expired or revoked/);
    fake.fail({ method: 'PUT', path: /environments\/prod$/, times: 4, answer: BAD_GATEWAY });
    const down = applyEnvironmentSettings(fastClient(), settings('prod', { kind: 'any' }));
    await expect(down).rejects.toThrow(/create or update the environment prod failed with HTTP 502/);
  });

  it('retries a 502 and then goes on', async () => {
    fake.fail({ method: 'POST', path: /deployment-branch-policies$/, times: 1, answer: BAD_GATEWAY });
    await applyEnvironmentSettings(fastClient(), settings('prod', { kind: 'only', branches: ['main'] }));
    expect(
      fake.settings.repository('octo-org', 'lake')?.environments.get('prod')?.branchPolicies,
    ).toHaveLength(1);
  });

  it('gives the same settings as gh commands', () => {
    expect(environmentSettingsCommands(settings('prod', { kind: 'only', branches: ['main'] }))).toEqual([
      "gh api --method PUT repos/octo-org/lake/environments/prod -F 'deployment_branch_policy[protected_branches]=false' -F 'deployment_branch_policy[custom_branch_policies]=true'",
      "gh api --method POST repos/octo-org/lake/environments/prod/deployment-branch-policies -f name='main' -f type=branch",
      "gh variable set AWS_ROLE_ARN --env prod --repo octo-org/lake --body 'arn:aws:iam::123456789012:role/lake-prod-github-deploy'",
      "gh variable set AWS_REGION --env prod --repo octo-org/lake --body 'eu-west-1'",
      "gh api --method PUT repos/octo-org/lake/actions/oidc/customization/sub -F use_default=false -f 'include_claim_keys[]=repo' -f 'include_claim_keys[]=context' -f 'include_claim_keys[]=job_workflow_ref'",
    ]);
    expect(environmentSettingsCommands(settings('dev', { kind: 'any' }))[0]).toBe(
      "gh api --method PUT repos/octo-org/lake/environments/dev -F 'deployment_branch_policy=null'",
    );
  });
});
