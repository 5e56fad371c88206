import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  FORK_REVIEW_FILES,
  ForkReviewError,
  postForkReview,
  readForkReviewArtifact,
  type WorkflowRunEvent,
} from './fork-review-comment.ts';
import { FakeGitHub } from './testing/fake-github-server.ts';
import { fastOctokit } from './testing/fast-octokit.ts';

const MARKER = '<!-- aws-data-launchpad:cost-estimate -->';
const HEAD = 'a'.repeat(40);
const REVIEW = `${MARKER}\n## Monthly cost estimate\n\n+$1.20 a month\n`;

let fake: FakeGitHub;
let scratch: string;
const savedSummary = process.env.GITHUB_STEP_SUMMARY;

beforeAll(() => {
  scratch = mkdtempSync(path.join(tmpdir(), 'launchpad-fork-review-'));
  // A read-only token leaves the comment in the job summary: give it a file.
  process.env.GITHUB_STEP_SUMMARY = path.join(scratch, 'summary.md');
  writeFileSync(process.env.GITHUB_STEP_SUMMARY, '');
});
afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
  if (savedSummary === undefined) delete process.env.GITHUB_STEP_SUMMARY;
  else process.env.GITHUB_STEP_SUMMARY = savedSummary;
});
beforeEach(async () => {
  fake = await FakeGitHub.start();
  fake.addPullRequest('octo', 'lake', 12);
});
afterEach(async () => {
  await fake.close();
});

function artifact(files: Partial<Record<keyof typeof FORK_REVIEW_FILES, string>>): string {
  const dir = mkdtempSync(path.join(scratch, 'artifact-'));
  const all = { markdown: REVIEW, number: '12\n', headSha: `${HEAD}\n`, ...files };
  for (const [key, content] of Object.entries(all)) {
    writeFileSync(path.join(dir, FORK_REVIEW_FILES[key as keyof typeof FORK_REVIEW_FILES]), content);
  }
  return dir;
}

function event(overrides: Partial<WorkflowRunEvent['workflow_run']> = {}): WorkflowRunEvent {
  return {
    workflow_run: {
      id: 9001,
      event: 'pull_request',
      head_sha: HEAD,
      head_repository: { full_name: 'forker/lake' },
      pull_requests: [], // what GitHub sends for a fork
      ...overrides,
    },
  };
}

/** GitHub's answer for GET /repos/octo/lake/pulls/12. */
function pullRequest(head: { sha?: string; repo?: string | null } = {}) {
  fake.fail({
    method: 'GET',
    path: /^\/repos\/octo\/lake\/pulls\/12$/,
    answer: {
      status: 200,
      body: {
        number: 12,
        state: 'open',
        head: {
          sha: head.sha ?? HEAD,
          ref: 'feature',
          repo: head.repo === null ? null : { full_name: head.repo ?? 'forker/lake' },
        },
        base: { sha: 'b'.repeat(40), ref: 'main', repo: { full_name: 'octo/lake' } },
      },
    },
  });
}

const post = (dir: string, runEvent = event()) =>
  postForkReview({
    octokit: fastOctokit(fake.url),
    owner: 'octo',
    repo: 'lake',
    event: runEvent,
    artifactDir: dir,
    marker: MARKER,
  });

describe('postForkReview', () => {
  it("posts the fork's review once GitHub confirms the pull request's head is the run's", async () => {
    pullRequest();
    const result = await post(artifact({}));
    expect(result).toMatchObject({ action: 'created', number: 12 });
    expect(fake.issueComments(12).map((c) => c.body)).toEqual([REVIEW]);
  });

  it('updates its comment in place on the next push of the fork', async () => {
    pullRequest();
    await post(artifact({}));
    pullRequest();
    const next = `${MARKER}\n## Monthly cost estimate\n\n+$2.40 a month\n`;
    const result = await post(artifact({ markdown: next }));
    expect(result.action).toBe('updated');
    expect(fake.issueComments(12).map((c) => c.body)).toEqual([next]);
  });

  it('trusts a number GitHub itself lists for the run without asking again', async () => {
    const result = await post(artifact({}), event({ pull_requests: [{ number: 12 }] }));
    expect(result.action).toBe('created');
    expect(fake.requests.some((r) => r.path.includes('/pulls/'))).toBe(false);
  });

  it('refuses a number that points at another pull request (not the run’s head), posting nothing', async () => {
    pullRequest({ sha: 'c'.repeat(40), repo: 'someone/else' });
    const error = await post(artifact({})).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ForkReviewError);
    expect((error as Error).message).toMatch(
      /#12, which does not belong to that run: its head is c{40}.*its head repository is someone\/else/,
    );
    expect(fake.writes()).toEqual([]);
  });

  it('refuses an artifact whose head SHA is not the run’s', async () => {
    const error = await post(artifact({ headSha: 'd'.repeat(40) })).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/names head d{40}, but run 9001 ran on a{40}/);
    expect(fake.requests).toEqual([]);
  });

  it('refuses a run that was not a pull request', async () => {
    const error = await post(artifact({}), event({ event: 'push' })).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/triggered by push/);
    expect(fake.requests).toEqual([]);
  });
});

describe('readForkReviewArtifact', () => {
  it('reads a well-formed artifact', () => {
    expect(readForkReviewArtifact(artifact({ headSha: `${HEAD.toUpperCase()}\n` }))).toEqual({
      number: 12,
      headSha: HEAD,
      markdown: REVIEW,
    });
  });

  it.each([
    ['a number with a command in it', { number: '12; rm -rf /' }, /not a number/],
    ['a zero', { number: '0' }, /not a number/],
    ['a short SHA', { headSha: 'abc123' }, /not a commit SHA/],
    ['an empty review', { markdown: '\n' }, /empty review/],
    ['an oversized file', { number: '1'.repeat(100) }, /more than 32/],
  ])('refuses %s', (_, files, message) => {
    expect(() => readForkReviewArtifact(artifact(files))).toThrow(message);
  });

  it('refuses a symbolic link (it could point at a file of the runner)', () => {
    const dir = mkdtempSync(path.join(scratch, 'artifact-'));
    writeFileSync(path.join(dir, FORK_REVIEW_FILES.number), '12');
    writeFileSync(path.join(dir, FORK_REVIEW_FILES.headSha), HEAD);
    symlinkSync('/etc/hostname', path.join(dir, FORK_REVIEW_FILES.markdown));
    expect(() => readForkReviewArtifact(dir)).toThrow(/not a regular file/);
  });

  it('names the missing file', () => {
    const dir = mkdtempSync(path.join(scratch, 'artifact-'));
    mkdirSync(path.join(dir, 'nested'));
    expect(() => readForkReviewArtifact(dir)).toThrow(/has no pr-number/);
  });
});
