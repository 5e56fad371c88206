import { describe, expect, it } from 'vitest';
import { crashedResult, pytestResult, totalsLine, vitestResult } from './suite-results.ts';

/** The shape of vitest's JSON report, trimmed to what is read. */
function vitestReport(statuses: { status: string; skipReason?: string }[], failedSuites = 0): string {
  return JSON.stringify({
    numPassedTests: statuses.filter((s) => s.status === 'passed').length,
    numFailedTests: statuses.filter((s) => s.status === 'failed').length,
    numFailedTestSuites: failedSuites,
    testResults: [
      {
        assertionResults: statuses.map(({ status, skipReason }) => ({
          status,
          meta: skipReason ? { skipReason } : {},
        })),
      },
    ],
  });
}

const NO_BROWSER = 'no Chrome/Chromium found';

describe('the totals line of npm test', () => {
  it('is "N passed, N failed" when nothing was skipped', () => {
    const vitest = vitestResult(vitestReport([{ status: 'passed' }, { status: 'failed' }]), 1);
    expect(vitest).toMatchObject({ passed: 1, failed: 1, skipped: 0 });
    expect(totalsLine([vitest])).toBe('1 passed, 1 failed');
  });

  it('adds the skipped tests with each reason once', () => {
    const vitest = vitestResult(
      vitestReport([
        { status: 'passed' },
        { status: 'skipped', skipReason: NO_BROWSER },
        { status: 'skipped', skipReason: NO_BROWSER },
        { status: 'skipped' },
      ]),
      0,
    );
    expect(totalsLine([vitest])).toBe(`1 passed, 0 failed, 3 skipped (${NO_BROWSER}; no reason given)`);
  });

  it('sums the suites, pytest read from its JUnit XML', () => {
    const xml =
      '<?xml version="1.0" encoding="utf-8"?><testsuites><testsuite name="pytest" errors="1" failures="1" skipped="1" tests="10" time="3.1">' +
      '<testcase name="a"><skipped type="pytest.skip" message="no python3.10 on this machine (Glue 4.0&apos;s Python)">x</skipped></testcase>' +
      '</testsuite></testsuites>';
    const pytest = pytestResult(xml, 1);
    expect(pytest).toEqual({
      name: 'pytest',
      passed: 7,
      failed: 2,
      skipped: 1,
      skipReasons: ["no python3.10 on this machine (Glue 4.0's Python)"],
    });
    const vitest = vitestResult(
      vitestReport([{ status: 'passed' }, { status: 'skipped', skipReason: NO_BROWSER }]),
      0,
    );
    expect(totalsLine([vitest, pytest])).toBe(
      `8 passed, 2 failed, 2 skipped (${NO_BROWSER}; no python3.10 on this machine (Glue 4.0's Python))`,
    );
  });

  it('counts a test file that did not load, a failed exit with no failed test, and a crash as failures', () => {
    expect(vitestResult(vitestReport([{ status: 'passed' }], 2), 1).failed).toBe(2);
    expect(vitestResult(vitestReport([{ status: 'passed' }]), 1).failed).toBe(1);
    expect(totalsLine([crashedResult('pytest')])).toBe('0 passed, 1 failed');
  });
});
