import { describe, expect, it } from 'vitest';
import { formatVariables, variableValues } from './variables.ts';

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
    expect(text.split('\n').filter((l) => l.startsWith('  gh '))).toEqual([
      '  gh api --method PUT repos/octo-org/data-launchpad/environments/dev',
      "  gh variable set AWS_ROLE_ARN --env dev --repo octo-org/data-launchpad --body 'arn:aws:iam::123456789012:role/launchpad-dev-github-deploy'",
      "  gh variable set AWS_ACCOUNT_ID --env dev --repo octo-org/data-launchpad --body '123456789012'",
      "  gh variable set AWS_REGION --env dev --repo octo-org/data-launchpad --body 'eu-west-1'",
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
  });
});
