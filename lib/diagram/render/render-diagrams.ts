/**
 * Renders Mermaid diagrams to SVG and PNG files: with mermaid-cli in the machine's Chrome/Chromium when
 * there is one (what GitHub shows), else with the embedded renderer (beautiful-mermaid + resvg, no
 * browser). The Mermaid text itself stays the first output; these images are for places without
 * Mermaid support (slides, a portfolio page, a README outside GitHub).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { type BrowserSearch, browserInstallHint, defaultBrowserCandidates, findBrowser } from './browser.ts';
import { DiagramSyntaxError, RendererUnavailableError } from './errors.ts';
import { MERMAID_CLI_INSTALL, mermaidCliInstalled } from './mermaid-cli-package.ts';
import { startMermaidCli } from './mermaid-cli-renderer.ts';
import type { Diagram, DiagramRenderer, ImageFormat, RendererName } from './renderer.ts';

export type { BrowserSearch } from './browser.ts';
export { DiagramSyntaxError, RendererUnavailableError } from './errors.ts';
export type { Diagram, ImageFormat, RendererName } from './renderer.ts';

export interface RenderDiagramsOptions {
  /** Directory for `<name>.svg` and `<name>.png`; created if missing. */
  readonly outDir: string;
  /** `auto` (default): mermaid-cli when it is installed and a Chrome/Chromium is found, else embedded. A forced renderer that cannot run throws {@link RendererUnavailableError}. */
  readonly renderer?: 'auto' | RendererName;
  /** Default: both. */
  readonly formats?: readonly ImageFormat[];
  /** One line per event (renderer chosen, each diagram written, warnings). */
  readonly onProgress?: (line: string) => void;
  /** Where to look for a browser. Default: PUPPETEER_EXECUTABLE_PATH, CHROME_PATH, then the usual places. */
  readonly browserSearch?: BrowserSearch;
  /** PNG pixels per SVG pixel. Default 2. */
  readonly scale?: number;
  /** Where mermaid-cli is installed. Default tools/mermaid-cli (`npm run mermaid-cli:install`). */
  readonly mermaidCliDir?: string;
}

export interface RenderTimings {
  /** Loading the renderer and, for mermaid-cli, launching the browser. */
  readonly startupMs: number;
  /** Each diagram (layout, SVG, PNG, writing), in input order. */
  readonly diagrams: readonly { readonly name: string; readonly ms: number }[];
  readonly totalMs: number;
}

