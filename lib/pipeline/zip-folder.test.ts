import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { zipFolder } from './zip-folder.ts';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'zip-folder-'));
  mkdirSync(path.join(dir, 'lambdas', '__pycache__'), { recursive: true });
  mkdirSync(path.join(dir, 'glue'));
  mkdirSync(path.join(dir, '.venv-airflow', 'bin'), { recursive: true });
  writeFileSync(path.join(dir, '.venv-airflow', 'bin', 'python'), 'a virtualenv, not source');
  writeFileSync(path.join(dir, 'lambdas', 'ingest.py'), 'def handler(e, c):\n    return e\n'.repeat(50));
  writeFileSync(path.join(dir, 'lambdas', '__pycache__', 'ingest.cpython-311.pyc'), 'cache');
  writeFileSync(path.join(dir, 'glue', 'raw_to_clean.py'), '# é, ünïcode\n');
  writeFileSync(path.join(dir, 'tiny.bin'), Buffer.from([1]));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Python's zipfile reads the archive back and checks every CRC: an independent reader, not ours. */
function readWithPython(zip: Buffer): Record<string, string> {
  const file = path.join(dir, '..', `${path.basename(dir)}.zip`);
  writeFileSync(file, zip);
  const script =
    'import json,sys,zipfile\nz=zipfile.ZipFile(sys.argv[1])\nassert z.testzip() is None\nprint(json.dumps({i.filename: z.read(i).decode("utf-8") for i in z.infolist()}))';
  try {
    return JSON.parse(execFileSync('python3', ['-c', script, file], { encoding: 'utf8' }));
  } finally {
    rmSync(file, { force: true });
  }
}

describe('zipFolder', () => {
  it('writes a zip that another reader opens, with the folder at its root and caches left out', () => {
    const { zip, files } = zipFolder(dir);
    expect(files).toBe(3);
    const read = readWithPython(zip);
    expect(Object.keys(read)).toEqual(['glue/raw_to_clean.py', 'lambdas/ingest.py', 'tiny.bin']);
    expect(read['glue/raw_to_clean.py']).toBe('# é, ünïcode\n');
    expect(read['lambdas/ingest.py']).toBe('def handler(e, c):\n    return e\n'.repeat(50));
    // Deflated where that helps: 50 repeated lines shrink far below their size.
    expect(zip.length).toBeLessThan(32 * 50);
  });

  it('gives the same bytes for the same files, so a retried upload can recognise itself', () => {
    expect(zipFolder(dir).zip.equals(zipFolder(dir).zip)).toBe(true);
  });

  // Failed before: a repository where npm run tofu:install had built tools/tofu/tofu (gitignored, 110 MiB)
  // zipped it too, a 37 MiB artifact instead of 2.
  it('in a git work tree, holds what git would commit: tracked and new files, nothing it ignores', () => {
    const repo = mkdtempSync(path.join(tmpdir(), 'zip-folder-git-'));
    try {
      execFileSync('git', ['init', '-q'], { cwd: repo });
      mkdirSync(path.join(repo, 'tools', 'tofu'), { recursive: true });
      mkdirSync(path.join(repo, 'pipeline'));
      writeFileSync(path.join(repo, '.gitignore'), 'tools/tofu/\n*.log\n');
      writeFileSync(path.join(repo, 'tools', 'tofu', 'tofu'), Buffer.alloc(4096, 1));
      writeFileSync(path.join(repo, 'build.log'), 'a log');
      writeFileSync(path.join(repo, 'pipeline', 'job.py'), 'print(1)\n');
      writeFileSync(path.join(repo, 'tracked.txt'), 'committed\n');
      execFileSync('git', ['add', 'tracked.txt', '.gitignore'], { cwd: repo });
      const read = readWithPython(zipFolder(repo).zip);
      expect(Object.keys(read)).toEqual(['.gitignore', 'pipeline/job.py', 'tracked.txt']);
      // Failed before: a folder git ignores as a whole (a build output given as source-path) zipped to nothing.
      expect(Object.keys(readWithPython(zipFolder(path.join(repo, 'tools', 'tofu')).zip))).toEqual(['tofu']);
    } finally {
      rmSync(repo, { recursive: true, force: true });
    }
  });
});
