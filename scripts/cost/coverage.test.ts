import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { runMain } from '../run-cli.ts';
import { coverage, HELP } from './coverage.ts';

async function run(args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const spies = [
    vi.spyOn(console, 'log').mockImplementation((...p: unknown[]) => void out.push(p.join(' '))),
    vi.spyOn(console, 'error').mockImplementation((...p: unknown[]) => void err.push(p.join(' '))),
  ];
  try {
    const status = await runMain(HELP, coverage, args);
    return { status, stdout: out.join('\n'), stderr: err.join('\n') };
  } finally {
    for (const spy of spies) spy.mockRestore();
  }
}

describe('npm run cost:coverage', () => {
  it('prints the shares of a folder, with progress on stderr, or the report as JSON', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'launchpad-coverage-cli-'));
    writeFileSync(path.join(dir, 'a.yaml'), 'Resources:\n  Role:\n    Type: AWS::IAM::Role\n');
    const text = await run([dir]);
    expect(text.status).toBe(0);
    expect(text.stdout).toContain('Templates fully covered: 100.0 % (1 of 1 read)');
    expect(text.stderr).toBe('Read 1 of 1 templates ...');
    const json = await run([dir, '--json']);
    expect(JSON.parse(json.stdout).resources).toEqual({ total: 1, priced: 0, free: 1 });
  });

  it('explains a missing folder, a bad --top, and shows --help', async () => {
    expect(await run([])).toMatchObject({ status: 1, stderr: expect.stringContaining('give one folder') });
    expect(await run(['/no/such/dir'])).toMatchObject({
      status: 1,
      stderr: expect.stringContaining('no such folder'),
    });
    expect(await run([tmpdir(), '--top', 'x'])).toMatchObject({
      status: 1,
      stderr: expect.stringContaining('--top'),
    });
    expect((await run(['--help'])).stdout).toContain('Usage: npm run cost:coverage');
  });
});
