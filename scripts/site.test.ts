import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runInProcess } from '../test/run-in-process.ts';
import { HELP, site as siteCommand } from './site/command.ts';

const site = (args: string[]) => runInProcess({ HELP, main: siteCommand }, args, {});

describe('npm run site', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'site-cli-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('lists its options in its help', async () => {
    const run = await site(['--help']);
    expect(run.status).toBe(0);
    for (const option of ['--out <dir>', '--source-url <url>', '-h, --help'])
      expect(run.stdout).toContain(option);
  });

  it('writes the site where --out says, linking other files to --source-url', async () => {
    const out = path.join(dir, 'site');
    const run = await site(['--out', out, '--source-url', 'https://github.com/o/r/blob/main/']);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(
      /^Site written to .*site\/: \d+ pages, \d+ pictures and data files \(\d+\.\d\d s\)\.$/m,
    );
    expect(existsSync(path.join(out, 'index.html'))).toBe(true);
    expect(readFileSync(path.join(out, 'index.html'), 'utf8')).toContain(
      'href="https://github.com/o/r/blob/main/requirements.txt"',
    );
  });

  it('refuses a --source-url that is not a folder URL, and an --out that would empty the repository', async () => {
    const bad = await site(['--source-url', 'github.com/o/r']);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(
      /^--source-url must be an http\(s\) URL ending in \/, such as https:\/\/github\.com\//,
    );
    const root = await site(['--out', '.']);
    expect(root.status).toBe(1);
    expect(root.stderr).toMatch(
      /^--out \. would empty the repository; name a folder of its own, such as _site\./,
    );
  });
});
