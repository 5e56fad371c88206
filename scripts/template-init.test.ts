import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadEnvironmentConfig } from '../lib/config/load-config.ts';
import { SETUP_CHECKLIST_LABEL, SETUP_CHECKLIST_TITLE } from '../lib/github/setup-checklist.ts';
import { FakeGitHubIssues } from '../lib/github/testing/fake-github-issues.ts';
import { runInProcess } from '../test/run-in-process.ts';
import { runScript } from '../test/run-script.ts';
import { HELP, templateInitCommand } from './template-init/command.ts';
import {
  DEFAULT_TEMPLATE_REPOSITORY,
  PLACEHOLDER_OWNER,
  parseRepository,
  personalizeConfig,
  personalizeReadme,
  renderChecklist,
  TemplateInitError,
  templateInit,
} from './template-init/personalize.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const TEMPLATE = parseRepository(DEFAULT_TEMPLATE_REPOSITORY);
const T = DEFAULT_TEMPLATE_REPOSITORY;
const scratch = mkdtempSync(path.join(tmpdir(), 'launchpad-template-init-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** What a README of the template would say about itself, outside the generated regions. */
const TEMPLATE_LINES = [
  `[![ci](https://github.com/${T}/actions/workflows/ci.yml/badge.svg)](https://github.com/${T}/actions/workflows/ci.yml)`,
  '```sh',
  `git clone https://github.com/${T}.git`,
  `gh repo clone ${T}`,
  '```',
  `Made from [the template](https://github.com/${T}). <!-- template-init: keep -->`,
].join('\n');

/** A copy of this repository's README.md and config/ with the template's own references added. */
function copyOfRepository(): string {
  const dir = mkdtempSync(path.join(scratch, 'repo-'));
  cpSync(path.join(ROOT, 'config'), path.join(dir, 'config'), { recursive: true });
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  writeFileSync(path.join(dir, 'README.md'), readme.replace(/\n/, `\n\n${TEMPLATE_LINES}\n`));
  return dir;
}

/** Every file's bytes, by relative path. */
function snapshot(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (sub: string) => {
    for (const name of readdirSync(path.join(dir, sub))) {
      const rel = path.join(sub, name);
      if (statSync(path.join(dir, rel)).isDirectory()) walk(rel);
      else files.set(rel, readFileSync(path.join(dir, rel)).toString('base64'));
    }
  };
  walk('');
  return files;
}

const REPO = parseRepository('octo-learner/my-lake');

describe('personalizeReadme', () => {
  it('replaces badges, links and clone URLs, and the title; keeps marked lines and generated regions', () => {
    const text = [
      `# ${TEMPLATE.name}`,
      TEMPLATE_LINES,
      '<!-- BEGIN GENERATED: links -->',
      `See https://github.com/${T}/issues`,
      '<!-- END GENERATED: links -->',
      `Fork it: git@github.com:${T}.git`,
    ].join('\n');
    const result = personalizeReadme(text, TEMPLATE, REPO);
    expect(result.references).toBe(5);
    expect(result.title).toBe(true);
    expect(result.text).toContain('# my-lake\n');
    expect(result.text).toContain(
      '[![ci](https://github.com/octo-learner/my-lake/actions/workflows/ci.yml/badge.svg)](https://github.com/octo-learner/my-lake/actions/workflows/ci.yml)',
    );
    expect(result.text).toContain('git clone https://github.com/octo-learner/my-lake.git');
    expect(result.text).toContain('gh repo clone octo-learner/my-lake\n');
    expect(result.text).toContain('git@github.com:octo-learner/my-lake.git');
    expect(result.text).toContain(
      `Made from [the template](https://github.com/${T}). <!-- template-init: keep -->`,
    );
    expect(result.text).toContain(`See https://github.com/${T}/issues`);
  });

  it('moves the Pages site address to the new repository, and leaves other sites alone', () => {
    const text = `Site: https://${TEMPLATE.owner}.github.io/${TEMPLATE.name}/ and https://${TEMPLATE.owner}.github.io/${TEMPLATE.name}-old/`;
    const result = personalizeReadme(text, TEMPLATE, parseRepository('Octo-Learner/my-lake'));
    expect(result.text).toBe(
      `Site: https://octo-learner.github.io/my-lake/ and https://${TEMPLATE.owner}.github.io/${TEMPLATE.name}-old/`,
    );
    expect(result.references).toBe(1);
  });

  it('leaves longer names that merely contain the template slug alone', () => {
    const text = `https://github.com/${T}-extras and https://github.com/x${T} and ${T}.wiki and ${T.toUpperCase()}`;
    const result = personalizeReadme(text, TEMPLATE, REPO);
    expect(result.text).toBe(
      `https://github.com/${T}-extras and https://github.com/x${T} and ${T}.wiki and octo-learner/my-lake`,
    );
  });

  it('refuses a README with unbalanced generated markers rather than editing half a region', () => {
    expect(() => personalizeReadme('<!-- BEGIN GENERATED: cost -->\nno end', TEMPLATE, REPO)).toThrow(
      /region "cost" has no/,
    );
  });
});

describe('personalizeConfig', () => {
  it('sets the placeholder owner and changes no other byte', () => {
    const text = readFileSync(path.join(ROOT, 'config/dev.json'), 'utf8');
    const result = personalizeConfig(text, TEMPLATE, 'octo-learner');
    expect(result.from).toBe(PLACEHOLDER_OWNER);
    expect(result.text).toBe(text.replace(`"owner": "${PLACEHOLDER_OWNER}"`, '"owner": "octo-learner"'));
  });

  it('keeps an owner the user chose', () => {
    const text = '{\n  "owner": "data-team@example.com"\n}\n';
    expect(personalizeConfig(text, TEMPLATE, 'octo-learner')).toEqual({ text });
  });
});

describe('templateInit on a copy of this repository', () => {
  it('personalizes README and every environment config, then a second run changes no byte', () => {
    const dir = copyOfRepository();
    const before = snapshot(dir);
    const first = templateInit({ root: dir, repository: REPO, template: TEMPLATE });
    expect(first.written).toBe(true);
    expect(first.changes.map((c) => c.file)).toEqual([
      'README.md',
      'README.md',
      'config/dev.json',
      'config/prod.json',
      'config/stage.json',
    ]);
    const after = snapshot(dir);
    const changed = [...after.keys()].filter((f) => after.get(f) !== before.get(f)).sort();
    expect(changed).toEqual(['README.md', 'config/dev.json', 'config/prod.json', 'config/stage.json']);

    // The generated regions are byte for byte what npm run docs wrote.
    const regions = (text: string) =>
      text.match(/<!-- BEGIN GENERATED[\s\S]*?<!-- END GENERATED: [\w.-]+ -->/g);
    const readme = readFileSync(path.join(dir, 'README.md'), 'utf8');
    expect(regions(readme)).toEqual(regions(readFileSync(path.join(ROOT, 'README.md'), 'utf8')));
    expect(readme.startsWith('# my-lake\n')).toBe(true);

    // The personalized configs still load and validate.
    for (const env of ['dev', 'stage', 'prod']) {
      expect(loadEnvironmentConfig(env, path.join(dir, 'config')).owner).toBe('octo-learner');
    }

    const second = templateInit({ root: dir, repository: REPO, template: TEMPLATE });
    expect(second).toEqual({ changes: [], written: false });
    expect(snapshot(dir)).toEqual(after);
  });

  it('--dry-run reports the changes and writes nothing', () => {
    const dir = copyOfRepository();
    const before = snapshot(dir);
    const result = templateInit({ root: dir, repository: REPO, template: TEMPLATE, dryRun: true });
    expect(result.changes.length).toBeGreaterThan(0);
    expect(result.written).toBe(false);
    expect(snapshot(dir)).toEqual(before);
  });

  it('refuses to run in the template itself', () => {
    const dir = copyOfRepository();
    const before = snapshot(dir);
    expect(() =>
      templateInit({ root: dir, repository: parseRepository(T.toUpperCase()), template: TEMPLATE }),
    ).toThrow(TemplateInitError);
    expect(snapshot(dir)).toEqual(before);
  });

  it('rejects a repository that is not OWNER/REPO', () => {
    for (const bad of ['octo', 'octo/', '/lake', 'octo/lake/x', 'octo/..', '-octo/lake']) {
      expect(() => parseRepository(bad), bad).toThrow(/OWNER\/REPO/);
    }
  });
});

describe('the setup-checklist issue body', () => {
  it('links the new repository’s settings and names the variables of every environment', () => {
    const body = renderChecklist({ repository: REPO, template: TEMPLATE, serverUrl: 'https://github.com/' });
    expect(body).toContain(`Welcome to **octo-learner/my-lake**, made from [${T}](https://github.com/${T})`);
    expect(body).toContain('(https://github.com/octo-learner/my-lake/settings/environments)');
    expect(body).toContain('npm run bootstrap -- --env dev');
    for (const env of ['dev', 'stage', 'prod']) {
      expect(body).toMatch(
        new RegExp(`^\\| \`${env}\` \\| \`AWS_ROLE_ARN\`, \`AWS_REGION\`, \`AWS_ACCOUNT_ID\` \\|`, 'm'),
      );
    }
    expect(body).toContain('PROD_AUTO_PROMOTE');
    expect(body).toContain(
      'in [Settings → Pages](https://github.com/octo-learner/my-lake/settings/pages), set **Source** to **GitHub Actions**',
    );
    expect(body.match(/^- \[ \]/gm)?.length).toBeGreaterThanOrEqual(10);
  });
});

describe('npm run template-init (the CLI, against a local GitHub)', () => {
  let fake: FakeGitHubIssues;
  beforeEach(async () => {
    fake = await FakeGitHubIssues.start();
  });
  afterEach(async () => {
    await fake.close();
  });

  const env = () => ({
    GITHUB_REPOSITORY: 'octo-learner/my-lake',
    GITHUB_TOKEN: 'test-token',
    GITHUB_API_URL: fake.url,
  });
  /** The script's main function, run as `npm run template-init` would. */
  const run = (dir: string, ...args: string[]) =>
    runInProcess({ HELP, main: templateInitCommand }, ['--root', dir, ...args], env());

  it('personalizes and opens the checklist once; the second run changes nothing and opens nothing', async () => {
    const dir = copyOfRepository();
    // As a command: its arguments, its environment, its output and its exit status.
    const first = await runScript('template-init', ['--root', dir, '--checklist-issue'], env());
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    expect(first.stdout).toContain('Personalized for octo-learner/my-lake:');
    expect(first.stdout).toContain('config/dev.json: owner "data-engineering-learner" → "octo-learner"');
    expect(first.stdout).toContain(
      'Setup checklist: opened #1 https://github.com/octo-learner/my-lake/issues/1',
    );
    const issues = fake.issuesOf('octo-learner', 'my-lake');
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ title: SETUP_CHECKLIST_TITLE, labels: [SETUP_CHECKLIST_LABEL] });
    expect(issues[0]?.body).toContain('octo-learner/my-lake/settings/environments');

    const after = snapshot(dir);
    const writes = fake.writes().length;
    const second = await run(dir, '--checklist-issue');
    expect(second.status).toBe(0);
    expect(second.stdout).toContain('Already personalized for octo-learner/my-lake: nothing to change.');
    expect(second.stdout).toContain('Setup checklist: already there as #1');
    expect(fake.writes()).toHaveLength(writes);
    expect(fake.issuesOf('octo-learner', 'my-lake')).toHaveLength(1);
    expect(snapshot(dir)).toEqual(after);
  });

  it('finds a closed checklist whose label was removed, by its title, and opens nothing', async () => {
    const dir = copyOfRepository();
    fake.seed('octo-learner', 'my-lake', [
      { title: 'A pull request', pullRequest: true, labels: [] },
      { title: SETUP_CHECKLIST_TITLE, state: 'closed' },
    ]);
    const result = await run(dir, '--checklist-issue');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('Setup checklist: already there as #2');
    expect(fake.writes()).toEqual([]);
  });

  it('without a repository, says how to give one', async () => {
    const dir = mkdtempSync(path.join(scratch, 'empty-'));
    mkdirSync(path.join(dir, 'config'));
    const result = await runInProcess({ HELP, main: templateInitCommand }, ['--root', dir], {}, [
      'GITHUB_REPOSITORY',
    ]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('Pass --repository OWNER/REPO');
  });

  it('--help names every option', async () => {
    const result = await runInProcess({ HELP, main: templateInitCommand }, ['--help']);
    expect(result.status).toBe(0);
    for (const option of ['--repository', '--template', '--dry-run', '--checklist-issue', '--root']) {
      expect(result.stdout).toContain(option);
    }
  });
});
