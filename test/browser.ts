/**
 * Whether this machine can render with mermaid-cli: the package installed (npm run mermaid-cli:install) and a
 * Chrome/Chromium found, both decided the way the renderer itself decides (lib/diagram/render/). Tests that
 * need them run where they exist; elsewhere they are skipped with the reason, which `npm test` prints in its
 * totals line and `.ci/run` (which installs both) counts as a failure.
 */

import { rm } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { TestOptions } from 'vitest';
import { browserArgs, findBrowser, newProfileDir } from '../lib/diagram/render/browser.ts';
import {
  MERMAID_CLI_DIR,
  MERMAID_CLI_INSTALL,
  mermaidCliInstalled,
} from '../lib/diagram/render/mermaid-cli-package.ts';

declare module 'vitest' {
  interface TaskMeta {
    /** Why the test was skipped on this machine; scripts/test-all.ts reads it from vitest's JSON report. */
    skipReason?: string;
  }
}

const NO_BROWSER = 'no Chrome/Chromium found: install chromium or set PUPPETEER_EXECUTABLE_PATH';
const NO_MERMAID_CLI = `mermaid-cli is not installed: ${MERMAID_CLI_INSTALL}`;

const skipped = (reason: string): TestOptions => ({ skip: true, meta: { skipReason: reason } });

/** Options for tests that use mermaid-cli's packages (Mermaid's parser, puppeteer): skipped where not installed. */
export function needsMermaidCli(): TestOptions {
  return mermaidCliInstalled() ? {} : skipped(NO_MERMAID_CLI);
}

/** Options for the `describe` of tests that render in a real browser: skipped, saying why, when they cannot. */
export function needsBrowser(): TestOptions {
  if (!mermaidCliInstalled()) return skipped(NO_MERMAID_CLI);
  return findBrowser().executablePath ? {} : skipped(NO_BROWSER);
}

/**
 * Headless Chromium started as the mermaid-cli renderer starts it (its puppeteer, the browser found, the same
 * arguments), for tests that look at a page; `close()` also removes its profile folder. `B` is the part of
 * puppeteer's Browser the test uses (this file is type-checked without puppeteer's types).
 */
export async function launchBrowser<B extends { close(): Promise<void> }>(): Promise<B> {
  const { puppeteer } = await import(pathToFileURL(path.join(MERMAID_CLI_DIR, 'render.mjs')).href);
  const profile = await newProfileDir();
  const browser = await puppeteer.launch({
    executablePath: findBrowser().executablePath,
    headless: true,
    userDataDir: profile,
    args: browserArgs(),
  });
  const close = browser.close.bind(browser);
  browser.close = async () => {
    await close();
    await rm(profile, { recursive: true, force: true });
  };
  return browser as B;
}

/**
 * Mermaid 11's own parser, from mermaid-cli's packages. It sanitizes labels with DOMPurify, which needs a DOM;
 * in Node DOMPurify has no `addHook`/`sanitize`, so those become no-ops (parsing does not depend on them).
 */
export async function mermaidParser() {
  const { loadDOMPurify, loadMermaid } = await import(
    pathToFileURL(path.join(MERMAID_CLI_DIR, 'parser.mjs')).href
  );
  const purify = (await loadDOMPurify()).default as Record<string, unknown>;
  if (typeof purify.addHook !== 'function') {
    for (const name of [
      'addHook',
      'removeHook',
      'removeHooks',
      'removeAllHooks',
      'setConfig',
      'clearConfig',
    ]) {
      purify[name] = () => undefined;
    }
    purify.sanitize = (text: unknown) => text;
  }
  return (await loadMermaid()).default as MermaidApi;
}

/** The parts of Mermaid's API the tests call. */
export interface MermaidApi {
  parse(text: string): Promise<unknown>;
  mermaidAPI: { getDiagramFromText(text: string): Promise<{ db: any }> };
}
