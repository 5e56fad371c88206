import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { expect } from 'vitest';

interface CfnLintMatch {
  Filename: string;
  Level: 'Error' | 'Warning' | 'Informational';
  Message: string;
  Rule: { Id: string };
  Location: { Start: { LineNumber: number } };
}

/** cfn-lint's errors and warnings for these templates, one line each. */
export function cfnLintProblems(files: readonly string[]): string[] {
  const config = path.resolve(import.meta.dirname, '../.cfnlintrc.yaml');
  const run = spawnSync('cfn-lint', ['--config-file', config, '--format', 'json', '--', ...files], {
    encoding: 'utf8',
  });
  expect(
    run.error,
    'cfn-lint comes with the project virtualenv: run the tests with npm test, which makes .venv',
  ).toBeUndefined();
  const matches = JSON.parse(run.stdout || '[]') as CfnLintMatch[];
  const problems = matches
    .filter((m) => m.Level !== 'Informational')
    .map(
      (m) =>
        `${m.Level} ${m.Rule.Id} ${path.basename(m.Filename)}:${m.Location.Start.LineNumber} ${m.Message}`,
    );
  expect(run.status === 0 || problems.length > 0, run.stderr).toBe(true);
  return problems;
}
