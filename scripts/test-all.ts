// `npm test`: every suite (vitest for TypeScript, pytest for the pipeline's Python), then one totals line.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  binDir,
  CHECKOV_ENV,
  ensureVirtualEnv,
  MAIN_ENV,
  PythonSetupError,
  type VirtualEnv,
} from '../lib/python/venv.ts';
import {
  crashedResult,
  pytestResult,
  type SuiteResult,
  totalsLine,
  vitestResult,
} from './test-all/suite-results.ts';

const HELP = `Usage: npm test [-- <vitest filter>...]

Runs the TypeScript tests (vitest) and the Python tests of pipeline/ (pytest), shows each suite's
output, and ends with one line: "<passed> passed, <failed> failed" over all suites, followed by
", <skipped> skipped (<reasons>)" when tests were skipped (e.g. the browser tests on a machine without
Chrome/Chromium). Exits 1 if any test failed or a suite could not run.
Needs: npm ci, and Python 3.11+ (python3, or LAUNCHPAD_PYTHON): the first run makes the project's
virtualenvs (.venv from the pinned requirements.txt, .venv-checkov from requirements-checkov.txt) and later
runs refresh them when those files change.`;

const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h')) {
  console.log(HELP);
  process.exit(0);
}
const reports = mkdtempSync(path.join(tmpdir(), 'launchpad-test-'));
const python = pythonOrNothing();
// infra/checkov.test.ts runs checkov from its own virtualenv; without it that test fails and says why.
if (python) virtualEnvOrNothing(CHECKOV_ENV, 'The checkov test cannot run: it will fail.');
// The TypeScript tests start Python tools (moto's server, cfn-lint) as python3: the project's.
const env = { ...process.env, PATH: `${binDir(MAIN_ENV)}${path.delimiter}${process.env.PATH ?? ''}` };
const results = [runVitest(args), python ? runPytest(python) : crashedResult('pytest')];
for (const r of results) console.log(`${r.name}: ${totalsLine([r])}`);
console.log(totalsLine(results));
process.exitCode = results.some((r) => r.failed > 0) ? 1 : 0;

function runVitest(filters: string[]): SuiteResult {
  const report = path.join(reports, 'vitest.json');
  const run = spawnSync(
    'node_modules/.bin/vitest',
    ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...filters],
    { stdio: 'inherit', env },
  );
  if (!existsSync(report)) return crashed('vitest', run.status);
  return vitestResult(readFileSync(report, 'utf8'), run.status);
}

/** The project's Python, made or refreshed first; undefined (and said why) when that cannot be done. */
function pythonOrNothing(): string | undefined {
  return virtualEnvOrNothing(MAIN_ENV, 'The Python tests cannot run: counted as one failure.');
}

function virtualEnvOrNothing(venv: VirtualEnv, consequence: string): string | undefined {
  try {
    return ensureVirtualEnv(venv);
  } catch (error) {
    if (!(error instanceof PythonSetupError)) throw error;
    console.error(`${error.message}\n${consequence}`);
    return undefined;
  }
}

function runPytest(python: string): SuiteResult {
  const report = path.join(reports, 'pytest.xml');
  const run = spawnSync(python, ['-m', 'pytest', '-q', 'pipeline', `--junitxml=${report}`], {
    stdio: 'inherit',
    env,
  });
  if (!existsSync(report)) return crashed('pytest', run.status);
  return pytestResult(readFileSync(report, 'utf8'), run.status);
}

function crashed(name: string, status: number | null): SuiteResult {
  console.error(`${name} did not run to the end (exit ${status}); counted as one failure.`);
  return crashedResult(name);
}
