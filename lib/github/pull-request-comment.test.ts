import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { GitHubApiError } from './errors.ts';
import { createOctokit } from './octokit.ts';
import {
  type CommentBehavior,
  GITHUB_COMMENT_MAX_CHARS,
  parseCommentBehavior,
  postPullRequestComment,
  prepareCommentBody,
} from './pull-request-comment.ts';
import { captureStdout } from './testing/capture-stdout.ts';
import { BAD_GATEWAY, FakeGitHub, HUMAN, resourceNotAccessible } from './testing/fake-github-server.ts';
import { fastOctokit } from './testing/fast-octokit.ts';

const MARKER = '<!-- aws-data-launchpad:cost-estimate -->';
const OTHER_MARKER = '<!-- other-bot:report -->';
const REPORT =
  '## Monthly cost estimate\n\n| Stack | Before | After |\n| --- | --- | --- |\n| foundation | $1.20 | $1.45 |\n';

let fake: FakeGitHub;
let summaryDir: string;
let summaryFile: string;
const savedSummary = process.env.GITHUB_STEP_SUMMARY;

beforeAll(() => {
  // @actions/core caches the summary path on first use, so one file serves the whole test file.
  summaryDir = mkdtempSync(path.join(tmpdir(), 'launchpad-summary-'));
  summaryFile = path.join(summaryDir, 'step-summary.md');
  writeFileSync(summaryFile, '');
  process.env.GITHUB_STEP_SUMMARY = summaryFile;
});

afterAll(() => {
  rmSync(summaryDir, { recursive: true, force: true });
  if (savedSummary === undefined) delete process.env.GITHUB_STEP_SUMMARY;
  else process.env.GITHUB_STEP_SUMMARY = savedSummary;
});

beforeEach(async () => {
  writeFileSync(summaryFile, '');
  fake = await FakeGitHub.start();
  fake.addPullRequest('octo', 'lake', 12);
});

afterEach(async () => {
  await fake.close();
});

function post(body: string, behavior?: CommentBehavior, issueNumber = 12) {
  return postPullRequestComment({
    octokit: fastOctokit(fake.url),
    owner: 'octo',
    repo: 'lake',
    issueNumber,
    body,
    marker: MARKER,
    ...(behavior === undefined ? {} : { behavior }),
  });
}

/** `METHOD path?query` of every request, in order. */
function calls(): string[] {
  return fake.requests.map((r) => {
    const query = new URLSearchParams(r.query).toString();
    return `${r.method} ${r.path}${query === '' ? '' : `?${query}`}`;
  });
}

/** 250 comments from people and other bots, with ours (a previous estimate) as number 150: page 2 of 3. */
function seedBusyPullRequest(ours: string): number {
  const bodies = Array.from({ length: 250 }, (_, i) =>
    i % 7 === 0 ? { body: `${OTHER_MARKER}\nlint report ${i}` } : { body: `LGTM ${i}`, user: HUMAN },
  );
  bodies[149] = { body: ours };
  const seeded = fake.seedComments('octo', 'lake', 12, bodies);
  return seeded[149]?.id ?? 0;
}

