/** What one GitHub Environment needs so its workflow jobs can assume the environment's deploy role. */
export interface EnvironmentVariables {
  /** GitHub Environment, named like config/<environment>.json. */
  readonly environment: string;
  /** `OWNER/REPO`. */
  readonly repository: string;
  readonly roleArn: string;
  readonly account: string;
  readonly region: string;
}

/** The variables the deploy workflow reads (`vars.AWS_ROLE_ARN` …) in each GitHub Environment. */
export function variableValues(v: EnvironmentVariables): Record<string, string> {
  return { AWS_ROLE_ARN: v.roleArn, AWS_ACCOUNT_ID: v.account, AWS_REGION: v.region };
}

/**
 * The variables to set, both ways: where to click in GitHub's settings, and the `gh` commands that do the
 * same. Variables, not secrets: none of them is secret, and the logs stay readable.
 */
export function formatVariables(v: EnvironmentVariables): string {
  const values = Object.entries(variableValues(v));
  const width = Math.max(...values.map(([name]) => name.length));
  const repo = `--repo ${v.repository}`;
  return [
    `Set these variables on the GitHub Environment "${v.environment}" of ${v.repository}:`,
    '',
    ...values.map(([name, value]) => `  ${name.padEnd(width)}  ${value}`),
    '',
    `In the browser: https://github.com/${v.repository}/settings/environments → ${v.environment} (New environment if`,
    '  it is not there) → Environment variables → Add environment variable, once per variable.',
    ...(v.environment === 'prod'
      ? [
          '  For prod also tick Required reviewers and add yourself: a deploy to prod then waits for approval.',
        ]
      : []),
    '',
    'Or with the GitHub CLI (gh auth login first):',
    `  gh api --method PUT repos/${v.repository}/environments/${v.environment}`,
    ...values.map(
      ([name, value]) => `  gh variable set ${name} --env ${v.environment} ${repo} --body '${value}'`,
    ),
  ].join('\n');
}
