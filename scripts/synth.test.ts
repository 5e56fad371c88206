import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runInProcess } from '../test/run-in-process.ts';
import { runScript } from '../test/run-script.ts';
import { HELP, synth as synthCommand } from './synth/command.ts';

/** The script's main function, run as `npm run synth` would: no credentials anywhere, synth must not need them. */
const synth = (args: string[]) => runInProcess({ HELP, main: synthCommand }, args);

describe('npm run synth', () => {
  it('synthesizes an environment offline and prints one line per stack', async () => {
    const out = mkdtempSync(path.join(tmpdir(), 'launchpad-synth-'));
    const run = await synth(['--env', 'dev', '--out', out]);
    // CDK reports each Lambda and Glue asset it bundles on stderr; nothing else may appear there.
    expect(run.stderr.split('\n').filter((line) => line && !line.startsWith('Bundling asset '))).toEqual([]);
    expect(run.status).toBe(0);
    for (const phase of ['foundation', 'ingestion', 'processing', 'analytics', 'orchestration', 'delivery']) {
      const line = new RegExp(
        `^dev/${phase}\\s+launchpad-dev-${phase}\\s+\\d+ resources\\s+0 nag errors, 0 warnings$`,
        'm',
      );
      expect(run.stdout).toMatch(line);
    }
    expect(run.stdout).toMatch(/^6 stacks in [\d.]+ s: 0 errors, 0 warnings\.$/m);
  });

  it('explains itself with --help', async () => {
    const run = await synth(['--help']);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/Usage: npm run synth -- \[--env <name>\]/);
  });

  it('names the missing environment file and the ones that exist', async () => {
    const run = await synth(['--env', 'qa']);
    expect(run.status).toBe(1);
    expect(run.stderr.trim()).toBe(
      '--env "qa": there is no config/qa.json (environments: dev, stage, prod); pass one of those, or copy config/dev.json to config/qa.json to add it. Nothing was written.',
    );
    expect(run.stderr).not.toMatch(/\s+at /);
  });

  it('rejects an unknown option with the usage', async () => {
    // As a command: its arguments, its error output and its exit status.
    const run = await runScript('synth', ['--environment', 'dev']);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/Unknown option '--environment'[\s\S]*Usage: npm run synth/);
  });
});
