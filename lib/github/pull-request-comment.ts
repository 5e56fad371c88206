/**
 * One pull-request comment that a workflow keeps up to date, the way Infracost's `comment github` does:
 * our comment is found by a hidden HTML marker in its body and by its author (anyone can paste the marker
 * into a comment of their own: that one is never edited or deleted), and `behavior` says whether it is
 * edited in place, posted anew each time, or deleted and posted again.
 *
 * A token that may not write (a pull request from a fork, Dependabot, or `permissions:` without
 * `pull-requests: write`) does not fail the job: the comment is written to the job summary instead and a
 * warning says why and what to change.
 */
import * as core from '@actions/core';
import { GitHubApiError, gitHubMessage, isPermissionDenied, isRequestError } from './errors.ts';
import { writeJobSummary } from './job-summary.ts';
import type { GitHubClient } from './octokit.ts';

/** GitHub refuses a comment body longer than this ("Body is too long (maximum is 65536 characters)"). */
export const GITHUB_COMMENT_MAX_CHARS = 65_536;

export const COMMENT_BEHAVIORS = ['update', 'new', 'delete-and-new'] as const;
/**
 * - `update`: edit our newest comment in place (no call when the body is the same), or create it.
 * - `new`: always create a new comment.
 * - `delete-and-new`: delete every comment of ours with the marker, then create a new one (it lands at the
 *   bottom).
 */
export type CommentBehavior = (typeof COMMENT_BEHAVIORS)[number];

export type CommentAction = 'created' | 'updated' | 'unchanged' | 'recreated' | 'skipped';

export interface PostPullRequestCommentOptions {
  readonly octokit: GitHubClient;
  readonly owner: string;
  readonly repo: string;
  /** The pull request's number (pull requests are issues to the comments API). */
  readonly issueNumber: number;
  /** Markdown. The marker is put on its first line when the body does not contain it. */
  readonly body: string;
  /** A hidden HTML comment that identifies our comment, e.g. `<!-- aws-data-launchpad:cost-estimate -->`. */
  readonly marker: string;
  /** Default `update`. */
  readonly behavior?: CommentBehavior;
  /**
   * The login the token comments as: only its comments are edited or deleted. Default `github-actions[bot]`,
   * the author of every comment made with a workflow's GITHUB_TOKEN; a personal access token comments as its
   * owner's login, a GitHub App as `<app-slug>[bot]`.
   */
  readonly author?: string;
}

/** Who comments with a workflow's GITHUB_TOKEN. */
export const GITHUB_ACTIONS_LOGIN = 'github-actions[bot]';

export interface PostPullRequestCommentResult {
  readonly action: CommentAction;
  /** The comment's page (`html_url`); absent when skipped. */
  readonly url?: string;
  readonly commentId?: number;
  /** Why nothing was posted (`skipped`). */
  readonly reason?: string;
  /** Comments with the marker that were deleted (`delete-and-new`). */
  readonly deletedCommentIds?: readonly number[];
  /** The body was cut to GitHub's limit; the note at its end says so. */
  readonly truncated?: boolean;
}

/** Reads an action input such as `comment-behavior`, naming the allowed values when it is wrong. */
export function parseCommentBehavior(value: string | undefined): CommentBehavior {
  const text = (value ?? '').trim();
  if (text === '') return 'update';
  if ((COMMENT_BEHAVIORS as readonly string[]).includes(text)) return text as CommentBehavior;
  throw new Error(`Unknown comment behavior "${text}": expected one of ${COMMENT_BEHAVIORS.join(', ')}.`);
}

function assertMarker(marker: string): void {
  if (!/^<!--(?:(?!-->)[\s\S])+-->$/.test(marker) || marker.slice(4, -3).trim() === '') {
    throw new Error(
      `The comment marker must be one hidden HTML comment such as "<!-- aws-data-launchpad:cost-estimate -->"; got ${JSON.stringify(marker)}.`,
    );
  }
}

