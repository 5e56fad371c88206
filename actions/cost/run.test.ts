import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COST_COMMENT_MARKER } from '../../lib/cost/report/diff-markdown.ts';
import { FakeGitHub } from '../../lib/github/testing/fake-github-server.ts';
import { assemblyDir } from '../../test/assembly.ts';
import { runAction } from '../../test/run-action.ts';

let fake: FakeGitHub;
beforeAll(async () => {
  fake = await FakeGitHub.start({ token: 'ghs_action' });
  fake.addPullRequest('octo', 'launchpad', 12);
});
afterAll(() => fake.close());

function pullRequestEnv(): Record<string, string> {
  const event = path.join(mkdtempSync(path.join(tmpdir(), 'cost-event-')), 'event.json');
  writeFileSync(event, JSON.stringify({ number: 12, pull_request: { number: 12 } }));
  return {
    GITHUB_REPOSITORY: 'octo/launchpad',
    GITHUB_EVENT_NAME: 'pull_request',
    GITHUB_EVENT_PATH: event,
    GITHUB_API_URL: fake.url,
  };
}

describe('the cost action (bundled dist)', () => {
  it('prices the assembly, writes the review, the outputs and the job summary', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'cost-action-'));
    const reviewFile = path.join(dir, 'review.json');
    const run = await runAction('cost', { assembly: assemblyDir(), 'review-file': reviewFile });
    expect(run.status, run.stdout + run.stderr).toBe(0);
    const review = JSON.parse(readFileSync(reviewFile, 'utf8'));
    expect(Number(run.outputs['monthly-cost'])).toBeCloseTo(review.estimate.totals.monthly, 2);
    expect(run.outputs['monthly-change']).toBe('');
    expect(run.outputs['comment-url']).toBe('');
    expect(existsSync(run.outputs['markdown-file'] ?? '')).toBe(true);
    expect(run.summary).toContain('## Monthly cost estimate');
    expect(run.summary).toContain(`$${Number(run.outputs['monthly-cost']).toFixed(2)} a month`);
  });

  it('compares with a base and keeps one comment on the pull request, edited in place', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'cost-action-'));
    const base = path.join(dir, 'base.json');
    expect((await runAction('cost', { assembly: assemblyDir(), 'review-file': base })).status).toBe(0);
    // The base was $5 cheaper: the change shows as +$5.00.
    const data = JSON.parse(readFileSync(base, 'utf8'));
    data.estimate.totals.monthly -= 5;
    writeFileSync(base, JSON.stringify(data));
    const inputs = {
      assembly: assemblyDir(),
      'compare-to': base,
      comment: 'update',
      'github-token': 'ghs_action',
    };
    const first = await runAction('cost', inputs, pullRequestEnv());
    expect(first.status, first.stdout + first.stderr).toBe(0);
    expect(Number(first.outputs['monthly-change'])).toBeCloseTo(5, 2);
    const second = await runAction('cost', inputs, pullRequestEnv());
    expect(second.status, second.stdout).toBe(0);
    const comments = fake.issueComments(12);
    expect(comments).toHaveLength(1);
    expect(comments[0]?.body).toContain(COST_COMMENT_MARKER);
    expect(second.outputs['comment-url']).toMatch(/\/pull\/12#issuecomment-\d+$/);
  });

  it('fails with a message that says what to pass for a comment outside a pull request', async () => {
    const run = await runAction(
      'cost',
      { assembly: assemblyDir(), comment: 'update', 'github-token': 'x' },
      {
        GITHUB_REPOSITORY: 'octo/launchpad',
        GITHUB_EVENT_NAME: 'push',
      },
    );
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/::error::The push event is not about a pull request/);
  });

  it('refuses an unknown comment behaviour and names the allowed ones', async () => {
    const run = await runAction('cost', { assembly: assemblyDir(), comment: 'sometimes' });
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/::error::.*update.*new.*delete-and-new/);
  });
});