describe('postPullRequestComment, behavior update (the default)', () => {
  it('creates the comment, marker on top, when there is none yet', async () => {
    fake.seedComments('octo', 'lake', 12, [{ body: 'Nice work', user: HUMAN }]);
    const result = await post(REPORT);
    const created = fake.issueComments(12)[1];
    expect(result).toEqual({
      action: 'created',
      url: `https://github.com/octo/lake/pull/12#issuecomment-${created?.id}`,
      commentId: created?.id,
    });
    expect(created?.body).toBe(`${MARKER}\n${REPORT}`);
    expect(calls()).toEqual([
      'GET /repos/octo/lake/issues/12/comments?per_page=100',
      'POST /repos/octo/lake/issues/12/comments',
    ]);
    expect(fake.requests[1]?.body).toEqual({ body: `${MARKER}\n${REPORT}` });
  });

  it('finds our comment on page 2 of 3 by following the Link header, and edits it in place', async () => {
    const ours = seedBusyPullRequest(`${MARKER}\nold estimate`);
    const result = await post(REPORT);
    expect(result).toEqual({
      action: 'updated',
      url: `https://github.com/octo/lake/pull/12#issuecomment-${ours}`,
      commentId: ours,
    });
    const repoLinks = /^GET \/repositories\/\d+\/issues\/12\/comments\?per_page=100&page=/;
    const received = calls();
    expect(received[0]).toBe('GET /repos/octo/lake/issues/12/comments?per_page=100');
    expect(received[1]).toMatch(new RegExp(`${repoLinks.source}2$`));
    expect(received[2]).toMatch(new RegExp(`${repoLinks.source}3$`));
    expect(received.slice(3)).toEqual([`PATCH /repos/octo/lake/issues/comments/${ours}`]);
    expect(fake.requests[3]?.body).toEqual({ body: `${MARKER}\n${REPORT}` });
    expect(fake.issueComments(12)).toHaveLength(250);
    expect(fake.issueComments(12)[149]?.body).toBe(`${MARKER}\n${REPORT}`);
  });

  it('makes no call when the body is already the same', async () => {
    const [ours] = fake.seedComments('octo', 'lake', 12, [`${MARKER}\n${REPORT}`]);
    const result = await post(REPORT);
    expect(result).toEqual({
      action: 'unchanged',
      url: expect.stringContaining(`#issuecomment-${ours?.id}`),
      commentId: ours?.id,
    });
    expect(fake.writes()).toEqual([]);
    expect(ours?.updatedAt).toBe(ours?.createdAt);
  });

  it('updates the newest of several marked comments and leaves the others', async () => {
    const [first, , second, , third] = fake.seedComments('octo', 'lake', 12, [
      `${MARKER}\nestimate 1`,
      { body: 'a question', user: HUMAN },
      `${MARKER}\nestimate 2`,
      `${OTHER_MARKER}\nsomething else`,
      `${MARKER}\nestimate 3`,
      { body: 'thanks', user: HUMAN },
    ]);
    const result = await post(REPORT);
    expect(result).toMatchObject({ action: 'updated', commentId: third?.id });
    expect(calls().slice(1)).toEqual([`PATCH /repos/octo/lake/issues/comments/${third?.id}`]);
    expect(first?.body).toBe(`${MARKER}\nestimate 1`);
    expect(second?.body).toBe(`${MARKER}\nestimate 2`);
    expect(third?.body).toBe(`${MARKER}\n${REPORT}`);
  });

  it('never edits a comment someone else wrote with our marker in it: it comments anew', async () => {
    const [pasted] = fake.seedComments('octo', 'lake', 12, [
      { body: `${MARKER}\nquoting the bot: estimate 1`, user: HUMAN },
    ]);
    const result = await post(REPORT);
    expect(result).toMatchObject({ action: 'created' });
    expect(calls().slice(1)).toEqual(['POST /repos/octo/lake/issues/12/comments']);
    expect(pasted?.body).toBe(`${MARKER}\nquoting the bot: estimate 1`);
  });

  it('edits the comments of the author it is told it comments as (a personal access token)', async () => {
    const [mine] = fake.seedComments('octo', 'lake', 12, [{ body: `${MARKER}\nestimate 1`, user: HUMAN }]);
    const result = await postPullRequestComment({
      octokit: fastOctokit(fake.url),
      owner: 'octo',
      repo: 'lake',
      issueNumber: 12,
      body: REPORT,
      marker: MARKER,
      author: HUMAN.login,
    });
    expect(result).toMatchObject({ action: 'updated', commentId: mine?.id });
  });

  it('keeps a marker the body already carries where it is', async () => {
    const body = `${REPORT}\n${MARKER}\n`;
    await post(body);
    expect(fake.issueComments(12)[0]?.body).toBe(body);
  });
});

describe('postPullRequestComment, behavior new', () => {
  it('always creates a comment, without reading the existing ones', async () => {
    fake.seedComments('octo', 'lake', 12, [`${MARKER}\nestimate 1`]);
    const result = await post(REPORT, 'new');
    expect(result).toMatchObject({ action: 'created', commentId: fake.issueComments(12)[1]?.id });
    expect(calls()).toEqual(['POST /repos/octo/lake/issues/12/comments']);
    expect(fake.issueComments(12).map((c) => c.body)).toEqual([
      `${MARKER}\nestimate 1`,
      `${MARKER}\n${REPORT}`,
    ]);
  });
});

