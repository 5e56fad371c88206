/**
 * Finding a Chrome/Chromium for mermaid-cli. `npm ci` never downloads one (.puppeteerrc.cjs), so the
 * browser is the machine's own: named by PUPPETEER_EXECUTABLE_PATH or CHROME_PATH, else the usual
 * install locations and command names.
 */
import { accessSync, constants, statSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** Where to look for a browser; tests replace both. */
export interface BrowserSearch {
  /** Environment read for PUPPETEER_EXECUTABLE_PATH, CHROME_PATH, PATH and Windows' program folders. */
  readonly env?: NodeJS.ProcessEnv;
  /** Absolute paths, or command names looked up on PATH. Default: {@link defaultBrowserCandidates}. */
  readonly candidates?: readonly string[];
}

export interface BrowserLookup {
  /** The executable found, if any. */
  readonly executablePath?: string;
  /** How it was found: `PUPPETEER_EXECUTABLE_PATH`, `CHROME_PATH` or `search`. */
  readonly source?: 'PUPPETEER_EXECUTABLE_PATH' | 'CHROME_PATH' | 'search';
  /** Environment variables set to a path that is not an executable file (worth telling the user). */
  readonly ignored: readonly string[];
}

const ENV_VARIABLES = ['PUPPETEER_EXECUTABLE_PATH', 'CHROME_PATH'] as const;

/** Linux command names, then macOS and Windows install locations. */
export function defaultBrowserCandidates(env: NodeJS.ProcessEnv = process.env): string[] {
  const windowsRoots = [env.PROGRAMFILES, env['PROGRAMFILES(X86)'], env.LOCALAPPDATA].filter(
    (root): root is string => Boolean(root),
  );
  return [
    'chromium',
    'chromium-browser',
    'google-chrome',
    'google-chrome-stable',
    '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
    '/Applications/Chromium.app/Contents/MacOS/Chromium',
    ...(env.HOME ? [path.join(env.HOME, 'Applications/Google Chrome.app/Contents/MacOS/Google Chrome')] : []),
    ...windowsRoots.map((root) => path.win32.join(root, 'Google', 'Chrome', 'Application', 'chrome.exe')),
    ...windowsRoots.map((root) => path.win32.join(root, 'Chromium', 'Application', 'chrome.exe')),
  ];
}

export function findBrowser(search: BrowserSearch = {}): BrowserLookup {
  const env = search.env ?? process.env;
  const ignored: string[] = [];
  for (const variable of ENV_VARIABLES) {
    const value = env[variable];
    if (!value) continue;
    if (isExecutableFile(value)) return { executablePath: value, source: variable, ignored };
    ignored.push(`${variable}=${value}`);
  }
  const pathDirs = (env.PATH ?? env.Path ?? '').split(path.delimiter).filter(Boolean);
  const extensions = process.platform === 'win32' ? ['', '.exe', '.cmd'] : [''];
  for (const candidate of search.candidates ?? defaultBrowserCandidates(env)) {
    const paths = path.isAbsolute(candidate)
      ? [candidate]
      : pathDirs.flatMap((dir) => extensions.map((ext) => path.join(dir, candidate + ext)));
    const found = paths.find(isExecutableFile);
    if (found) return { executablePath: found, source: 'search', ignored };
  }
  return { ignored };
}

function isExecutableFile(file: string): boolean {
  try {
    if (!statSync(file).isFile()) return false;
    if (process.platform !== 'win32') accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** How to get a browser on this platform, for messages. */
export function browserInstallHint(platform: NodeJS.Platform = process.platform): string {
  const install =
    platform === 'darwin'
      ? 'install Google Chrome (brew install --cask google-chrome)'
      : platform === 'win32'
        ? 'install Google Chrome'
        : 'install Chromium (Debian/Ubuntu: sudo apt-get install chromium)';
  return `${install}, or set PUPPETEER_EXECUTABLE_PATH to a Chrome/Chromium executable`;
}

/** Headless launch flags: quiet, no GPU, no shared-memory limits, no sandbox when running as root. */
export function browserArgs(isRoot: boolean = process.getuid?.() === 0): string[] {
  return [
    ...(isRoot ? ['--no-sandbox'] : []),
    '--disable-gpu',
    '--disable-dev-shm-usage',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ];
}

/** A fresh profile directory for one browser run. */
export function newProfileDir(): Promise<string> {
  return mkdtemp(path.join(tmpdir(), 'launchpad-chrome-'));
}
