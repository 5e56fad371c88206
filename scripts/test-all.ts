// `npm test`: every suite (vitest for TypeScript, pytest for the pipeline's Python), then one totals line.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
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
Needs: npm ci, pip install -r requirements.txt.`;

const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h')) {
  console.log(HELP);
  process.exit(0);
}
const reports = mkdtempSync(path.join(tmpdir(), 'launchpad-test-'));
const results = [runVitest(args), runPytest()];
for (const r of results) console.log(`${r.name}: ${totalsLine([r])}`);
console.log(totalsLine(results));
process.exitCode = results.some((r) => r.failed > 0) ? 1 : 0;

function runVitest(filters: string[]): SuiteResult {
  const report = path.join(reports, 'vitest.json');
  const run = spawnSync(
    'node_modules/.bin/vitest',
    ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...filters],
    { stdio: 'inherit' },
  );
  if (!existsSync(report)) return crashed('vitest', run.status);
  return vitestResult(readFileSync(report, 'utf8'), run.status);
}

function runPytest(): SuiteResult {
  const report = path.join(reports, 'pytest.xml');
  const run = spawnSync('python3', ['-m', 'pytest', '-q', 'pipeline', `--junitxml=${report}`], {
    stdio: 'inherit',
  });
  if (!existsSync(report)) return crashed('pytest', run.status);
  return pytestResult(readFileSync(report, 'utf8'), run.status);
}

function crashed(name: string, status: number | null): SuiteResult {
  console.error(`${name} did not run to the end (exit ${status}); counted as one failure.`);
  return crashedResult(name);
}
