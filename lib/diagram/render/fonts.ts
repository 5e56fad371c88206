/**
 * The font resvg draws the embedded renderer's text with. resvg reads font files, not CSS: given no
 * font it draws no text at all, and it cannot fetch the web font beautiful-mermaid asks for. So the
 * first installed family of {@link FAMILIES} is handed to it as files, and every family in the SVG's
 * font stack falls back to it; without any, KaTeX's sans-serif font (among mermaid-cli's packages, when
 * `npm run mermaid-cli:install` has added them) is used.
 *
 * On Debian, Chromium's dependencies bring fonts-liberation (Liberation Sans) and fontconfig brings
 * fonts-dejavu-core (DejaVu Sans); a slim container without them gets KaTeX's font.
 */
import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import path from 'node:path';
import { MERMAID_CLI_DIR } from './mermaid-cli-package.ts';

export interface FontChoice {
  /** Family name as the font files declare it. */
  readonly family: string;
  readonly files: readonly string[];
  /** True when this is the last-resort KaTeX font: the caller says how to install a real one. */
  readonly fallback: boolean;
}

/** Families in order of preference (Arial metrics first), each with its regular and bold file names. */
const FAMILIES: readonly { family: string; files: readonly string[] }[] = [
  { family: 'Liberation Sans', files: ['LiberationSans-Regular.ttf', 'LiberationSans-Bold.ttf'] },
  { family: 'Arial', files: ['Arial.ttf', 'arial.ttf', 'Arial Bold.ttf', 'arialbd.ttf'] },
  { family: 'Helvetica', files: ['Helvetica.ttc'] },
  { family: 'DejaVu Sans', files: ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'] },
  { family: 'Noto Sans', files: ['NotoSans-Regular.ttf', 'NotoSans-Bold.ttf'] },
];

/** Where operating systems keep fonts. */
export function fontDirectories(): string[] {
  const home = homedir();
  const windows = process.env.WINDIR ?? 'C:\\Windows';
  return [
    '/usr/share/fonts',
    '/usr/local/share/fonts',
    path.join(home, '.fonts'),
    path.join(home, '.local/share/fonts'),
    '/System/Library/Fonts',
    '/Library/Fonts',
    path.join(home, 'Library/Fonts'),
    path.join(windows, 'Fonts'),
  ];
}

const cache = new Map<string, FontChoice | undefined>();

/**
 * The preferred installed sans-serif family in `directories`, else KaTeX's from mermaid-cli's packages when
 * they are installed in `mermaidCliDir`, else undefined.
 */
export function findSansFont(
  directories: readonly string[] = fontDirectories(),
  mermaidCliDir: string = MERMAID_CLI_DIR,
): FontChoice | undefined {
  const key = [...directories, mermaidCliDir].join('\0');
  if (cache.has(key)) return cache.get(key);
  const found = new Map<string, string>();
  for (const directory of directories) collectFontFiles(directory, 4, found);
  let choice: FontChoice | undefined;
  for (const { family, files } of FAMILIES) {
    const paths = files.flatMap((name) => found.get(name) ?? []);
    if (paths.length > 0) {
      choice = { family, files: paths, fallback: false };
      break;
    }
  }
  choice ??= katexFont(mermaidCliDir);
  cache.set(key, choice);
  return choice;
}

function collectFontFiles(directory: string, depth: number, into: Map<string, string>): void {
  let entries: import('node:fs').Dirent[];
  try {
    entries = readdirSync(directory, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    const full = path.join(directory, entry.name);
    if (entry.isDirectory() && depth > 0) collectFontFiles(full, depth - 1, into);
    else if (!into.has(entry.name) && /\.(ttf|otf|ttc)$/i.test(entry.name)) into.set(entry.name, full);
  }
}

function katexFont(mermaidCliDir: string): FontChoice | undefined {
  try {
    const require = createRequire(path.join(mermaidCliDir, 'package.json'));
    const fonts = path.join(path.dirname(require.resolve('katex/package.json')), 'dist', 'fonts');
    const files = ['KaTeX_SansSerif-Regular.ttf', 'KaTeX_SansSerif-Bold.ttf']
      .map((name) => path.join(fonts, name))
      .filter((file) => existsSync(file));
    return files.length > 0 ? { family: 'KaTeX_SansSerif', files, fallback: true } : undefined;
  } catch {
    return undefined;
  }
}
