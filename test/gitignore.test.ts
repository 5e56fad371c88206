import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const GITIGNORE = readFileSync(path.resolve(import.meta.dirname, '../.gitignore'), 'utf8');

/** The paths of `candidates` that git ignores in a fresh repository holding this .gitignore text. */
function ignored(gitignore: string, ...candidates: string[]): string[] {
  const dir = mkdtempSync(path.join(tmpdir(), 'launchpad-gitignore-'));
  try {
    const env = { ...process.env, GIT_CONFIG_NOSYSTEM: '1', HOME: dir };
    spawnSync('git', ['init', '--quiet'], { cwd: dir, env });
    writeFileSync(path.join(dir, '.gitignore'), gitignore);
    const run = spawnSync('git', ['check-ignore', '--no-index', ...candidates], {
      cwd: dir,
      encoding: 'utf8',
      env,
    });
    return run.stdout.split('\n').filter(Boolean);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('.gitignore', () => {
  it('keeps local secrets out: .env and its variants, but not an example file', () => {
    expect(ignored(GITIGNORE, '.env', '.env.local', 'config/.env', '.env.example')).toEqual([
      '.env',
      '.env.local',
      'config/.env',
    ]);
  });

  it('says cdk-outputs/ holds the account id, and its commented line keeps the folder out once uncommented', () => {
    expect(GITIGNORE).toMatch(/cdk-outputs\/<env>\.json[\s\S]*account\s*(# )?id[\s\S]*public repository/);
    expect(ignored(GITIGNORE, 'cdk-outputs/dev.json')).toEqual([]);
    const switched = GITIGNORE.replace(/^# cdk-outputs\/$/m, 'cdk-outputs/');
    expect(switched).not.toBe(GITIGNORE);
    expect(ignored(switched, 'cdk-outputs/dev.json')).toEqual(['cdk-outputs/dev.json']);
  });
});