describe('postPullRequestComment, behavior delete-and-new', () => {
  it('deletes every marked comment, then creates a new one', async () => {
    const [first, human, second, other] = fake.seedComments('octo', 'lake', 12, [
      `${MARKER}\nestimate 1`,
      { body: 'a question', user: HUMAN },
      `${MARKER}\nestimate 2`,
      `${OTHER_MARKER}\nsomething else`,
    ]);
    const result = await post(REPORT, 'delete-and-new');
    const created = fake.issueComments(12).at(-1);
    expect(result).toEqual({
      action: 'recreated',
      url: expect.stringContaining(`#issuecomment-${created?.id}`),
      commentId: created?.id,
      deletedCommentIds: [first?.id, second?.id],
    });
    expect(calls()).toEqual([
      'GET /repos/octo/lake/issues/12/comments?per_page=100',
      `DELETE /repos/octo/lake/issues/comments/${first?.id}`,
      `DELETE /repos/octo/lake/issues/comments/${second?.id}`,
      'POST /repos/octo/lake/issues/12/comments',
    ]);
    expect(fake.issueComments(12).map((c) => c.id)).toEqual([human?.id, other?.id, created?.id]);
  });

  it("never deletes someone else's comment that carries our marker", async () => {
    const [pasted, ours] = fake.seedComments('octo', 'lake', 12, [
      { body: `${MARKER}\nmy notes`, user: HUMAN },
      `${MARKER}\nestimate 1`,
    ]);
    const result = await post(REPORT, 'delete-and-new');
    expect(result).toMatchObject({ action: 'recreated', deletedCommentIds: [ours?.id] });
    expect(fake.issueComments(12).map((c) => c.id)).toContain(pasted?.id);
  });

  it('reports created when there was nothing to delete', async () => {
    const result = await post(REPORT, 'delete-and-new');
    expect(result).toMatchObject({ action: 'created', deletedCommentIds: [] });
    expect(calls()).toEqual([
      'GET /repos/octo/lake/issues/12/comments?per_page=100',
      'POST /repos/octo/lake/issues/12/comments',
    ]);
  });

  it('takes a comment deleted meanwhile (404) as deleted', async () => {
    const [gone] = fake.seedComments('octo', 'lake', 12, [`${MARKER}\nestimate 1`]);
    fake.fail({ method: 'DELETE', answer: { status: 404, body: { message: 'Not Found' } } });
    const result = await post(REPORT, 'delete-and-new');
    expect(result).toMatchObject({ action: 'recreated', deletedCommentIds: [gone?.id] });
  });
});

