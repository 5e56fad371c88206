import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeCacheFile } from './cache-file.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'launchpad-cache-file-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('writeCacheFile', () => {
  it('writes the file, its folders too, and leaves no temporary file behind', () => {
    const file = path.join(dir, 'a', 'b', 'entry.json');
    writeCacheFile(file, '{"x":1}');
    expect(readFileSync(file, 'utf8')).toBe('{"x":1}');
    expect(readdirSync(path.dirname(file))).toEqual(['entry.json']);
  });

  it('gives up quietly where it cannot write: the work is done again next time', () => {
    // A file where the cache folder should be: its folder cannot be made.
    writeFileSync(path.join(dir, 'blocked'), '');
    expect(() => writeCacheFile(path.join(dir, 'blocked', 'entry.json'), '{}')).not.toThrow();
  });
});
