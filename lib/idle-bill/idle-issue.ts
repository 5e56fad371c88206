/**
 * Keeps one GitHub issue per environment about its idle bill: opened when the environment is deployed,
 * its body brought up to date on each run, and closed with a comment once nothing is deployed. The issue is
 * found by its label and the hidden marker in its body, so an issue someone else wrote (even with the same
 * label or title) is never changed.
 */
import { callGitHub as call } from '../github/errors.ts';
import { ensureLabel } from '../github/labels.ts';
import type { GitHubClient } from '../github/octokit.ts';
import { idleIssueMarker } from './idle-status.ts';

export const IDLE_BILL_LABEL = 'idle-bill';

export interface SyncIdleIssueOptions {
  readonly octokit: GitHubClient;
  readonly owner: string;
  readonly repo: string;
  readonly environment: string;
  /** Whether anything is deployed: the issue is kept open (and current) while it is. */
  readonly deployed: boolean;
  readonly title: string;
  readonly body: string;
  /** Posted when the issue is closed because nothing is deployed any more. */
  readonly closingComment: string;
}

export interface SyncIdleIssueResult {
  readonly action: 'created' | 'updated' | 'unchanged' | 'closed' | 'none';
  readonly number?: number;
  readonly url?: string;
}

interface ListedIssue {
  readonly number: number;
  readonly title: string;
  readonly body?: string | null;
  readonly html_url: string;
  readonly pull_request?: unknown;
}

/** The open idle-bill issue this workflow made for the environment, if any. */
async function findIdleIssue(
  octokit: GitHubClient,
  owner: string,
  repo: string,
  environment: string,
): Promise<ListedIssue | undefined> {
  const issues = (await call(`listing the ${IDLE_BILL_LABEL} issues of ${owner}/${repo}`, () =>
    octokit.paginate(octokit.rest.issues.listForRepo, {
      owner,
      repo,
      state: 'open',
      labels: IDLE_BILL_LABEL,
      per_page: 100,
    }),
  )) as ListedIssue[];
  const marker = idleIssueMarker(environment);
  // Oldest first: should two ever exist, the first one made stays the one kept.
  return issues
    .filter((issue) => issue.pull_request === undefined && (issue.body ?? '').includes(marker))
    .sort((a, b) => a.number - b.number)[0];
}

export async function syncIdleIssue(options: SyncIdleIssueOptions): Promise<SyncIdleIssueResult> {
  const { octokit, owner, repo, environment, title, body } = options;
  const existing = await findIdleIssue(octokit, owner, repo, environment);
  if (!options.deployed) {
    if (!existing) return { action: 'none' };
    await call(`commenting on issue #${existing.number} of ${owner}/${repo}`, () =>
      octokit.rest.issues.createComment({
        owner,
        repo,
        issue_number: existing.number,
        body: options.closingComment,
      }),
    );
    await call(`closing issue #${existing.number} of ${owner}/${repo}`, () =>
      octokit.rest.issues.update({
        owner,
        repo,
        issue_number: existing.number,
        state: 'closed',
        state_reason: 'completed',
      }),
    );
    return { action: 'closed', number: existing.number, url: existing.html_url };
  }
  if (existing) {
    if (existing.body === body && existing.title === title)
      return { action: 'unchanged', number: existing.number, url: existing.html_url };
    await call(`updating issue #${existing.number} of ${owner}/${repo}`, () =>
      octokit.rest.issues.update({ owner, repo, issue_number: existing.number, title, body }),
    );
    return { action: 'updated', number: existing.number, url: existing.html_url };
  }
  await ensureLabel(octokit, owner, repo, {
    name: IDLE_BILL_LABEL,
    color: 'd93f0b',
    description: 'An environment is deployed and billing: what it costs idle, and how to tear it down',
  });
  const { data } = await call(`opening the ${environment} idle-bill issue on ${owner}/${repo}`, () =>
    octokit.rest.issues.create({ owner, repo, title, body, labels: [IDLE_BILL_LABEL] }),
  );
  return { action: 'created', number: data.number, url: data.html_url };
}
