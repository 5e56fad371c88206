import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { synthesizedStacks } from '../test/assembly.ts';

interface CfnLintMatch {
  Filename: string;
  Level: 'Error' | 'Warning' | 'Informational';
  Message: string;
  Rule: { Id: string };
  Location: { Start: { LineNumber: number } };
}

describe('cfn-lint', () => {
  it('passes every synthesized template with no error and no warning', () => {
    const files = synthesizedStacks().map((s) => s.templateFile);
    expect(files.length).toBeGreaterThanOrEqual(3);
    const config = path.resolve(import.meta.dirname, '../.cfnlintrc.yaml');
    const run = spawnSync('cfn-lint', ['--config-file', config, '--format', 'json', '--', ...files], {
      encoding: 'utf8',
    });
    expect(run.error, 'cfn-lint must be installed: pip install -r requirements.txt').toBeUndefined();
    const matches = JSON.parse(run.stdout || '[]') as CfnLintMatch[];
    const problems = matches
      .filter((m) => m.Level !== 'Informational')
      .map(
        (m) =>
          `${m.Level} ${m.Rule.Id} ${path.basename(m.Filename)}:${m.Location.Start.LineNumber} ${m.Message}`,
      );
    expect(problems).toEqual([]);
    expect(run.status).toBe(0);
  });
});