export interface RenderDiagramsResult {
  readonly renderer: RendererName;
  /** Paths written, in input order, SVG before PNG. */
  readonly files: string[];
  /** One line: which renderer ran and how to get the other. */
  readonly note: string;
  /** The browser mermaid-cli ran in. */
  readonly browser?: string;
  readonly timings: RenderTimings;
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

export async function renderDiagrams(
  diagrams: readonly Diagram[],
  options: RenderDiagramsOptions,
): Promise<RenderDiagramsResult> {
  const started = performance.now();
  const formats = new Set<ImageFormat>(options.formats ?? ['svg', 'png']);
  checkInput(diagrams, formats);
  const progress = options.onProgress ?? (() => {});

  const chosen = await startRenderer(options, progress);
  const startupMs = performance.now() - started;
  const files: string[] = [];
  const timings: { name: string; ms: number }[] = [];
  const syntaxErrors: DiagramSyntaxError[] = [];
  let finished = false;
  try {
    await mkdir(options.outDir, { recursive: true });
    for (const diagram of diagrams) {
      const start = performance.now();
      let images: Awaited<ReturnType<DiagramRenderer['render']>>;
      try {
        images = await chosen.renderer.render(diagram, formats);
      } catch (error) {
        if (!(error instanceof DiagramSyntaxError)) throw error;
        syntaxErrors.push(error);
        progress(error.message);
        continue;
      }
      const written: string[] = [];
      if (images.svg !== undefined)
        written.push(await write(options.outDir, `${diagram.name}.svg`, images.svg));
      if (images.png !== undefined)
        written.push(await write(options.outDir, `${diagram.name}.png`, images.png));
      files.push(...written);
      const ms = performance.now() - start;
      timings.push({ name: diagram.name, ms });
      progress(`${written.join(', ')} (${(ms / 1000).toFixed(1)} s)`);
    }
    finished = true;
  } finally {
    // Always close the browser; a failure to close must not hide the error that got us here.
    await chosen.renderer.close().catch((error: unknown) => {
      if (finished) throw error;
    });
  }

  if (syntaxErrors.length === 1) throw syntaxErrors[0];
  if (syntaxErrors.length > 1) {
    throw new AggregateError(
      syntaxErrors,
      `${syntaxErrors.length} diagrams have Mermaid syntax errors:\n${syntaxErrors.map((e) => e.message).join('\n')}`,
    );
  }
  return {
    renderer: chosen.renderer.name,
    files,
    note: chosen.note,
    browser: chosen.browser,
    timings: { startupMs, diagrams: timings, totalMs: performance.now() - started },
  };
}

function checkInput(diagrams: readonly Diagram[], formats: ReadonlySet<ImageFormat>): void {
  if (formats.size === 0) throw new Error('renderDiagrams: formats is empty; ask for svg, png or both.');
  for (const format of formats) {
    if (format !== 'svg' && format !== 'png') throw new Error(`renderDiagrams: unknown format "${format}".`);
  }
  const seen = new Set<string>();
  for (const { name } of diagrams) {
    if (!NAME.test(name)) {
      throw new Error(
        `renderDiagrams: diagram name "${name}" is not a plain file name (letters, digits, ., _ and -).`,
      );
    }
    if (seen.has(name)) throw new Error(`renderDiagrams: two diagrams are named "${name}".`);
    seen.add(name);
  }
}

interface ChosenRenderer {
  readonly renderer: DiagramRenderer;
  readonly note: string;
  readonly browser?: string;
}

async function startRenderer(
  options: RenderDiagramsOptions,
  progress: (line: string) => void,
): Promise<ChosenRenderer> {
  const wanted = options.renderer ?? 'auto';
  const lookup = findBrowser(options.browserSearch);
  for (const ignored of lookup.ignored) progress(`${ignored} is not an executable file; ignoring it.`);
  const hint = browserInstallHint();
  // Loaded on demand: beautiful-mermaid (with ELK) takes ~150 ms to import, puppeteer and mermaid-cli ~140 ms.
  const embedded = async () =>
    (await import('./embedded-renderer.ts')).startEmbedded({ scale: options.scale, onProgress: progress });

  if (wanted === 'embedded') {
    const other = lookup.executablePath
      ? `renderer 'mermaid-cli' (Chrome/Chromium found at ${lookup.executablePath}) renders as GitHub does`
      : `for the same rendering as GitHub, ${hint}`;
    progress('Rendering with the embedded renderer (beautiful-mermaid + resvg).');
    return { renderer: await embedded(), note: `Rendered with the embedded renderer (as asked); ${other}.` };
  }

  if (!lookup.executablePath) {
    if (wanted === 'mermaid-cli') {
      const searched = (options.browserSearch?.candidates ?? defaultBrowserCandidates()).join(', ');
      const ignored =
        lookup.ignored.length > 0 ? ` (${lookup.ignored.join(', ')}: not an executable file)` : '';
      throw new RendererUnavailableError(
        `The mermaid-cli renderer needs Chrome or Chromium and none was found${ignored}; looked at PUPPETEER_EXECUTABLE_PATH, CHROME_PATH and ${searched || 'no other place'}. To get it: ${hint}. The embedded renderer needs no browser.`,
      );
    }
    progress('No Chrome/Chromium found: rendering with the embedded renderer (beautiful-mermaid + resvg).');
    return {
      renderer: await embedded(),
      note: `Rendered with the embedded renderer (no Chrome/Chromium found); for the same rendering as GitHub, ${hint}.`,
    };
  }

  const executablePath = lookup.executablePath;
  if (!mermaidCliInstalled(options.mermaidCliDir)) {
    const install = `${MERMAID_CLI_INSTALL} installs it (about 500 MB, no browser download) to render with your Chrome/Chromium`;
    if (wanted === 'mermaid-cli') {
      throw new RendererUnavailableError(
        `The mermaid-cli renderer is not installed: ${install}. The embedded renderer needs neither.`,
      );
    }
    progress(
      `mermaid-cli is not installed: rendering with the embedded renderer (beautiful-mermaid + resvg).`,
    );
    return {
      renderer: await embedded(),
      note: `Rendered with the embedded renderer (mermaid-cli is not installed); for the same rendering as GitHub, ${install}.`,
    };
  }
  try {
    const renderer = await startMermaidCli({
      executablePath,
      scale: options.scale,
      dir: options.mermaidCliDir,
    });
    progress(`Rendering with mermaid-cli in ${executablePath}.`);
    return {
      renderer,
      browser: executablePath,
      note: `Rendered with mermaid-cli in ${executablePath} (as GitHub renders Mermaid); renderer 'embedded' needs no browser.`,
    };
  } catch (error) {
    const reason = (error instanceof Error ? error.message : String(error)).split('\n')[0];
    if (wanted === 'mermaid-cli') {
      throw new RendererUnavailableError(
        `The mermaid-cli renderer could not start Chrome/Chromium at ${executablePath}: ${reason}. Check that it runs (${executablePath} --headless --version), ${hint}, or use the embedded renderer.`,
        { cause: error },
      );
    }
    progress(
      `Chrome/Chromium at ${executablePath} did not start (${reason}): rendering with the embedded renderer.`,
    );
    return {
      renderer: await embedded(),
      note: `Rendered with the embedded renderer (Chrome/Chromium at ${executablePath} did not start); fix it for the same rendering as GitHub.`,
    };
  }
}

async function write(dir: string, file: string, data: string | Uint8Array): Promise<string> {
  const target = path.join(dir, file);
  await writeFile(target, data);
  return target;
}
