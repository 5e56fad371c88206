import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runScript } from '../test/run-script.ts';
import { buildActions, listActions } from './build-actions/bundle.ts';

describe('the committed action bundles', () => {
  it('match their source (otherwise: npm run build:actions, and commit actions/dist and actions/*/dist)', async () => {
    const report = await buildActions({ write: false });
    expect(report.actions.length).toBeGreaterThanOrEqual(2);
    expect(report.stale).toEqual([]);
  });

  it('every action folder has an action.yml that runs its stub on node24', () => {
    for (const name of listActions()) {
      const metadata = readFileSync(path.resolve('actions', name, 'action.yml'), 'utf8');
      expect(metadata, name).toMatch(/runs:\n\s+using: node24\n\s+main: dist\/index\.js/);
    }
  });
});

describe('npm run build:actions', () => {
  /** Two actions that share lib/where.ts, whose import.meta.dirname must stay its source folder. */
  function sampleActions(): string {
    const dir = mkdtempSync(path.join(tmpdir(), 'actions-'));
    mkdirSync(path.join(dir, 'lib'));
    for (const name of ['hello', 'bye']) {
      mkdirSync(path.join(dir, name));
      writeFileSync(path.join(dir, name, 'action.yml'), `name: ${name}\n`);
      writeFileSync(
        path.join(dir, name, 'main.ts'),
        `import { where } from '../lib/where.ts';\nconsole.log('${name}: data next to ' + where());\n`,
      );
    }
    writeFileSync(
      path.join(dir, 'lib', 'where.ts'),
      'export const where = (): string => import.meta.dirname;\n',
    );
    return dir;
  }
  const run = (dir: string, name: string) =>
    spawnSync(process.execPath, [path.join(dir, name, 'dist', 'index.js')], { encoding: 'utf8' });

  it('shares a chunk between actions, and finds what is stale after the source changed', async () => {
    const dir = sampleActions();
    const first = await buildActions({ write: true, dir });
    expect(first.actions.map((a) => [a.name, a.stale])).toEqual([
      ['bye', true],
      ['hello', true],
    ]);
    const chunks = first.files.filter((f) => /^dist\/chunk-\w+\.js$/.test(f));
    expect(chunks).toHaveLength(1);
    expect(first.files).toEqual(
      expect.arrayContaining(['bye/dist/index.js', 'dist/bye.js', 'dist/hello.js', 'hello/dist/index.js']),
    );
    expect((await buildActions({ write: false, dir })).stale).toEqual([]);

    writeFileSync(path.join(dir, 'lib', 'where.ts'), "export const where = (): string => 'elsewhere';\n");
    writeFileSync(path.join(dir, 'dist', 'chunk-OLD.js'), '');
    const changed = await buildActions({ write: false, dir });
    expect(changed.actions.every((a) => a.stale)).toBe(true);
    expect(changed.stale).toContainEqual({ file: 'dist/chunk-OLD.js', reason: 'no longer built' });
    expect(changed.stale.map((s) => s.reason)).toContain('missing');
    await buildActions({ write: true, dir });
    expect(existsSync(path.join(dir, 'dist', 'chunk-OLD.js'))).toBe(false);
    expect(run(dir, 'bye').stdout.trim()).toBe('bye: data next to elsewhere');
  });

  it("points a shared module's import.meta.dirname at its source folder, not at dist", async () => {
    const dir = sampleActions();
    await buildActions({ write: true, dir });
    expect(run(dir, 'hello').stdout.trim()).toBe(`hello: data next to ${path.join(dir, 'lib')}`);
  });

  it('--check passes on the committed bundles', async () => {
    const check = await runScript('build-actions', ['--check']);
    expect(check.status, check.stderr).toBe(0);
    expect(check.stdout).toMatch(/cost\s+\d+ KiB at start\s+up to date/);
  });
});