/** Code fences and `<details>` left open by a cut, closed so the note after them renders as text. */
function closers(text: string): string {
  let closing = '';
  const fences = text.match(/^ {0,3}(`{3,}|~{3,})/gm) ?? [];
  if (fences.length % 2 === 1) closing += `\n${(fences[fences.length - 1] ?? '```').trim()}`;
  const opened = (text.match(/<details[\s>]/gi) ?? []).length;
  const closed = (text.match(/<\/details>/gi) ?? []).length;
  for (let i = closed; i < opened; i++) closing += '\n</details>';
  return closing;
}

/** Cuts at `end`, backing up to a line break in the last 2,000 characters and never splitting a surrogate pair. */
function cutAt(text: string, end: number): string {
  const lineBreak = text.lastIndexOf('\n', end);
  let cut = lineBreak > end - 2000 && lineBreak > 0 ? lineBreak : end;
  const code = text.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut--;
  return text.slice(0, cut);
}

/**
 * The body as it will be posted: the marker on top when absent, and cut to GitHub's limit with a visible note
 * (the marker kept, open code fences and `<details>` closed).
 */
export function prepareCommentBody(
  body: string,
  marker: string,
  maxChars: number = GITHUB_COMMENT_MAX_CHARS,
): { readonly body: string; readonly truncated: boolean } {
  assertMarker(marker);
  const full = body.includes(marker) ? body : `${marker}\n${body}`;
  if (full.length <= maxChars) return { body: full, truncated: false };

  // The marker must survive the cut: if the caller placed it late in the body, move it to the top.
  const source = full.startsWith(marker) ? full : `${marker}\n${full.split(marker).join('')}`;
  const note = (omitted: number) =>
    `\n\n> [!WARNING]\n> This comment was truncated to fit GitHub's limit of ${maxChars.toLocaleString('en-US')} ` +
    `characters: the last ${omitted.toLocaleString('en-US')} of ${source.length.toLocaleString('en-US')} were left out.\n`;
  let budget = maxChars - note(source.length).length - 64;
  for (;;) {
    if (budget <= marker.length)
      throw new Error(`A comment limit of ${maxChars} characters leaves no room for the body.`);
    const kept = cutAt(source, budget);
    const result = kept + closers(kept) + note(source.length - kept.length);
    if (result.length <= maxChars) return { body: result, truncated: true };
    budget -= result.length - maxChars;
  }
}

interface IssueComment {
  readonly id: number;
  readonly html_url: string;
  readonly body?: string | undefined;
  readonly created_at: string;
}

function newest(comments: readonly IssueComment[]): IssueComment | undefined {
  let best: IssueComment | undefined;
  for (const comment of comments) {
    if (
      best === undefined ||
      comment.created_at > best.created_at ||
      (comment.created_at === best.created_at && comment.id > best.id)
    ) {
      best = comment;
    }
  }
  return best;
}

/** Thrown inside `postPullRequestComment` when the token may not do what we asked; never escapes it. */
class Skip extends Error {
  constructor(
    readonly operation: string,
    override readonly cause: unknown,
  ) {
    super(`${operation} was refused`);
  }
}

/** Runs one API call; a read-only token becomes a `Skip`, anything else a `GitHubApiError` naming `operation`. */
async function call<T>(operation: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (isPermissionDenied(error)) throw new Skip(operation, error);
    throw GitHubApiError.from(operation, error);
  }
}

export async function postPullRequestComment(
  options: PostPullRequestCommentOptions,
): Promise<PostPullRequestCommentResult> {
  const { octokit, owner, repo, issueNumber, marker } = options;
  const behavior = parseCommentBehavior(options.behavior);
  if (!Number.isInteger(issueNumber) || issueNumber <= 0) {
    throw new Error(`The pull request number must be a positive integer; got ${String(issueNumber)}.`);
  }
  if (owner.trim() === '' || repo.trim() === '') {
    throw new Error(`The repository must be given as owner and name; got "${owner}/${repo}".`);
  }
  const { body, truncated } = prepareCommentBody(options.body, marker);
  const where = `${owner}/${repo}#${issueNumber}`;
  const extra = truncated ? { truncated } : {};

  const create = (operation: string) =>
    call(operation, () =>
      octokit.rest.issues.createComment({ owner, repo, issue_number: issueNumber, body }),
    );
  const ours = async () => {
    const comments = await call(`listing the comments of ${where}`, () =>
      octokit.paginate(octokit.rest.issues.listComments, {
        owner,
        repo,
        issue_number: issueNumber,
        per_page: 100,
      }),
    );
    const author = options.author ?? GITHUB_ACTIONS_LOGIN;
    return comments.filter(
      (comment) => comment.user?.login === author && comment.body?.includes(marker) === true,
    );
  };

  try {
    if (behavior === 'new') {
      const { data } = await create(`creating a comment on ${where}`);
      return { action: 'created', url: data.html_url, commentId: data.id, ...extra };
    }

    if (behavior === 'delete-and-new') {
      const deleted: number[] = [];
      for (const comment of await ours()) {
        await call(`deleting comment ${comment.id} on ${where}`, async () => {
          try {
            await octokit.rest.issues.deleteComment({ owner, repo, comment_id: comment.id });
          } catch (error) {
            // Already gone (deleted by hand, or by a concurrent run): that is what we wanted.
            if (!(isRequestError(error) && error.status === 404)) throw error;
          }
        });
        deleted.push(comment.id);
      }
      const { data } = await create(`creating a comment on ${where}`);
      return {
        action: deleted.length > 0 ? 'recreated' : 'created',
        url: data.html_url,
        commentId: data.id,
        deletedCommentIds: deleted,
        ...extra,
      };
    }

    const existing = newest(await ours());
    if (existing === undefined) {
      const { data } = await create(`creating a comment on ${where}`);
      return { action: 'created', url: data.html_url, commentId: data.id, ...extra };
    }
    if (existing.body === body) {
      return { action: 'unchanged', url: existing.html_url, commentId: existing.id, ...extra };
    }
    const { data } = await call(`updating comment ${existing.id} on ${where}`, () =>
      octokit.rest.issues.updateComment({ owner, repo, comment_id: existing.id, body }),
    );
    return { action: 'updated', url: data.html_url, commentId: data.id, ...extra };
  } catch (error) {
    if (!(error instanceof Skip)) throw error;
    // The whole report, not the truncated comment: a job summary may hold up to 1 MiB.
    return skip(error, where, options.body);
  }
}

async function skip(skipped: Skip, where: string, body: string): Promise<PostPullRequestCommentResult> {
  const status = isRequestError(skipped.cause)
    ? `HTTP ${skipped.cause.status}: ${gitHubMessage(skipped.cause)}`
    : String(skipped.cause);
  const reason = `The token may not write comments on ${where}: ${skipped.operation} was refused (${status}).`;
  core.warning(
    `${reason} No pull-request comment was posted; the report is in the job summary instead. ` +
      'This is expected on a pull request from a fork (and from Dependabot), whose GITHUB_TOKEN is read-only. ' +
      'To comment there too, post from a separate workflow triggered by `workflow_run` that downloads the report ' +
      "as an artifact, or use `pull_request_target` carefully (never check out or run the fork's code with its " +
      "write token). On the repository's own branches, give the job `permissions: pull-requests: write`.",
  );
  const summary = await writeJobSummary(body);
  if (!summary.written) {
    core.info(`${summary.reason} The report follows here instead:\n${body}`);
  }
  return { action: 'skipped', reason };
}
