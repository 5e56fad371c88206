import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { assemblyDir } from '../../test/assembly.ts';
import { runAction } from '../../test/run-action.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** A checkout with the committed docs and the given README, as a git repository of its own. */
function checkout(readme: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'docs-action-'));
  writeFileSync(path.join(dir, 'README.md'), readme);
  cpSync(path.join(ROOT, 'docs'), path.join(dir, 'docs'), { recursive: true });
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, encoding: 'utf8' }).trim();
  git('init', '--quiet');
  git('-c', 'user.name=t', '-c', 'user.email=t@example.com', 'add', '.');
  git('-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '--quiet', '-m', 'start');
  return dir;
}

describe('the docs action (bundled dist)', () => {
  it('repairs a stale README region, commits it as the Actions bot, and then finds nothing to do', async () => {
    const original = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const stale = original.replace(
      /(<!-- BEGIN GENERATED: cost -->)[\s\S]*?(<!-- END GENERATED: cost -->)/,
      '$1\nold numbers\n$2',
    );
    expect(stale).not.toBe(original);
    const dir = checkout(stale);
    const readme = path.join(dir, 'README.md');
    const env = { GITHUB_WORKSPACE: dir, GITHUB_SHA: 'abcdef1234567890' };
    const inputs = { assembly: assemblyDir(), renderer: 'embedded', commit: 'true' };

    const first = await runAction('docs', inputs, env);
    expect(first.status, first.stdout + first.stderr).toBe(0);
    expect(first.outputs.changed).toBe('true');
    expect(JSON.parse(first.outputs.files ?? '[]')).toEqual(['README.md']);
    expect(readFileSync(readme, 'utf8')).toBe(original);
    const log = execFileSync('git', ['log', '-1', '--format=%an|%s|%H'], {
      cwd: dir,
      encoding: 'utf8',
    }).trim();
    expect(log).toBe(`github-actions[bot]|docs: regenerate from abcdef1|${first.outputs['commit-sha']}`);
    expect(first.summary).toContain('Regenerated 1 file');

    const second = await runAction('docs', inputs, env);
    expect(second.status).toBe(0);
    expect(second.outputs.changed).toBe('false');
    expect(second.outputs['commit-sha']).toBe('');
    expect(second.summary).toContain('Already up to date');
  });

  it('draws a missing diagram with the embedded renderer, loaded from node_modules', async () => {
    const dir = checkout(readFileSync(path.join(ROOT, 'README.md'), 'utf8'));
    for (const ext of ['mmd', 'svg', 'png']) rmSync(path.join(dir, `docs/diagrams/delivery.${ext}`));
    const run = await runAction(
      'docs',
      { assembly: assemblyDir(), renderer: 'embedded', commit: 'false' },
      { GITHUB_WORKSPACE: dir },
    );
    expect(run.status, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toMatch(/render .* 1 rendered, \d+ unchanged/);
    expect(readFileSync(path.join(dir, 'docs/diagrams/delivery.svg'), 'utf8')).toContain('<svg');
    expect(readFileSync(path.join(dir, 'docs/diagrams/delivery.png')).subarray(1, 4).toString()).toBe('PNG');
  });

  it('names the allowed renderers when given another', async () => {
    const run = await runAction('docs', { assembly: assemblyDir(), renderer: 'paint', commit: 'false' });
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('::error::Input renderer is "paint": use auto, mermaid-cli, embedded.');
  });
});
