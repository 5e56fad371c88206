/**
 * The renderer GitHub's own rendering matches: mermaid.js in a real browser, through mermaid-cli's Node
 * API, with one headless Chrome/Chromium for the whole batch.
 *
 * - SVG: mermaid-cli's `renderMermaid` (a fresh page per diagram, mermaid loaded into it: ~0.5 s each).
 * - PNG: that same SVG string loaded into a page of the same browser and screenshot at {@link PNG_SCALE}×,
 *   so the PNG is exactly the SVG written beside it. mermaid-cli's own PNG output would lay the
 *   diagram out a second time (another ~0.9 s) and, with its default 800 px viewport and
 *   `useMaxWidth`, shrinks wide diagrams to the viewport.
 * - Byte-stable SVG: mermaid draws several shapes (stadium, hexagon, cylinder outlines) with rough.js,
 *   whose curves take a random seed unless `handDrawnSeed` is set; with it (and `deterministicIds`, and a
 *   per-diagram svg id) the same text gives the same bytes in every run.
 */
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { browserArgs, newProfileDir } from './browser.ts';
import { MERMAID_CLI_DIR } from './mermaid-cli-package.ts';
import { explainMermaidError } from './mermaid-errors.ts';
import {
  type Diagram,
  type DiagramRenderer,
  type ImageFormat,
  PNG_SCALE,
  pngScale,
  type RenderedImages,
} from './renderer.ts';

/** mermaid configuration: GitHub's default theme, no randomness, natural size (no `max-width: 100%`). */
export const MERMAID_CONFIG = {
  theme: 'default',
  securityLevel: 'strict',
  deterministicIds: true,
  handDrawnSeed: 1,
  flowchart: { useMaxWidth: false, htmlLabels: true },
} as const;

/** The parts of puppeteer's Page and Browser this renderer calls. */
interface Page {
  setViewport(viewport: { width: number; height: number; deviceScaleFactor: number }): Promise<void>;
  setContent(html: string): Promise<void>;
  $(selector: string): Promise<{ screenshot(options: { type: 'png' }): Promise<Uint8Array> } | null>;
  close(): Promise<void>;
}
interface Browser {
  newPage(): Promise<Page>;
  close(): Promise<void>;
}

/** What tools/mermaid-cli/render.mjs exports. */
interface MermaidCliModule {
  readonly puppeteer: {
    launch(options: {
      executablePath: string;
      headless: boolean;
      userDataDir: string;
      args: string[];
    }): Promise<Browser>;
  };
  renderMermaid(
    browser: Browser,
    definition: string,
    format: 'svg',
    options: { mermaidConfig: object; backgroundColor: string; svgId: string },
  ): Promise<{ data: Uint8Array }>;
}

export interface MermaidCliOptions {
  readonly executablePath: string;
  readonly scale?: number;
  /** Where mermaid-cli is installed. Default {@link MERMAID_CLI_DIR}. */
  readonly dir?: string;
}

/** Launches the browser; throws if it does not start. */
export async function startMermaidCli(options: MermaidCliOptions): Promise<DiagramRenderer> {
  const entry = path.join(options.dir ?? MERMAID_CLI_DIR, 'render.mjs');
  const { puppeteer, renderMermaid } = (await import(pathToFileURL(entry).href)) as MermaidCliModule;
  const profile = await newProfileDir();
  let browser: Browser;
  try {
    browser = await puppeteer.launch({
      executablePath: options.executablePath,
      headless: true,
      userDataDir: profile,
      args: browserArgs(),
    });
  } catch (error) {
    await rm(profile, { recursive: true, force: true });
    throw error;
  }
  const scale = options.scale ?? PNG_SCALE;

  return {
    name: 'mermaid-cli',
    async render(diagram: Diagram, formats: ReadonlySet<ImageFormat>): Promise<RenderedImages> {
      let svg: string;
      try {
        const { data } = await renderMermaid(browser, diagram.mermaid, 'svg', {
          mermaidConfig: MERMAID_CONFIG,
          backgroundColor: 'white',
          svgId: svgId(diagram.name),
        });
        svg = new TextDecoder().decode(data);
      } catch (error) {
        throw explainMermaidError(diagram.name, diagram.mermaid, error);
      }
      const png = formats.has('png') ? await screenshot(browser, svg, scale) : undefined;
      return { svg: formats.has('svg') ? svg : undefined, png };
    },
    async close(): Promise<void> {
      try {
        await browser.close();
      } finally {
        await rm(profile, { recursive: true, force: true });
      }
    },
  };
}

async function screenshot(browser: Browser, svg: string, scale: number): Promise<Uint8Array> {
  const width = Number(/<svg[^>]*\swidth="([\d.]+)"/.exec(svg)?.[1] ?? 800);
  const height = Number(/<svg[^>]*\sheight="([\d.]+)"/.exec(svg)?.[1] ?? 600);
  const page = await browser.newPage();
  try {
    await page.setViewport({
      width: Math.ceil(width),
      height: Math.ceil(height),
      deviceScaleFactor: pngScale(width, height, scale),
    });
    await page.setContent(
      `<!doctype html><html><head><meta charset="utf-8"><style>html,body{margin:0;padding:0;background:#fff}svg{display:block}</style></head><body>${svg}</body></html>`,
    );
    const element = await page.$('svg');
    if (!element) throw new Error('mermaid-cli: the rendered SVG did not load into the page.');
    return await element.screenshot({ type: 'png' });
  } finally {
    await page.close();
  }
}

/** A valid, stable XML id per diagram, so several SVGs inlined in one page do not share ids. */
function svgId(name: string): string {
  return `mermaid-${name.replace(/[^A-Za-z0-9_-]/g, '_')}`;
}
