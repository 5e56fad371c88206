import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runScript } from '../test/run-script.ts';
import { buildActions, listActions } from './build-actions/bundle.ts';

describe('the committed action bundles', () => {
  it('match their source (otherwise: npm run build:actions, and commit actions/*/dist)', async () => {
    const results = await buildActions(listActions(), { write: false });
    expect(results.length).toBeGreaterThanOrEqual(2);
    expect(results.filter((r) => r.stale).map((r) => r.name)).toEqual([]);
  });

  it('every action folder has an action.yml that runs its bundle on node24', () => {
    for (const name of listActions()) {
      const metadata = readFileSync(path.resolve('actions', name, 'action.yml'), 'utf8');
      expect(metadata, name).toMatch(/runs:\n\s+using: node24\n\s+main: dist\/index\.js/);
    }
  });
});

describe('npm run build:actions', () => {
  function sampleActions(): string {
    const dir = mkdtempSync(path.join(tmpdir(), 'actions-'));
    mkdirSync(path.join(dir, 'hello'));
    mkdirSync(path.join(dir, 'lib'));
    writeFileSync(path.join(dir, 'hello', 'action.yml'), 'name: hello\n');
    writeFileSync(
      path.join(dir, 'hello', 'main.ts'),
      "import { where } from '../lib/where.ts';\nconsole.log('data next to ' + where());\n",
    );
    writeFileSync(
      path.join(dir, 'lib', 'where.ts'),
      'export const where = (): string => import.meta.dirname;\n',
    );
    return dir;
  }

  it('lists only folders with an action.yml, and finds a stale bundle after its source changed', async () => {
    const dir = sampleActions();
    expect(listActions(dir)).toEqual(['hello']);
    expect((await buildActions(['hello'], { write: true, dir }))[0]?.stale).toBe(true);
    expect((await buildActions(['hello'], { write: false, dir }))[0]?.stale).toBe(false);
    writeFileSync(path.join(dir, 'lib', 'where.ts'), "export const where = (): string => 'elsewhere';\n");
    expect((await buildActions(['hello'], { write: false, dir }))[0]?.stale).toBe(true);
  });

  it("points a module's import.meta.dirname at its source folder, not at dist", async () => {
    const dir = sampleActions();
    await buildActions(['hello'], { write: true, dir });
    const { stdout } = await import('node:child_process').then(({ spawnSync }) =>
      spawnSync(process.execPath, [path.join(dir, 'hello', 'dist', 'index.js')], { encoding: 'utf8' }),
    );
    expect(stdout.trim()).toBe(`data next to ${path.join(dir, 'lib')}`);
  });

  it('--check passes on the committed bundles', async () => {
    const run = await runScript('build-actions', ['--check']);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/cost\s+\d+ KiB\s+up to date/);
  });
});
