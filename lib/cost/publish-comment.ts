import { existsSync, readFileSync } from 'node:fs';
import { createOctokit } from '../github/octokit.ts';
import {
  type CommentBehavior,
  type PostPullRequestCommentResult,
  postPullRequestComment,
} from '../github/pull-request-comment.ts';
import { COST_COMMENT_MARKER } from './report/diff-markdown.ts';

export interface PullRequestTarget {
  readonly owner: string;
  readonly repo: string;
  readonly number: number;
  readonly token: string;
  readonly apiUrl?: string;
}

/**
 * The pull request a workflow run belongs to, from the variables GitHub Actions sets (GITHUB_REPOSITORY,
 * GITHUB_EVENT_PATH) and the token the workflow passes (GITHUB_TOKEN).
 */
export function pullRequestFromEnvironment(env: NodeJS.ProcessEnv = process.env): PullRequestTarget {
  const fix =
    'Run it in a workflow triggered by pull_request, with GITHUB_TOKEN set from the github.token of the run.';
  const [owner, repo] = (env.GITHUB_REPOSITORY ?? '').split('/');
  if (!owner || !repo)
    throw new Error(`GITHUB_REPOSITORY is not set, so there is no pull request to comment on. ${fix}`);
  if (!env.GITHUB_TOKEN) throw new Error(`GITHUB_TOKEN is not set. ${fix}`);
  const eventFile = env.GITHUB_EVENT_PATH;
  const event = eventFile && existsSync(eventFile) ? JSON.parse(readFileSync(eventFile, 'utf8')) : {};
  const number = Number(event.pull_request?.number ?? event.number);
  if (!Number.isInteger(number) || number <= 0) {
    throw new Error(`The ${env.GITHUB_EVENT_NAME ?? 'current'} event is not about a pull request. ${fix}`);
  }
  return { owner, repo, number, token: env.GITHUB_TOKEN, apiUrl: env.GITHUB_API_URL };
}

/**
 * Posts (or updates) the cost comment on a pull request, the one that starts with `marker` (a Terraform
 * plan's comment has one per workspace); a read-only token leaves it in the job summary.
 */
export function publishCostComment(
  markdown: string,
  target: PullRequestTarget,
  behavior: CommentBehavior = 'update',
  marker = COST_COMMENT_MARKER,
): Promise<PostPullRequestCommentResult> {
  return postPullRequestComment({
    octokit: createOctokit({ token: target.token, baseUrl: target.apiUrl }),
    owner: target.owner,
    repo: target.repo,
    issueNumber: target.number,
    body: markdown,
    marker,
    behavior,
  });
}
