/**
 * The one way this project builds a GitHub REST client: `@actions/github`'s Octokit (REST endpoint methods,
 * pagination, the runner's proxy settings) plus the retry and throttling plugins, so every caller gets the
 * same behaviour under a flaky network and GitHub's rate limits.
 *
 * - 5xx answers and network errors are retried with a growing pause (1 s, 4 s, 9 s by default).
 * - A primary rate limit (`x-ratelimit-remaining: 0`) or a secondary one (a 403/429 that says so) is waited
 *   out, as GitHub's `Retry-After` / `x-ratelimit-reset` headers ask, at most `rateLimitRetries` times and
 *   only when the wait is no longer than `maxRateLimitWaitSeconds`; after that the request fails with
 *   GitHub's own rate-limit error, which `GitHubApiError` turns into a clear message.
 * - Writes are spaced by the throttling plugin (one a second, three seconds between notifying writes such as
 *   new comments), which is what GitHub asks of integrations to avoid secondary rate limits.
 */
import * as core from '@actions/core';
import { getOctokit } from '@actions/github';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';

/** The client every function in lib/github takes. */
export type GitHubClient = ReturnType<typeof getOctokit>;

export const DEFAULT_GITHUB_API_URL = 'https://api.github.com';

/** Answers the retry plugin gives up on at once: client errors that will not change by asking again. */
const DO_NOT_RETRY = [400, 401, 403, 404, 410, 422, 429, 451];

export interface CreateOctokitOptions {
  /** A `GITHUB_TOKEN`, a GitHub App installation token or a personal access token. */
  readonly token: string;
  /**
   * REST API root. Default: `GITHUB_API_URL` (set by the runner, so GitHub Enterprise Server works as it is),
   * else https://api.github.com. For GitHub Enterprise Server it looks like `https://ghe.example.com/api/v3`.
   */
  readonly baseUrl?: string;
  /** How many times a 5xx answer or a network error is retried. Default 3. */
  readonly retries?: number;
  /** How many times a rate-limited request is waited out before it fails. Default 2. */
  readonly rateLimitRetries?: number;
  /** A rate limit that asks for a longer wait than this fails at once instead. Default 300 (5 minutes). */
  readonly maxRateLimitWaitSeconds?: number;
  /**
   * Milliseconds in one "second" of back-off and of `Retry-After`. Default 1000; tests make it small so a
   * scripted 502 or rate limit does not cost real seconds.
   */
  readonly millisecondsPerSecond?: number;
  /**
   * Clients with the same id share the write spacing of the throttling plugin within one process.
   * Default `aws-data-launchpad`.
   */
  readonly throttleId?: string;
  /**
   * Space writes and wait out rate limits (the throttling plugin). Default true; tests of many writes
   * against a local server that never rate-limits turn it off.
   */
  readonly throttle?: boolean;
  /** Prepended to Octokit's own user agent. Default `aws-data-launchpad`. */
  readonly userAgent?: string;
}

/** What the throttling plugin hands a rate-limit handler: the route template and its parameters. */
interface RateLimitedRequest {
  readonly method: string;
  readonly url: string;
  readonly [parameter: string]: unknown;
}

export function createOctokit(options: CreateOctokitOptions): GitHubClient {
  const token = options.token.trim();
  if (token === '') {
    throw new Error(
      `No GitHub token was given. Pass the \`github-token\` input (in a workflow: \`\${{ github.token }}\` or ` +
        `\`\${{ secrets.GITHUB_TOKEN }}\`), or set GITHUB_TOKEN when running locally.`,
    );
  }
  const baseUrl = (options.baseUrl || process.env.GITHUB_API_URL || DEFAULT_GITHUB_API_URL).replace(
    /\/+$/,
    '',
  );
  const rateLimitRetries = options.rateLimitRetries ?? 2;
  const maxWait = options.maxRateLimitWaitSeconds ?? 300;
  const msPerSecond = options.millisecondsPerSecond ?? 1000;

  const onLimit =
    (kind: 'primary' | 'secondary') =>
    (retryAfter: number, request: RateLimitedRequest, _octokit: unknown, retryCount: number) => {
      const path = request.url.replace(/\{(\w+)\}/g, (_, name: string) => String(request[name]));
      const what = `${request.method} ${path}`;
      if (retryCount >= rateLimitRetries) {
        core.warning(
          `GitHub ${kind} rate limit on ${what}: already waited ${retryCount} time(s), giving up ` +
            `(rateLimitRetries = ${rateLimitRetries}).`,
        );
        return false;
      }
      if (retryAfter > maxWait) {
        core.warning(
          `GitHub ${kind} rate limit on ${what}: it resets in ${retryAfter} s, longer than the ` +
            `${maxWait} s this run waits (maxRateLimitWaitSeconds); giving up.`,
        );
        return false;
      }
      core.info(
        `GitHub ${kind} rate limit on ${what}: waiting ${retryAfter} s, then retrying ` +
          `(${retryCount + 1} of ${rateLimitRetries}).`,
      );
      return true;
    };

  return getOctokit(
    token,
    {
      baseUrl,
      userAgent: options.userAgent ?? 'aws-data-launchpad',
      log: {
        debug: (message: string) => core.debug(message),
        info: (message: string) => core.debug(message),
        warn: (message: string) => core.warning(message),
        error: (message: string) => core.error(message),
      },
      retry: {
        retries: options.retries ?? 3,
        doNotRetry: DO_NOT_RETRY,
        retryAfterBaseValue: msPerSecond,
      },
      throttle: {
        enabled: options.throttle ?? true,
        id: options.throttleId ?? 'aws-data-launchpad',
        retryAfterBaseValue: msPerSecond,
        onRateLimit: onLimit('primary'),
        onSecondaryRateLimit: onLimit('secondary'),
      },
    },
    retry,
    throttling,
  );
}
