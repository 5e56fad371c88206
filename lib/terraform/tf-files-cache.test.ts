import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseTfFile } from './tf-files.ts';

const scratch: string[] = [];
const folder = () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'launchpad-hcl-'));
  scratch.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of scratch.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('parsed .tf files, kept by the hash of their text', () => {
  it('parse a file once, then read it from the cache until its text changes', async () => {
    const root = folder();
    const cache = folder();
    writeFileSync(path.join(root, 'main.tf'), 'variable "name" {\n  type = string\n}\n');
    const first = await parseTfFile('main.tf', root, cache);
    // hcl2json wraps every expression in an interpolation.
    expect(first.hcl).toEqual({ variable: { name: [{ type: `\${string}` }] } });
    const [entry] = readdirSync(cache);
    expect(readdirSync(cache)).toHaveLength(1);
    expect(JSON.parse(readFileSync(path.join(cache, entry as string), 'utf8'))).toEqual(first.hcl);

    // The same text again: answered from the cache (an entry changed by hand shows it was read).
    writeFileSync(path.join(cache, entry as string), JSON.stringify({ from: 'cache' }));
    expect((await parseTfFile('main.tf', root, cache)).hcl).toEqual({ from: 'cache' });

    // Another text: parsed, and kept beside the first.
    writeFileSync(path.join(root, 'main.tf'), 'variable "region" {}\n');
    expect((await parseTfFile('main.tf', root, cache)).hcl).toEqual({ variable: { region: [{}] } });
    expect(readdirSync(cache)).toHaveLength(2);
  });

  it('keep nothing of a file that does not parse, and name it in the error', async () => {
    const root = folder();
    const cache = folder();
    writeFileSync(path.join(root, 'broken.tf'), 'variable "name" {\n');
    await expect(parseTfFile('broken.tf', root, cache)).rejects.toThrow(/broken\.tf/);
    expect(readdirSync(cache)).toEqual([]);
  });
});
