/**
 * The pull-request review of a fork, posted from a privileged `workflow_run` run. The unprivileged
 * `pull_request` run (which ran the fork's code with a read-only token) uploads the Markdown, the pull
 * request's number and the head SHA as an artifact; everything in it is untrusted data written by code the
 * fork controls. So the number is believed only when GitHub itself links it to the run that produced the
 * artifact: it is one of `workflow_run.pull_requests`, or (GitHub leaves that list empty for forks) the pull
 * request's head is the run's head SHA and head repository. The Markdown is only ever posted as a comment
 * body, never run or interpolated into a command.
 */
import { lstatSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { GitHubApiError } from './errors.ts';
import type { GitHubClient } from './octokit.ts';
import { type PostPullRequestCommentResult, postPullRequestComment } from './pull-request-comment.ts';

/** The files the unprivileged run puts in its artifact. */
export const FORK_REVIEW_FILES = {
  markdown: 'review.md',
  number: 'pr-number',
  headSha: 'head-sha',
} as const;

/** A review larger than this is not a review: refuse it rather than read it into memory. */
const MAX_MARKDOWN_BYTES = 1024 * 1024;

export interface ForkReviewArtifact {
  readonly number: number;
  readonly headSha: string;
  readonly markdown: string;
}

/** The parts of the `workflow_run` event payload this module reads. */
export interface WorkflowRunEvent {
  readonly workflow_run: {
    readonly id: number;
    readonly event: string;
    readonly head_sha: string;
    readonly head_repository?: { readonly full_name?: string } | null;
    readonly pull_requests?: readonly { readonly number: number }[];
  };
}

export class ForkReviewError extends Error {
  override readonly name = 'ForkReviewError';
}

function readSmallFile(dir: string, name: string, maxBytes: number): string {
  const file = path.join(dir, name);
  let stat: ReturnType<typeof lstatSync>;
  try {
    stat = lstatSync(file);
  } catch {
    throw new ForkReviewError(`The review artifact has no ${name} (looked in ${dir}).`);
  }
  if (!stat.isFile()) throw new ForkReviewError(`The review artifact's ${name} is not a regular file.`);
  if (stat.size > maxBytes) {
    throw new ForkReviewError(`The review artifact's ${name} is ${stat.size} bytes, more than ${maxBytes}.`);
  }
  return readFileSync(file, 'utf8');
}

/** Reads and checks the artifact's shape: a positive number, a 40-hex SHA, Markdown of a sane size. */
export function readForkReviewArtifact(dir: string): ForkReviewArtifact {
  const numberText = readSmallFile(dir, FORK_REVIEW_FILES.number, 32).trim();
  if (!/^[1-9]\d{0,9}$/.test(numberText)) {
    throw new ForkReviewError(
      `The review artifact's pull-request number is not a number: ${JSON.stringify(numberText)}.`,
    );
  }
  const headSha = readSmallFile(dir, FORK_REVIEW_FILES.headSha, 64).trim().toLowerCase();
  if (!/^[0-9a-f]{40}$/.test(headSha)) {
    throw new ForkReviewError(
      `The review artifact's head SHA is not a commit SHA: ${JSON.stringify(headSha)}.`,
    );
  }
  const markdown = readSmallFile(dir, FORK_REVIEW_FILES.markdown, MAX_MARKDOWN_BYTES);
  if (markdown.trim() === '') throw new ForkReviewError('The review artifact holds an empty review.');
  return { number: Number(numberText), headSha, markdown };
}

/**
 * The pull request the artifact may be posted on, checked against what GitHub says about the run, never
 * against the artifact alone. Throws a `ForkReviewError` naming the mismatch.
 */
export async function verifyForkPullRequest(options: {
  readonly octokit: GitHubClient;
  readonly owner: string;
  readonly repo: string;
  readonly event: WorkflowRunEvent;
  readonly artifact: ForkReviewArtifact;
}): Promise<number> {
  const { octokit, owner, repo, event, artifact } = options;
  const run = event.workflow_run;
  if (run.event !== 'pull_request') {
    throw new ForkReviewError(`Run ${run.id} was triggered by ${run.event}, not by a pull request.`);
  }
  if (artifact.headSha !== run.head_sha.toLowerCase()) {
    throw new ForkReviewError(
      `The artifact names head ${artifact.headSha}, but run ${run.id} ran on ${run.head_sha}.`,
    );
  }
  const linked = run.pull_requests ?? [];
  if (linked.some((pr) => pr.number === artifact.number)) return artifact.number;

  let pull: {
    head: { sha: string; repo: { full_name: string } | null };
    base: { repo: { full_name: string } };
  };
  try {
    ({ data: pull } = await octokit.rest.pulls.get({ owner, repo, pull_number: artifact.number }));
  } catch (error) {
    throw GitHubApiError.from(`reading pull request ${owner}/${repo}#${artifact.number}`, error);
  }
  const headRepo = run.head_repository?.full_name;
  const problems: string[] = [];
  if (pull.base.repo.full_name.toLowerCase() !== `${owner}/${repo}`.toLowerCase()) {
    problems.push(`its base is ${pull.base.repo.full_name}`);
  }
  if (pull.head.sha.toLowerCase() !== run.head_sha.toLowerCase()) {
    problems.push(`its head is ${pull.head.sha}, the run's is ${run.head_sha}`);
  }
  if (headRepo === undefined || pull.head.repo?.full_name.toLowerCase() !== headRepo.toLowerCase()) {
    problems.push(
      `its head repository is ${pull.head.repo?.full_name ?? 'deleted'}, the run's is ${headRepo}`,
    );
  }
  if (problems.length > 0) {
    throw new ForkReviewError(
      `The artifact of run ${run.id} names pull request #${artifact.number}, which does not belong to that run: ${problems.join('; ')}. Nothing was posted.`,
    );
  }
  return artifact.number;
}

/** Verifies the artifact against the run and posts (or updates) the review comment on its pull request. */
export async function postForkReview(options: {
  readonly octokit: GitHubClient;
  readonly owner: string;
  readonly repo: string;
  readonly event: WorkflowRunEvent;
  readonly artifactDir: string;
  readonly marker: string;
}): Promise<PostPullRequestCommentResult & { readonly number: number }> {
  const artifact = readForkReviewArtifact(options.artifactDir);
  const number = await verifyForkPullRequest({ ...options, artifact });
  const result = await postPullRequestComment({
    octokit: options.octokit,
    owner: options.owner,
    repo: options.repo,
    issueNumber: number,
    body: artifact.markdown,
    marker: options.marker,
    behavior: 'update',
  });
  return { ...result, number };
}
