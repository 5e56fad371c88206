import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GitHubApiError } from './errors.ts';
import { ensureChecklistIssue, SETUP_CHECKLIST_LABEL, SETUP_CHECKLIST_TITLE } from './setup-checklist.ts';
import { FakeGitHubIssues } from './testing/fake-github-issues.ts';
import { fastOctokit } from './testing/fast-octokit.ts';

let fake: FakeGitHubIssues;
beforeEach(async () => {
  fake = await FakeGitHubIssues.start();
});
afterEach(async () => {
  await fake.close();
});

const ensure = (body = '- [ ] deploy dev') =>
  ensureChecklistIssue({
    octokit: fastOctokit(fake.url),
    owner: 'octo',
    repo: 'lake',
    body,
  });

const calls = () => fake.requests.map((r) => `${r.method} ${r.path}`);

describe('ensureChecklistIssue', () => {
  it('creates the label and the issue on a repository without them', async () => {
    const result = await ensure();
    expect(result).toEqual({ action: 'created', number: 1, url: 'https://github.com/octo/lake/issues/1' });
    expect(calls()).toEqual([
      'GET /repos/octo/lake/issues',
      `GET /repos/octo/lake/labels/${SETUP_CHECKLIST_LABEL}`,
      'POST /repos/octo/lake/labels',
      'POST /repos/octo/lake/issues',
    ]);
    expect(fake.requests[0]?.query).toMatchObject({ state: 'all', per_page: '100' });
    expect(fake.issuesOf('octo', 'lake')[0]).toMatchObject({
      title: SETUP_CHECKLIST_TITLE,
      body: '- [ ] deploy dev',
      labels: [SETUP_CHECKLIST_LABEL],
    });
  });

  it('reuses an existing label', async () => {
    fake.addLabel('octo', 'lake', SETUP_CHECKLIST_LABEL);
    await ensure();
    expect(calls()).not.toContain('POST /repos/octo/lake/labels');
    expect(fake.issuesOf('octo', 'lake')).toHaveLength(1);
  });

  it('is idempotent: a second call finds the issue and writes nothing', async () => {
    await ensure();
    const writes = fake.writes().length;
    expect(await ensure('a different body')).toEqual({
      action: 'exists',
      number: 1,
      url: 'https://github.com/octo/lake/issues/1',
    });
    expect(fake.writes()).toHaveLength(writes);
  });

  it('finds a renamed checklist by its label on a later page, open or closed', async () => {
    fake.seed('octo', 'lake', [
      { title: 'Set up my lake', labels: [SETUP_CHECKLIST_LABEL], state: 'closed' },
      ...Array.from({ length: 150 }, (_, i) => ({ title: `Issue ${i}`, labels: ['bug'] })),
    ]);
    const result = await ensure();
    expect(result).toMatchObject({ action: 'exists', number: 1 });
    expect(calls().filter((c) => c === 'GET /repos/octo/lake/issues')).toHaveLength(2);
    expect(fake.writes()).toEqual([]);
  });

  it('does not mistake a pull request with the title for the checklist', async () => {
    fake.seed('octo', 'lake', [{ title: SETUP_CHECKLIST_TITLE, pullRequest: true }]);
    expect(await ensure()).toMatchObject({ action: 'created', number: 2 });
  });

  it('says what to check when issues are disabled or the token may not write', async () => {
    fake.issuesDisabled = true;
    const disabled = await ensure().catch((error: unknown) => error);
    expect(disabled).toBeInstanceOf(GitHubApiError);
    expect((disabled as Error).message).toMatch(
      /listing the issues of octo\/lake failed with HTTP 410.*Issues are disabled/,
    );

    fake.issuesDisabled = false;
    fake.readOnly = true;
    const refused = await ensure().catch((error: unknown) => error);
    expect((refused as Error).message).toMatch(
      /creating the label "setup-checklist" on octo\/lake failed with HTTP 403/,
    );
    expect(fake.issuesOf('octo', 'lake')).toEqual([]);
  });
});
