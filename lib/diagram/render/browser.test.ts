import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { needsMermaidCli } from '../../../test/browser.ts';
import { browserArgs, findBrowser } from './browser.ts';
import { findSansFont } from './fonts.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'launchpad-browser-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, executable: boolean): string {
  const target = path.join(dir, name);
  mkdirSync(path.dirname(target), { recursive: true });
  writeFileSync(target, '#!/bin/sh\n');
  chmodSync(target, executable ? 0o755 : 0o644);
  return target;
}

describe('findBrowser', () => {
  const chrome = file('bin/google-chrome', true);
  const notExecutable = file('other/chromium', false);

  it('takes PUPPETEER_EXECUTABLE_PATH, then CHROME_PATH', () => {
    expect(findBrowser({ env: { PUPPETEER_EXECUTABLE_PATH: chrome }, candidates: [] })).toEqual({
      executablePath: chrome,
      source: 'PUPPETEER_EXECUTABLE_PATH',
      ignored: [],
    });
    expect(findBrowser({ env: { CHROME_PATH: chrome }, candidates: [] }).source).toBe('CHROME_PATH');
  });

  it('reports a variable that names no executable and goes on searching', () => {
    const found = findBrowser({
      env: { PUPPETEER_EXECUTABLE_PATH: '/nowhere/chrome' },
      candidates: [chrome],
    });
    expect(found).toEqual({
      executablePath: chrome,
      source: 'search',
      ignored: ['PUPPETEER_EXECUTABLE_PATH=/nowhere/chrome'],
    });
  });

  it('looks command names up on PATH and skips files that are not executable', () => {
    const env = { PATH: [path.join(dir, 'other'), path.join(dir, 'bin')].join(path.delimiter) };
    expect(findBrowser({ env, candidates: ['chromium', 'google-chrome'] }).executablePath).toBe(chrome);
    expect(findBrowser({ env, candidates: [notExecutable] }).executablePath).toBeUndefined();
    expect(findBrowser({ env: { PATH: '' }, candidates: ['google-chrome'] })).toEqual({ ignored: [] });
  });

  it('runs without a sandbox only as root', () => {
    expect(browserArgs(true)).toContain('--no-sandbox');
    expect(browserArgs(false)).not.toContain('--no-sandbox');
    expect(browserArgs(false)).toContain('--disable-dev-shm-usage');
  });
});

describe('findSansFont', () => {
  it(
    "falls back to KaTeX's sans-serif font of mermaid-cli's packages when a machine has no fonts",
    needsMermaidCli(),
    () => {
      const font = findSansFont([path.join(dir, 'no-fonts')]);
      expect(font?.family).toBe('KaTeX_SansSerif');
      expect(font?.fallback).toBe(true);
      expect(font?.files[0]).toMatch(/KaTeX_SansSerif-Regular\.ttf$/);
    },
  );

  it('finds none when the machine has no fonts and mermaid-cli is not installed', () => {
    expect(findSansFont([path.join(dir, 'no-fonts')], path.join(dir, 'no-mermaid-cli'))).toBeUndefined();
  });
});
