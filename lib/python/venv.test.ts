import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ensureVirtualEnv, PythonSetupError, pythonOf, type VirtualEnv } from './venv.ts';

const root = mkdtempSync(path.join(tmpdir(), 'launchpad-venv-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

// Pins nothing from PyPI, so the test needs no network: what is checked is when the virtualenv is made.
const ENV: VirtualEnv = { dir: '.venv', requirements: ['requirements.txt'], purpose: 'a test' };
writeFileSync(path.join(root, 'requirements.txt'), '# tools\n-r base.txt\n-c locked.txt\n');
writeFileSync(path.join(root, 'base.txt'), '# nothing pinned yet\n');
writeFileSync(path.join(root, 'locked.txt'), '# no constraints yet\n');

const ensure = () => {
  const lines: string[] = [];
  const python = ensureVirtualEnv(ENV, { root, onProgress: (line) => lines.push(line) });
  return { python, lines };
};

describe('ensureVirtualEnv', () => {
  it('makes the virtualenv once, refreshes it when a pinned file changes, included and constraint files too', () => {
    const first = ensure();
    expect(first.python).toBe(pythonOf(ENV, root));
    expect(existsSync(first.python)).toBe(true);
    expect(first.lines[0]).toMatch(
      /^Python: creating \.venv for a test with python3 \(Python 3\.\d+\.\d+\) from requirements\.txt/,
    );
    expect(first.lines.at(-1)).toMatch(/^Python: \.venv is ready \(\d+ s\)\.$/);

    expect(ensure().lines).toEqual([]);

    writeFileSync(path.join(root, 'base.txt'), '# nothing pinned yet, said again\n');
    expect(ensure().lines[0]).toBe('Python: requirements.txt changed, refreshing .venv ...');
    expect(ensure().lines).toEqual([]);

    writeFileSync(path.join(root, 'locked.txt'), '# no constraints yet, said again\n');
    expect(ensure().lines[0]).toBe('Python: requirements.txt changed, refreshing .venv ...');
    expect(ensure().lines).toEqual([]);
  });

  it('names the fix when Python is missing or too old', () => {
    const missing = (() => {
      try {
        ensureVirtualEnv({ ...ENV, dir: '.venv-missing' }, { root, basePython: '/nowhere/python3' });
      } catch (error) {
        return error;
      }
    })();
    expect(missing).toBeInstanceOf(PythonSetupError);
    expect((missing as Error).message).toMatch(
      /No Python found at "\/nowhere\/python3": install Python 3\.11 or newer/,
    );

    const old = path.join(root, 'python3.9');
    writeFileSync(old, '#!/bin/sh\necho "Python 3.9.18"\n');
    chmodSync(old, 0o755);
    expect(() => ensureVirtualEnv({ ...ENV, dir: '.venv-old' }, { root, basePython: old })).toThrow(
      /is Python 3\.9\.18; the pipeline code needs Python 3\.11 or newer\. Install one and set LAUNCHPAD_PYTHON to it\./,
    );
  });

  it('says which pinned file is missing', () => {
    expect(() =>
      ensureVirtualEnv({ ...ENV, dir: '.venv-lost', requirements: ['lost.txt'] }, { root }),
    ).toThrow('lost.txt does not exist: .venv-lost is made from it. Restore it from git.');
  });
});
