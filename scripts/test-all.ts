// `npm test`: every suite (vitest for TypeScript, pytest for the pipeline's Python), then one totals line.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const HELP = `Usage: npm test [-- <vitest filter>...]

Runs the TypeScript tests (vitest) and the Python tests of pipeline/ (pytest), shows each suite's
output, and ends with one line: "<passed> passed, <failed> failed" over all suites.
Exits 1 if any test failed or a suite could not run. Needs: npm ci, pip install -r requirements.txt.`;

interface SuiteResult {
  readonly name: string;
  readonly passed: number;
  readonly failed: number;
}

const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h')) {
  console.log(HELP);
  process.exit(0);
}
const reports = mkdtempSync(path.join(tmpdir(), 'launchpad-test-'));
const results = [runVitest(args), runPytest()];
const passed = results.reduce((n, r) => n + r.passed, 0);
const failed = results.reduce((n, r) => n + r.failed, 0);
for (const r of results) console.log(`${r.name}: ${r.passed} passed, ${r.failed} failed`);
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 ? 1 : 0;

function runVitest(filters: string[]): SuiteResult {
  const report = path.join(reports, 'vitest.json');
  const run = spawnSync(
    'node_modules/.bin/vitest',
    ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...filters],
    { stdio: 'inherit' },
  );
  if (!existsSync(report)) return crashed('vitest', run.status);
  const json = JSON.parse(readFileSync(report, 'utf8')) as {
    numPassedTests: number;
    numFailedTests: number;
    numFailedTestSuites: number;
  };
  // A test file that fails to load has no failed tests, only a failed suite: count it too.
  const failed = json.numFailedTests + (json.numFailedTests === 0 ? json.numFailedTestSuites : 0);
  return { name: 'vitest', passed: json.numPassedTests, failed: failed || (run.status === 0 ? 0 : 1) };
}

function runPytest(): SuiteResult {
  const report = path.join(reports, 'pytest.xml');
  const run = spawnSync('python3', ['-m', 'pytest', '-q', 'pipeline', `--junitxml=${report}`], {
    stdio: 'inherit',
  });
  if (!existsSync(report)) return crashed('pytest', run.status);
  const xml = readFileSync(report, 'utf8');
  const attribute = (name: string) =>
    Number(xml.match(new RegExp(`<testsuite [^>]*\\b${name}="(\\d+)"`))?.[1] ?? 0);
  const failed = attribute('failures') + attribute('errors');
  const passed = attribute('tests') - failed - attribute('skipped');
  return { name: 'pytest', passed, failed: failed || (run.status === 0 ? 0 : 1) };
}

function crashed(name: string, status: number | null): SuiteResult {
  console.error(`${name} did not run to the end (exit ${status}); counted as one failure.`);
  return { name, passed: 0, failed: 1 };
}
