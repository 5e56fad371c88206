// `npm test`: every suite (vitest for TypeScript, pytest for the pipeline's Python, pytest for the DAG in
// Apache Airflow), then one totals line.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  AIRFLOW_ENV,
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

Runs the TypeScript tests (vitest), the Python tests of pipeline/ (pytest) and the DAG's tests in
Apache Airflow (pytest pipeline/dags, in .venv-airflow), shows each suite's output, and ends with
one line: "<passed> passed, <failed> failed" over all suites, followed by
", <skipped> skipped (<reasons>)" when tests were skipped (e.g. the browser tests on a machine without
Chrome/Chromium). Exits 1 if any test failed or a suite could not run.
Needs: npm ci, and Python 3.11+ (python3, or LAUNCHPAD_PYTHON): the first run makes the project's
virtualenvs (.venv from the pinned requirements.txt, .venv-airflow from pipeline/dags/testing/
requirements.txt, .venv-checkov from requirements-checkov.txt) and later runs refresh each when its pinned
files change.`;

const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h')) {
  console.log(HELP);
  process.exit(0);
}
const reports = mkdtempSync(path.join(tmpdir(), 'launchpad-test-'));
const python = pythonOrNothing(MAIN_ENV);
const airflowPython = pythonOrNothing(AIRFLOW_ENV);
// infra/checkov.test.ts runs checkov from its own virtualenv; without it that test fails and says why.
if (python) virtualEnvOrNothing(CHECKOV_ENV, 'The checkov test cannot run: it will fail.');
// The TypeScript tests start Python tools (moto's server, cfn-lint) as python3: the project's.
const env = { ...process.env, PATH: `${binDir(MAIN_ENV)}${path.delimiter}${process.env.PATH ?? ''}` };
const results = [
  runVitest(args),
  // pipeline/dags needs Airflow, which only .venv-airflow has: the main run leaves it out (pyproject.toml).
  python ? runPytest('pytest', python, ['pipeline']) : crashedResult('pytest'),
  airflowPython
    ? runPytest('pytest-airflow', airflowPython, ['pipeline/dags'])
    : crashedResult('pytest-airflow'),
];
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

/** A virtualenv's Python, made or refreshed first; undefined (and said why) when that cannot be done. */
function pythonOrNothing(venv: VirtualEnv): string | undefined {
  return virtualEnvOrNothing(venv, `The tests of ${venv.purpose} cannot run: counted as one failure.`);
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

function runPytest(name: string, python: string, paths: readonly string[]): SuiteResult {
  const report = path.join(reports, `${name}.xml`);
  const run = spawnSync(python, ['-m', 'pytest', '-q', ...paths, `--junitxml=${report}`], {
    stdio: 'inherit',
    env,
  });
  if (!existsSync(report)) return crashed(name, run.status);
  return { ...pytestResult(readFileSync(report, 'utf8'), run.status), name };
}

function crashed(name: string, status: number | null): SuiteResult {
  console.error(`${name} did not run to the end (exit ${status}); counted as one failure.`);
  return crashedResult(name);
}
