/**
 * Errors from GitHub's REST API, told the way a person reading a failed job needs them: which operation,
 * which HTTP status, GitHub's own message, and what to check.
 */

/** The parts of an Octokit `RequestError` this module reads (duck-typed: the class is a transitive dependency). */
interface RequestErrorLike {
  readonly status: number;
  readonly message: string;
  readonly response?: {
    readonly headers?: Readonly<Record<string, string | number | undefined>>;
    readonly data?: unknown;
  };
}

export function isRequestError(error: unknown): error is RequestErrorLike {
  return (
    error instanceof Error &&
    typeof (error as { status?: unknown }).status === 'number' &&
    'request' in (error as object)
  );
}

/** GitHub's `message` field of an error answer, without the documentation URL Octokit appends. */
export function gitHubMessage(error: RequestErrorLike): string {
  const data = error.response?.data;
  if (
    data !== null &&
    typeof data === 'object' &&
    typeof (data as { message?: unknown }).message === 'string'
  ) {
    return (data as { message: string }).message;
  }
  return error.message;
}

/**
 * The token may read but not write here: a pull request from a fork (its GITHUB_TOKEN is read-only), a
 * workflow whose `permissions:` leave out `pull-requests: write`, or a fine-grained token without it.
 */
export function isPermissionDenied(error: unknown): boolean {
  return (
    isRequestError(error) &&
    error.status === 403 &&
    /resource not accessible by (integration|personal access token)/i.test(gitHubMessage(error))
  );
}

/** A primary or secondary rate limit that the throttling plugin has stopped waiting out. */
export function isRateLimited(error: unknown): boolean {
  if (!isRequestError(error) || (error.status !== 403 && error.status !== 429)) return false;
  const remaining = error.response?.headers?.['x-ratelimit-remaining'];
  return String(remaining) === '0' || error.status === 429 || /rate limit/i.test(gitHubMessage(error));
}

function hint(error: RequestErrorLike): string {
  if (isRateLimited(error)) {
    const reset = Number(error.response?.headers?.['x-ratelimit-reset']);
    const when =
      Number.isFinite(reset) && reset > 0
        ? ` The limit resets at ${new Date(reset * 1000).toISOString()}.`
        : '';
    return ` GitHub's rate limit was still exceeded after waiting it out.${when} Re-run the job later.`;
  }
  switch (error.status) {
    case 401:
      return ' The token is missing, expired or revoked.';
    case 403:
      return ' The token lacks a permission this call needs (for comments: `pull-requests: write` or `issues: write`).';
    case 404:
      return ' Check the owner, repository and number, and that the token can see the repository (a private repository answers 404 to a token without access).';
    case 410:
      return ' Issues are disabled on this repository.';
    case 422:
      return ' GitHub refused the content.';
    default:
      return error.status >= 500 ? ' GitHub kept failing after the retries.' : '';
  }
}

/** A failed GitHub API call, named by what we were doing. `status` is GitHub's HTTP status, 0 when none came. */
export class GitHubApiError extends Error {
  override readonly name = 'GitHubApiError';
  readonly operation: string;
  readonly status: number;

  constructor(operation: string, status: number, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.operation = operation;
    this.status = status;
  }

  /** Wraps whatever an Octokit call threw; errors that are not HTTP errors keep their message. */
  static from(operation: string, error: unknown): GitHubApiError {
    if (error instanceof GitHubApiError) return error;
    if (isRequestError(error) && error.response === undefined) {
      // Octokit reports a network failure (refused, reset, DNS, timeout) as status 500 without a response.
      return new GitHubApiError(
        operation,
        0,
        `GitHub API: ${operation} failed: no answer from GitHub after the retries (${error.message}).`,
        { cause: error },
      );
    }
    if (isRequestError(error)) {
      const detail = gitHubMessage(error).replace(/\.?\s*$/, '.');
      return new GitHubApiError(
        operation,
        error.status,
        `GitHub API: ${operation} failed with HTTP ${error.status}: ${detail}${hint(error)}`,
        { cause: error },
      );
    }
    const detail = error instanceof Error ? error.message : String(error);
    return new GitHubApiError(operation, 0, `GitHub API: ${operation} failed: ${detail}`, { cause: error });
  }
}

/** Runs one Octokit call; whatever it throws becomes a `GitHubApiError` naming `operation`. */
export async function callGitHub<T>(operation: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw GitHubApiError.from(operation, error);
  }
}
