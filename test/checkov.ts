import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { expect } from 'vitest';
import { binDir, CHECKOV_ENV } from '../lib/python/venv.ts';

interface CheckovCheck {
  check_id: string;
  check_name: string;
  file_path: string;
  resource: string;
  check_result: { result: string; suppress_comment?: string };
}

interface CheckovReport {
  check_type: string;
  results: { failed_checks: CheckovCheck[]; skipped_checks?: CheckovCheck[] };
  summary: { passed: number; failed: number; skipped: number; parsing_errors: number };
}

export interface CheckovResult {
  /** Failed checks, one line each: `CKV_AWS_117 <template> AWS::Lambda::Function.Logical: <check name>`. */
  readonly failed: string[];
  /** Checks acknowledged in the templates' `Metadata.checkov.skip`, with their reasons. */
  readonly skipped: { readonly check: string; readonly reason: string }[];
  readonly passed: number;
  /** Seconds the one checkov run took. */
  readonly seconds: number;
}

export interface CheckovOptions {
  /** @default 'cloudformation' */
  readonly framework?: 'cloudformation' | 'terraform';
  /** Scan this folder (Terraform: its modules and examples) instead of `files`. */
  readonly directory?: string;
  /** Checks not run at all (`--skip-check`). @default - none */
  readonly skipChecks?: readonly string[];
}

/**
 * checkov's CloudFormation (or Terraform) checks over these templates, in one run (checkov starts in ~2 s; one
 * run per template would multiply that). Nothing is downloaded: checkov's rules ship in the package.
 */
export function checkov(files: readonly string[], options: CheckovOptions = {}): CheckovResult {
  const framework = options.framework ?? 'cloudformation';
  const started = performance.now();
  const run = spawnSync(
    path.join(binDir(CHECKOV_ENV), 'checkov'),
    [
      '--framework',
      framework,
      '--output',
      'json',
      '--skip-download',
      '--compact',
      ...files.flatMap((f) => ['--file', f]),
      ...(options.directory ? ['--directory', options.directory] : []),
      ...(options.skipChecks?.length ? ['--skip-check', options.skipChecks.join(',')] : []),
    ],
    // Its JSON lists every passed check too: a few MB for this app.
    { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, env: { ...process.env, LOG_LEVEL: 'WARNING' } },
  );
  const seconds = (performance.now() - started) / 1000;
  expect(
    run.error,
    `checkov comes with its own virtualenv, ${CHECKOV_ENV.dir}: run the tests with npm test, which makes it from ${CHECKOV_ENV.requirements.join(', ')}`,
  ).toBeUndefined();
  expect([0, 1], `checkov failed to run:\n${run.stderr}`).toContain(run.status);
  const reports = [JSON.parse(run.stdout) as CheckovReport | CheckovReport[]].flat();
  expect(reports.map((r) => r.check_type)).toEqual([framework]);
  const [report] = reports as [CheckovReport];
  expect(report.summary.parsing_errors, run.stderr).toBe(0);
  const where = (c: CheckovCheck) => `${c.check_id} ${c.file_path} ${c.resource}`;
  return {
    failed: report.results.failed_checks.map((c) => `${where(c)}: ${c.check_name}`),
    skipped: (report.results.skipped_checks ?? []).map((c) => ({
      check: where(c),
      reason: c.check_result.suppress_comment ?? '',
    })),
    passed: report.summary.passed,
    seconds,
  };
}
