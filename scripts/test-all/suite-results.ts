/** What each test suite reported, read from its machine-readable report, and the totals line of `npm test`. */

export interface SuiteResult {
  readonly name: string;
  readonly passed: number;
  readonly failed: number;
  readonly skipped: number;
  /** Why tests were skipped, each reason once. */
  readonly skipReasons: readonly string[];
}

const NO_REASON = 'no reason given';

interface VitestReport {
  numPassedTests: number;
  numFailedTests: number;
  numFailedTestSuites: number;
  testResults: { assertionResults: { status: string; meta?: { skipReason?: string } }[] }[];
}

/** vitest's JSON report; `exitStatus` counts as one failure when the report shows none. */
export function vitestResult(json: string, exitStatus: number | null): SuiteResult {
  const report = JSON.parse(json) as VitestReport;
  // A test file that fails to load has no failed tests, only a failed suite: count it too.
  const failed = report.numFailedTests + (report.numFailedTests === 0 ? report.numFailedTestSuites : 0);
  const skipped = report.testResults
    .flatMap((file) => file.assertionResults)
    .filter((test) => ['skipped', 'pending', 'todo'].includes(test.status));
  return {
    name: 'vitest',
    passed: report.numPassedTests,
    failed: failed || (exitStatus === 0 ? 0 : 1),
    skipped: skipped.length,
    skipReasons: unique(skipped.map((test) => test.meta?.skipReason ?? NO_REASON)),
  };
}

/** pytest's JUnit XML report (`--junitxml`). */
export function pytestResult(xml: string, exitStatus: number | null): SuiteResult {
  const attribute = (name: string) =>
    Number(xml.match(new RegExp(`<testsuite [^>]*\\b${name}="(\\d+)"`))?.[1] ?? 0);
  const failed = attribute('failures') + attribute('errors');
  const skipped = attribute('skipped');
  const reasons = [...xml.matchAll(/<skipped [^>]*\bmessage="([^"]*)"/g)].map((m) => unescapeXml(m[1] ?? ''));
  return {
    name: 'pytest',
    passed: attribute('tests') - failed - skipped,
    failed: failed || (exitStatus === 0 ? 0 : 1),
    skipped,
    skipReasons: unique(skipped > 0 && reasons.length === 0 ? [NO_REASON] : reasons),
  };
}

/** A suite that did not run to the end, counted as one failure. */
export function crashedResult(name: string): SuiteResult {
  return { name, passed: 0, failed: 1, skipped: 0, skipReasons: [] };
}

/** `N passed, N failed`, with `, N skipped (<reasons>)` only when something was skipped. */
export function totalsLine(results: readonly Omit<SuiteResult, 'name'>[]): string {
  const sum = (count: (r: Omit<SuiteResult, 'name'>) => number) => results.reduce((n, r) => n + count(r), 0);
  const skipped = sum((r) => r.skipped);
  const line = `${sum((r) => r.passed)} passed, ${sum((r) => r.failed)} failed`;
  if (skipped === 0) return line;
  return `${line}, ${skipped} skipped (${unique(results.flatMap((r) => r.skipReasons)).join('; ')})`;
}

const unique = (values: readonly string[]) => [...new Set(values)];

const unescapeXml = (text: string) =>
  text
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&quot;', '"')
    .replaceAll('&apos;', "'")
    .replaceAll('&amp;', '&');
