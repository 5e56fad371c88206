import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BootstrapError } from '../../infra/bootstrap/bootstrap-error.ts';
import { parseRepository, repositoryFromRemote, repositoryOfOrigin } from './repository.ts';

describe('repositoryFromRemote', () => {
  it.each([
    ['https://github.com/octo-org/data-launchpad.git', 'octo-org/data-launchpad'],
    ['https://github.com/octo-org/data-launchpad', 'octo-org/data-launchpad'],
    ['https://github.com/Octo-Org/Data.Launchpad/', 'Octo-Org/Data.Launchpad'],
    ['https://x-access-token:ghs_abc@github.com/octo/repo.git', 'octo/repo'],
    ['git@github.com:octo-org/data-launchpad.git', 'octo-org/data-launchpad'],
    ['git@github.com:octo/my_repo', 'octo/my_repo'],
    ['ssh://git@github.com/octo/repo.git', 'octo/repo'],
    ['ssh://git@ssh.github.com:443/octo/repo.git', 'octo/repo'],
  ])('reads %s as %s', (url, repository) => {
    expect(repositoryFromRemote(url)).toBe(repository);
  });

  it.each([
    'https://gitlab.com/octo/repo.git',
    'git@bitbucket.org:octo/repo.git',
    'https://github.com/octo',
    'https://github.com/octo/repo/tree/main',
    'https://github.com/-octo/repo.git',
    '/home/me/repo.git',
  ])('finds no GitHub repository in %s', (url) => {
    expect(repositoryFromRemote(url)).toBeUndefined();
  });
});

describe('parseRepository', () => {
  it('keeps OWNER/REPO as written, since GitHub’s sub claim is compared case by case', () => {
    expect(parseRepository('Octo-Org/Data-Launchpad')).toBe('Octo-Org/Data-Launchpad');
  });

  it.each(['octo', 'octo/repo/extra', 'https://github.com/octo/repo', 'octo/repo.git', 'oc to/repo', ''])(
    'refuses %j with the expected form',
    (text) => {
      expect(() => parseRepository(text)).toThrowError(/--repository must be OWNER\/REPO/);
    },
  );
});

describe('repositoryOfOrigin', () => {
  let dir: string;
  const repo = (origin?: string) => {
    dir = mkdtempSync(path.join(tmpdir(), 'bootstrap-git-'));
    execFileSync('git', ['init', '-q'], { cwd: dir });
    if (origin) execFileSync('git', ['remote', 'add', 'origin', origin], { cwd: dir });
    return dir;
  };
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads the origin remote', () => {
    expect(repositoryOfOrigin(repo('git@github.com:octo-org/data-launchpad.git'))).toBe(
      'octo-org/data-launchpad',
    );
  });

  it('names the fix when there is no origin', () => {
    expect(() => repositoryOfOrigin(repo())).toThrowError(/no git remote "origin".*--repository OWNER\/REPO/);
  });

  it('names the fix when origin is not GitHub, without printing a token in the URL', () => {
    const cwd = repo('https://me:secret-token@gitlab.com/octo/repo.git');
    const run = () => repositoryOfOrigin(cwd);
    expect(run).toThrowError(BootstrapError);
    expect(run).toThrowError(
      /\(https:\/\/\*\*\*@gitlab\.com\/octo\/repo\.git\) is not a github\.com repository/,
    );
    expect(run).not.toThrowError(/secret-token/);
  });
});
