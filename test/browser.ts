/**
 * Whether this machine can render in a real browser, decided the way the renderer itself finds Chrome or
 * Chromium (lib/diagram/render/browser.ts). Tests that need one run where it exists; elsewhere they are
 * skipped with the reason, which `npm test` prints in its totals line and `.ci/run` (which installs
 * Chromium) counts as a failure.
 */
import type { TestOptions } from 'vitest';
import { findBrowser } from '../lib/diagram/render/browser.ts';

declare module 'vitest' {
  interface TaskMeta {
    /** Why the test was skipped on this machine; scripts/test-all.ts reads it from vitest's JSON report. */
    skipReason?: string;
  }
}

const NO_BROWSER = 'no Chrome/Chromium found: install chromium or set PUPPETEER_EXECUTABLE_PATH';

/** Options for the `describe` of tests that render in a real browser: skipped, saying why, when none is found. */
export function needsBrowser(): TestOptions {
  if (findBrowser().executablePath) return {};
  return { skip: true, meta: { skipReason: NO_BROWSER } };
}
