import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { EOL, tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { JOB_SUMMARY_MAX_BYTES, writeJobSummary } from './job-summary.ts';

let dir: string;
let file: string;
const saved = process.env.GITHUB_STEP_SUMMARY;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'launchpad-summary-'));
  file = path.join(dir, 'step-summary.md');
  writeFileSync(file, '');
  process.env.GITHUB_STEP_SUMMARY = file;
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  if (saved === undefined) delete process.env.GITHUB_STEP_SUMMARY;
  else process.env.GITHUB_STEP_SUMMARY = saved;
});

beforeEach(() => writeFileSync(file, ''));

describe('writeJobSummary', () => {
  it('appends Markdown and a line break to the step summary file', async () => {
    expect(await writeJobSummary('## One')).toEqual({ written: true, path: file, truncated: false });
    await writeJobSummary('## Two');
    expect(readFileSync(file, 'utf8')).toBe(`## One${EOL}## Two${EOL}`);
  });

  it('overwrites when asked', async () => {
    await writeJobSummary('## Old');
    await writeJobSummary('## New', { overwrite: true });
    expect(readFileSync(file, 'utf8')).toBe(`## New${EOL}`);
  });

  it("cuts a summary over GitHub's 1 MiB limit, without splitting a character, and says so", async () => {
    const result = await writeJobSummary('€'.repeat(400_000));
    expect(result.truncated).toBe(true);
    const written = readFileSync(file);
    expect(written.length).toBeLessThanOrEqual(JOB_SUMMARY_MAX_BYTES);
    const text = written.toString('utf8');
    expect(text).not.toContain('\ufffd');
    expect(text).toMatch(/€\n\n> \[!WARNING\]\n> This summary was cut to fit GitHub's 1 MiB limit/);
  });

  it('writes nothing, and says why, outside GitHub Actions', async () => {
    delete process.env.GITHUB_STEP_SUMMARY;
    try {
      expect(await writeJobSummary('## One')).toEqual({
        written: false,
        reason:
          'GITHUB_STEP_SUMMARY is not set (not running in GitHub Actions), so there is no job summary to write.',
      });
    } finally {
      process.env.GITHUB_STEP_SUMMARY = file;
    }
    expect(readFileSync(file, 'utf8')).toBe('');
  });
});
