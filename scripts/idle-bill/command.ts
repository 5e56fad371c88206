// What `npm run idle-bill` does (scripts/idle-bill.ts runs it; so does the daily idle-bill workflow): lists
// the environment's deployed stacks, works out how long it has been up and what it costs idle, and keeps one
// GitHub issue per environment up to date. Apart from its entry so that tests call it in process.
import { appendFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { checkEnvironmentExists, InputError } from '../../lib/config/input-error.ts';
import { loadEnvironmentConfig } from '../../lib/config/load-config.ts';
import type { Estimate } from '../../lib/cost/estimate/estimate-types.ts';
import { runCost } from '../../lib/cost/run-cost.ts';
import type { GitHubClient } from '../../lib/github/octokit.ts';
import { createOctokit } from '../../lib/github/octokit.ts';
import { deployedStacks } from '../../lib/idle-bill/deployed-stacks.ts';
import { syncIdleIssue } from '../../lib/idle-bill/idle-issue.ts';
import { idleHeadline, idleIssueBody, idleIssueTitle, idleStatus } from '../../lib/idle-bill/idle-status.ts';
import { requireCredentials } from '../aws-credentials.ts';

export const HELP = `Usage: npm run idle-bill -- --env <name> [--assembly <dir>] [--repo <owner/name>] [--no-issue]

Lists what the environment has deployed (CloudFormation stacks named <project>-<env>-*), since when, and
what it costs a month with no traffic at all (the cost estimate's idle components of the deployed phases),
e.g. "dev has been up 9 days; idle $11.65/month; tear down with: Actions → teardown ...".
Needs AWS credentials for the environment's account (cloudformation:ListStacks).

With a GitHub token (GITHUB_TOKEN) it keeps one issue per environment, labelled idle-bill, up to date:
opened while the environment is deployed, its body refreshed on each run, closed with a comment once
nothing is deployed. Issues it did not open are never changed.

When config/dev.json sets autoTeardownAfterDays and dev has had no deploy for that many days, it says so
and writes teardown-due=true to GITHUB_OUTPUT (the idle-bill workflow then runs the teardown workflow).

Options:
  --env <name>          the environment (config/<name>.json)
  --assembly <dir>      a cloud assembly synthesized before, to price. Default: synthesize into cdk.out
  --repo <owner/name>   the repository of the issue. Default: GITHUB_REPOSITORY
  --no-issue            print only; change no issue
  -h, --help            show this help

Example:
  npm run idle-bill -- --env dev --no-issue`;

export interface IdleBillDependencies {
  /** Default: a client made from GITHUB_TOKEN (and GITHUB_API_URL). */
  readonly octokit?: GitHubClient;
  readonly now?: Date;
}

export async function idleBill(argv: string[], dependencies: IdleBillDependencies = {}): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      env: { type: 'string' },
      assembly: { type: 'string' },
      repo: { type: 'string' },
      'no-issue': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return console.log(HELP);
  const environment = values.env;
  if (!environment) throw new InputError('--env is required, e.g. npm run idle-bill -- --env dev');
  checkEnvironmentExists(environment, '--env');
  const config = loadEnvironmentConfig(environment);
  const repository = values.repo ?? process.env.GITHUB_REPOSITORY ?? '';
  const [owner, repo] = repository.split('/');
  const keepIssue = !values['no-issue'];
  if (keepIssue && (!owner || !repo)) {
    throw new InputError(
      `No repository for the idle-bill issue: pass --repo <owner/name> (or set GITHUB_REPOSITORY), or --no-issue to only print.`,
    );
  }
  const token = process.env.GITHUB_TOKEN ?? '';
  if (keepIssue && !dependencies.octokit && token.trim() === '') {
    throw new InputError(
      'No GitHub token for the idle-bill issue: set GITHUB_TOKEN (in a workflow: github.token, with issues: write), or pass --no-issue to only print.',
    );
  }

  await requireCredentials('npm run idle-bill', config.region);
  const now = dependencies.now ?? new Date();
  console.error(
    `Listing the stacks of ${environment} (${config.project}-${environment}-*) in ${config.region} ...`,
  );
  const stacks = await deployedStacks({ project: config.project, environment }, { region: config.region });

  let estimate: Estimate | undefined;
  if (stacks.length > 0) {
    let assembly = values.assembly;
    if (!assembly) {
      console.error(`Synthesizing ${environment} into cdk.out (offline) for its estimate ...`);
      // Imported only here: loading the CDK app takes seconds, and an environment with nothing deployed needs none.
      const { synthesizeTemplates } = await import('../../infra/synthesize.ts');
      assembly = synthesizeTemplates({ environments: [environment], outdir: 'cdk.out' }).assemblyDir;
    }
    estimate = runCost({ environments: [environment], assembly }).estimate;
  }
  const status = idleStatus({
    environment,
    stacks,
    estimate,
    now,
    autoTeardownAfterDays: config.autoTeardownAfterDays ?? null,
  });
  const headline = idleHeadline(status);
  console.log(headline);
  if (status.teardownDue) {
    console.log(
      `${environment} has had no deploy for ${status.daysSinceDeploy} days (autoTeardownAfterDays ${status.autoTeardownAfterDays}): the idle-bill workflow tears it down.`,
    );
  }
  const body = idleIssueBody(status, now);
  if (process.env.GITHUB_STEP_SUMMARY) appendFileSync(process.env.GITHUB_STEP_SUMMARY, `${body}\n`);
  if (process.env.GITHUB_OUTPUT) {
    appendFileSync(
      process.env.GITHUB_OUTPUT,
      `deployed=${stacks.length > 0}\nteardown-due=${status.teardownDue}\nidle-monthly=${status.idleMonthly.toFixed(2)}\n`,
    );
  }
  if (!keepIssue) return;
  const octokit = dependencies.octokit ?? createOctokit({ token });
  const result = await syncIdleIssue({
    octokit,
    owner: owner ?? '',
    repo: repo ?? '',
    environment,
    deployed: stacks.length > 0,
    title: idleIssueTitle(environment),
    body,
    closingComment: `Nothing of ${environment} is deployed any more (checked ${now.toISOString().slice(0, 10)}): no idle bill. Closing; the idle-bill workflow opens a new issue after the next deploy.`,
  });
  const where = result.number ? ` #${result.number}` : '';
  console.error(
    {
      created: `Opened the idle-bill issue${where}.`,
      updated: `Updated the idle-bill issue${where}.`,
      unchanged: `The idle-bill issue${where} is up to date.`,
      closed: `Closed the idle-bill issue${where}: nothing is deployed.`,
      none: 'Nothing deployed and no idle-bill issue open: nothing to do.',
    }[result.action],
  );
}
