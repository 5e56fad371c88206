import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HELP, review as reviewCommand } from '../../scripts/review/command.ts';
import { assemblyDir } from '../../test/assembly.ts';
import { runInProcess } from '../../test/run-in-process.ts';
import { FakeGitHub } from '../github/testing/fake-github-server.ts';
import { pullRequestFromEnvironment } from './publish-comment.ts';
import { COST_COMMENT_MARKER } from './report/diff-markdown.ts';

let fake: FakeGitHub;

beforeAll(async () => {
  fake = await FakeGitHub.start({ token: 'ghs_test' });
  fake.addPullRequest('octo', 'launchpad', 7);
});
afterAll(() => fake.close());

/** Runs `npm run review` in process, the way the pull-request workflow runs it. */
const review = (args: string[], env: Record<string, string>) =>
  runInProcess({ HELP, main: reviewCommand }, args, env);

function pullRequestEnvironment(): Record<string, string> {
  const event = path.join(mkdtempSync(path.join(tmpdir(), 'launchpad-event-')), 'event.json');
  writeFileSync(event, JSON.stringify({ action: 'synchronize', number: 7, pull_request: { number: 7 } }));
  return {
    GITHUB_REPOSITORY: 'octo/launchpad',
    GITHUB_EVENT_NAME: 'pull_request',
    GITHUB_EVENT_PATH: event,
    GITHUB_TOKEN: 'ghs_test',
    GITHUB_API_URL: fake.url,
  };
}

describe('the cost comment on a pull request', () => {
  it('is posted once and then edited in place', async () => {
    const env = pullRequestEnvironment();
    const dir = mkdtempSync(path.join(tmpdir(), 'launchpad-review-'));
    const base = path.join(dir, 'base.json');
    expect((await review(['--assembly', assemblyDir(), '--out', base], env)).status).toBe(0);
    const args = [
      '--assembly',
      assemblyDir(),
      '--compare-to',
      base,
      '--comment',
      'update',
      '--markdown',
      path.join(dir, 'review.md'),
    ];
    const first = await review(args, env);
    expect(first.status, first.stderr).toBe(0);
    expect(first.stderr).toMatch(/Pull-request comment: created http/);
    const second = await review(args, env);
    expect(second.stderr).toMatch(/Pull-request comment: unchanged/);
    const comments = fake.issueComments(7);
    expect(comments).toHaveLength(1);
    expect(comments[0]?.body.startsWith(COST_COMMENT_MARKER)).toBe(true);
    expect(comments[0]?.body).toContain('No change to the monthly cost');
    expect(comments[0]?.body).toContain('No architectural change in **dev**');
    expect(readFileSync(path.join(dir, 'review.md'), 'utf8')).toBe(comments[0]?.body);
  });

  it('needs a pull-request event and says how to get one', () => {
    expect(() =>
      pullRequestFromEnvironment({ GITHUB_REPOSITORY: 'o/r', GITHUB_TOKEN: 't', GITHUB_EVENT_NAME: 'push' }),
    ).toThrow(/The push event is not about a pull request\. Run it in a workflow triggered by pull_request/);
    expect(() => pullRequestFromEnvironment({})).toThrow(/GITHUB_REPOSITORY is not set/);
  });
});
