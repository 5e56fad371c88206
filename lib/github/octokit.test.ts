import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GitHubApiError } from './errors.ts';
import { createOctokit, DEFAULT_GITHUB_API_URL } from './octokit.ts';
import { postPullRequestComment } from './pull-request-comment.ts';
import { captureStdout } from './testing/capture-stdout.ts';
import {
  BAD_GATEWAY,
  FakeGitHub,
  primaryRateLimit,
  secondaryRateLimit,
} from './testing/fake-github-server.ts';

const MARKER = '<!-- aws-data-launchpad:cost-estimate -->';
const COMMENTS = /^\/repos\/octo\/lake\/issues\/7\/comments$/;

let fake: FakeGitHub;
const savedApiUrl = process.env.GITHUB_API_URL;

beforeEach(async () => {
  fake = await FakeGitHub.start();
  fake.addPullRequest('octo', 'lake', 7);
});

afterEach(async () => {
  await fake.close();
  if (savedApiUrl === undefined) delete process.env.GITHUB_API_URL;
  else process.env.GITHUB_API_URL = savedApiUrl;
});

/** A client for the fake server whose back-off "seconds" last 2 ms, with its own write spacing. */
function client(overrides: Partial<Parameters<typeof createOctokit>[0]> = {}) {
  return createOctokit({
    token: 'test-token',
    baseUrl: fake.url,
    millisecondsPerSecond: 2,
    throttleId: randomUUID(),
    ...overrides,
  });
}

const listComments = (octokit: ReturnType<typeof createOctokit>) =>
  octokit.rest.issues.listComments({ owner: 'octo', repo: 'lake', issue_number: 7 });

describe('createOctokit', () => {
  it('sends the token and a user agent that names the project', async () => {
    await listComments(client());
    const [request] = fake.requests;
    expect(request?.headers.authorization).toBe('token test-token');
    expect(request?.headers['user-agent']).toMatch(/^aws-data-launchpad /);
  });

  it('takes the API root from GITHUB_API_URL, with a path prefix as on GitHub Enterprise Server', async () => {
    await fake.close();
    fake = await FakeGitHub.start({ prefix: '/api/v3' });
    fake.seedComments('octo', 'lake', 7, [`${MARKER}\nold`]);
    process.env.GITHUB_API_URL = fake.url;
    const octokit = createOctokit({ token: 'test-token', throttleId: randomUUID() });
    const { data } = await listComments(octokit);
    expect(data).toHaveLength(1);
    expect(fake.requests.map((r) => r.path)).toEqual(['/repos/octo/lake/issues/7/comments']);
  });

  it('defaults to https://api.github.com without GITHUB_API_URL', () => {
    delete process.env.GITHUB_API_URL;
    const octokit = createOctokit({ token: 'test-token' });
    expect(octokit.request.endpoint.DEFAULTS.baseUrl).toBe(DEFAULT_GITHUB_API_URL);
    expect(DEFAULT_GITHUB_API_URL).toBe('https://api.github.com');
  });

  it('refuses an empty token with a message that says where a token comes from', () => {
    expect(() => createOctokit({ token: '  ' })).toThrow(/No GitHub token.*github\.token/);
  });

  it('retries a 502 and a dropped connection, then succeeds', async () => {
    fake.fail({ method: 'GET', path: COMMENTS, answer: BAD_GATEWAY });
    fake.fail({ method: 'GET', path: COMMENTS, answer: 'drop' });
    const { data } = await listComments(client());
    expect(data).toEqual([]);
    expect(fake.requests.map((r) => r.status)).toEqual([502, 0, 200]);
  });

  it('gives up on a 5xx after the configured retries, with a clear error', async () => {
    fake.fail({
      method: 'GET',
      path: COMMENTS,
      times: 10,
      answer: { status: 503, body: { message: 'Service Unavailable' } },
    });
    const error = await postPullRequestComment({
      octokit: client({ retries: 2 }),
      owner: 'octo',
      repo: 'lake',
      issueNumber: 7,
      body: 'x',
      marker: MARKER,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GitHubApiError);
    expect((error as GitHubApiError).status).toBe(503);
    expect((error as Error).message).toBe(
      'GitHub API: listing the comments of octo/lake#7 failed with HTTP 503: Service Unavailable. GitHub kept failing after the retries.',
    );
    expect(fake.requests).toHaveLength(3);
  });

  it('does not retry a 4xx that will not change', async () => {
    fake.fail({
      method: 'GET',
      path: COMMENTS,
      answer: { status: 422, body: { message: 'Validation Failed' } },
    });
    await expect(listComments(client())).rejects.toMatchObject({ status: 422 });
    expect(fake.requests).toHaveLength(1);
  });

  it('waits out a secondary rate limit as Retry-After asks, then succeeds', async () => {
    fake.fail({ method: 'GET', path: COMMENTS, answer: secondaryRateLimit(30) });
    const started = Date.now();
    const { result, lines } = await captureStdout(() => listComments(client()));
    expect(result.status).toBe(200);
    expect(fake.requests.map((r) => r.status)).toEqual([403, 200]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(30 * 2);
    expect(lines).toContain(
      'GitHub secondary rate limit on GET /repos/octo/lake/issues/7/comments: waiting 30 s, then retrying (1 of 2).',
    );
  });

  it('waits out a primary rate limit a bounded number of times, then fails clearly', async () => {
    fake.fail({ method: 'GET', path: COMMENTS, times: 10, answer: primaryRateLimit(5) });
    const { result: error, lines } = await captureStdout(() =>
      postPullRequestComment({
        octokit: client({ rateLimitRetries: 2 }),
        owner: 'octo',
        repo: 'lake',
        issueNumber: 7,
        body: 'x',
        marker: MARKER,
      }).catch((e: unknown) => e),
    );
    expect(fake.requests).toHaveLength(3);
    expect(lines.filter((line) => line.startsWith('GitHub primary rate limit'))).toHaveLength(2);
    expect(
      lines.some((line) => line.startsWith('::warning::GitHub primary rate limit') && /giving up/.test(line)),
    ).toBe(true);
    expect(error).toBeInstanceOf(GitHubApiError);
    expect((error as Error).message).toMatch(
      /^GitHub API: listing the comments of octo\/lake#7 failed with HTTP 403: API rate limit exceeded for installation ID 12345678\. GitHub's rate limit was still exceeded after waiting it out\. The limit resets at \d{4}-.*Re-run the job later\.$/,
    );
  });

  it('fails at once when a rate limit asks for a longer wait than allowed', async () => {
    fake.fail({ method: 'GET', path: COMMENTS, answer: secondaryRateLimit(3600) });
    const { result: error, lines } = await captureStdout(() =>
      listComments(client({ maxRateLimitWaitSeconds: 60 })).catch((e: unknown) => e),
    );
    expect(error).toMatchObject({ status: 403 });
    expect(fake.requests).toHaveLength(1);
    expect(lines.join('\n')).toMatch(
      /::warning::GitHub secondary rate limit .* resets in 3600 s, longer than the 60 s/,
    );
  });
});
