import { describe, expect, it } from 'vitest';
import { deployBranches, formatVariables, variableValues } from './variables.ts';

const dev = {
  environment: 'dev',
  repository: 'octo-org/data-launchpad',
  roleArn: 'arn:aws:iam::123456789012:role/launchpad-dev-github-deploy',
  account: '123456789012',
  region: 'eu-west-1',
};

describe('formatVariables', () => {
  it('names the three variables the deploy workflow reads, with their values', () => {
    expect(variableValues(dev)).toEqual({
      AWS_ROLE_ARN: 'arn:aws:iam::123456789012:role/launchpad-dev-github-deploy',
      AWS_ACCOUNT_ID: '123456789012',
      AWS_REGION: 'eu-west-1',
    });
  });

  it('prints the settings path and the exact gh commands for the environment', () => {
    const text = formatVariables(dev);

    expect(text).toContain('Set these variables on the GitHub Environment "dev" of octo-org/data-launchpad:');
    expect(text).toContain('  AWS_ROLE_ARN    arn:aws:iam::123456789012:role/launchpad-dev-github-deploy');
    expect(text).toContain('https://github.com/octo-org/data-launchpad/settings/environments → dev');
    expect(text).toContain('Deployment branches and tags → All branches.');
    expect(text.split('\n').filter((l) => l.startsWith('  gh '))).toEqual([
      "  gh api --method PUT repos/octo-org/data-launchpad/environments/dev -F 'deployment_branch_policy=null'",
      "  gh variable set AWS_ROLE_ARN --env dev --repo octo-org/data-launchpad --body 'arn:aws:iam::123456789012:role/launchpad-dev-github-deploy'",
      "  gh variable set AWS_ACCOUNT_ID --env dev --repo octo-org/data-launchpad --body '123456789012'",
      "  gh variable set AWS_REGION --env dev --repo octo-org/data-launchpad --body 'eu-west-1'",
      "  gh api --method PUT repos/octo-org/data-launchpad/actions/oidc/customization/sub -F use_default=false -f 'include_claim_keys[]=repo' -f 'include_claim_keys[]=context' -f 'include_claim_keys[]=job_workflow_ref'",
    ]);
    expect(text).not.toContain('Required reviewers');
  });

  it('tells to protect prod with required reviewers', () => {
    const text = formatVariables({
      ...dev,
      environment: 'prod',
      roleArn: dev.roleArn.replace('dev', 'prod'),
    });
    expect(text).toContain('Required reviewers');
    expect(text).toContain('gh variable set AWS_REGION --env prod');
    expect(text).toContain('Deployment branches and tags → Selected branches: main.');
    expect(text).toContain(
      "gh api --method POST repos/octo-org/data-launchpad/environments/prod/deployment-branch-policies -f name='main' -f type=branch",
    );
  });
});

describe('deployBranches', () => {
  it('keeps stage and prod on the default branch, and lets dev deploy from any branch or those named', () => {
    expect(deployBranches('prod')).toEqual({ kind: 'only', branches: ['main'] });
    expect(deployBranches('stage', 'default')).toEqual({ kind: 'only', branches: ['main'] });
    expect(deployBranches('dev')).toEqual({ kind: 'any' });
    expect(deployBranches('dev', 'main, feature/*')).toEqual({
      kind: 'only',
      branches: ['main', 'feature/*'],
    });
    expect(() => deployBranches('prod', 'release')).toThrow(
      /prod deploys only from the default branch \(main\)/,
    );
    expect(() => deployBranches('dev', 'refs/heads/x')).toThrow(
      /--branches must be any, default or branch names/,
    );
    expect(() => deployBranches('dev', 'a,,b')).toThrow(/--branches must be/);
  });
});