describe('long bodies', () => {
  it('cuts a body over 65,536 characters, keeping the marker and saying so, and GitHub accepts it', async () => {
    const row = '| arn:aws:s3:::launchpad-dev-raw | S3 Standard storage | 1,000 GB | $23.00 |\n';
    const body = `${'## Estimate\n\n```diff\n'}${row.repeat(1200)}\`\`\`\n`;
    expect(body.length).toBeGreaterThan(GITHUB_COMMENT_MAX_CHARS);
    const result = await post(body);
    expect(result).toMatchObject({ action: 'created', truncated: true });
    const sent = (fake.requests[1]?.body as { body: string } | undefined)?.body ?? '';
    expect(fake.requests[1]?.status).toBe(201);
    expect(sent.length).toBeLessThanOrEqual(GITHUB_COMMENT_MAX_CHARS);
    expect(sent.length).toBeGreaterThan(GITHUB_COMMENT_MAX_CHARS - 2000);
    expect(sent.startsWith(`${MARKER}\n## Estimate`)).toBe(true);
    // The cut falls on a line break, the open code fence is closed, and the note is plain text after it.
    expect(sent).toMatch(
      /\| \$23\.00 \|\n```\n\n> \[!WARNING\]\n> This comment was truncated to fit GitHub's limit of 65,536 characters: the last [\d,]+ of [\d,]+ were left out\./,
    );
  });

  it('lets the server refuse what it would refuse (the fake enforces the limit)', async () => {
    fake.seedComments('octo', 'lake', 12, []);
    const error = await createOctokit({ token: 'test-token', baseUrl: fake.url, throttleId: randomUUID() })
      .rest.issues.createComment({ owner: 'octo', repo: 'lake', issue_number: 12, body: 'x'.repeat(65_537) })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 422 });
  });
});

describe('prepareCommentBody', () => {
  it('leaves a short body alone except for the marker', () => {
    expect(prepareCommentBody('hi', MARKER)).toEqual({ body: `${MARKER}\nhi`, truncated: false });
    expect(prepareCommentBody(`hi ${MARKER}`, MARKER)).toEqual({ body: `hi ${MARKER}`, truncated: false });
  });

  it('moves a late marker to the top when it would be cut off, and closes an open <details>', () => {
    const body = `<details><summary>All resources</summary>\n\n${'line of text\n'.repeat(200)}</details>\n${MARKER}`;
    const { body: cut, truncated } = prepareCommentBody(body, MARKER, 1000);
    expect(truncated).toBe(true);
    expect(cut.length).toBeLessThanOrEqual(1000);
    expect(cut.startsWith(`${MARKER}\n<details>`)).toBe(true);
    expect(cut.split(MARKER)).toHaveLength(2);
    expect(cut).toMatch(/line of text\n<\/details>\n\n> \[!WARNING\]/);
  });

  it('never splits a character outside the Basic Multilingual Plane', () => {
    const { body } = prepareCommentBody('💸'.repeat(2000), MARKER, 1000);
    expect(body).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
    expect(body.length).toBeLessThanOrEqual(1000);
  });

  it('refuses a marker that is not one hidden HTML comment', () => {
    expect(() => prepareCommentBody('x', 'cost-estimate')).toThrow(/must be one hidden HTML comment/);
    expect(() => prepareCommentBody('x', '<!-- -->')).toThrow(/must be one hidden HTML comment/);
    expect(() => prepareCommentBody('x', '<!-- a --> b <!-- c -->')).toThrow(
      /must be one hidden HTML comment/,
    );
  });
});

describe('flaky GitHub', () => {
  it('retries a 502 on the create and posts once', async () => {
    fake.fail({ method: 'POST', answer: BAD_GATEWAY });
    const result = await post(REPORT);
    expect(result.action).toBe('created');
    expect(fake.requests.map((r) => `${r.method} ${r.status}`)).toEqual(['GET 200', 'POST 502', 'POST 201']);
    expect(fake.issueComments(12)).toHaveLength(1);
  });
});

describe('a read-only token (pull request from a fork)', () => {
  const forkWarning =
    /^::warning::The token may not write comments on octo\/lake#12: creating a comment on octo\/lake#12 was refused \(HTTP 403: Resource not accessible by integration\)\. No pull-request comment was posted; the report is in the job summary instead\..*fork.*workflow_run.*pull_request_target.*pull-requests: write/;

  it('skips instead of failing, warns why, and puts the report in the job summary', async () => {
    fake.readOnly = true;
    const { result, lines } = await captureStdout(() => post(REPORT));
    expect(result).toEqual({
      action: 'skipped',
      reason:
        'The token may not write comments on octo/lake#12: creating a comment on octo/lake#12 was refused (HTTP 403: Resource not accessible by integration).',
    });
    expect(lines.filter((line) => line.startsWith('::warning::'))).toHaveLength(1);
    expect(lines.find((line) => line.startsWith('::warning::'))).toMatch(forkWarning);
    expect(readFileSync(summaryFile, 'utf8')).toContain(REPORT);
    expect(fake.requests.map((r) => `${r.method} ${r.status}`)).toEqual(['GET 200', 'POST 403']);
  });

  it('skips an edit the same way', async () => {
    const [ours] = fake.seedComments('octo', 'lake', 12, [`${MARKER}\nold`]);
    fake.readOnly = true;
    const { result, lines } = await captureStdout(() => post(REPORT));
    expect(result).toMatchObject({
      action: 'skipped',
      reason: expect.stringContaining(`updating comment ${ours?.id}`),
    });
    expect(lines.some((line) => line.startsWith('::warning::The token may not write comments'))).toBe(true);
    expect(readFileSync(summaryFile, 'utf8')).toContain(REPORT);
    expect(ours?.body).toBe(`${MARKER}\nold`);
  });

  it('skips delete-and-new at the first delete, leaving the old comments', async () => {
    fake.seedComments('octo', 'lake', 12, [`${MARKER}\nold 1`, `${MARKER}\nold 2`]);
    fake.readOnly = true;
    const { result } = await captureStdout(() => post(REPORT, 'delete-and-new'));
    expect(result).toMatchObject({ action: 'skipped', reason: expect.stringContaining('deleting comment') });
    expect(calls().filter((c) => c.startsWith('DELETE'))).toHaveLength(1);
    expect(fake.issueComments(12)).toHaveLength(2);
  });

  it('prints the report to the log when there is no job summary either', async () => {
    fake.fail({ method: 'POST', answer: resourceNotAccessible() });
    delete process.env.GITHUB_STEP_SUMMARY;
    try {
      const { result, lines } = await captureStdout(() => post(REPORT));
      expect(result.action).toBe('skipped');
      expect(lines).toContain(
        'GITHUB_STEP_SUMMARY is not set (not running in GitHub Actions), so there is no job summary to write. The report follows here instead:',
      );
      expect(lines).toContain('| foundation | $1.20 | $1.45 |');
    } finally {
      process.env.GITHUB_STEP_SUMMARY = summaryFile;
    }
  });

  it('does not take other 403s for a read-only token', async () => {
    fake.fail({
      method: 'POST',
      answer: {
        status: 403,
        body: { message: 'Unable to create comment because issue is locked.', status: '403' },
      },
    });
    const error = await post(REPORT).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GitHubApiError);
    expect((error as Error).message).toBe(
      'GitHub API: creating a comment on octo/lake#12 failed with HTTP 403: Unable to create comment because issue is locked. The token lacks a permission this call needs (for comments: `pull-requests: write` or `issues: write`).',
    );
  });
});

describe('errors', () => {
  it('names the operation and the status when the repository does not exist (404)', async () => {
    const error = await postPullRequestComment({
      octokit: createOctokit({ token: 'test-token', baseUrl: fake.url, throttleId: randomUUID() }),
      owner: 'octo',
      repo: 'no-such-repo',
      issueNumber: 12,
      body: REPORT,
      marker: MARKER,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GitHubApiError);
    expect(error).toMatchObject({ status: 404, operation: 'listing the comments of octo/no-such-repo#12' });
    expect((error as Error).message).toMatch(
      /^GitHub API: listing the comments of octo\/no-such-repo#12 failed with HTTP 404: Not Found\. Check the owner, repository and number/,
    );
    expect(calls()).toEqual(['GET /repos/octo/no-such-repo/issues/12/comments?per_page=100']);
  });

  it('says the token is bad on a 401', async () => {
    const error = await postPullRequestComment({
      octokit: createOctokit({ token: 'expired', baseUrl: fake.url, throttleId: randomUUID() }),
      owner: 'octo',
      repo: 'lake',
      issueNumber: 12,
      body: REPORT,
      marker: MARKER,
      behavior: 'new',
    }).catch((e: unknown) => e);
    expect((error as Error).message).toBe(
      'GitHub API: creating a comment on octo/lake#12 failed with HTTP 401: Bad credentials. The token is missing, expired or revoked.',
    );
  });

  it('checks its inputs before calling GitHub', async () => {
    await expect(post(REPORT, 'replace' as CommentBehavior)).rejects.toThrow(
      'Unknown comment behavior "replace": expected one of update, new, delete-and-new.',
    );
    await expect(post(REPORT, 'update', 0)).rejects.toThrow(/positive integer; got 0/);
    expect(fake.requests).toEqual([]);
  });
});

describe('parseCommentBehavior', () => {
  it('reads an action input', () => {
    expect(parseCommentBehavior('')).toBe('update');
    expect(parseCommentBehavior(undefined)).toBe('update');
    expect(parseCommentBehavior(' delete-and-new ')).toBe('delete-and-new');
    expect(() => parseCommentBehavior('hide-and-new')).toThrow(/expected one of update, new, delete-and-new/);
  });
});
