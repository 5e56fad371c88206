/**
 * The renderer that needs no browser: beautiful-mermaid lays the flowchart out and draws the SVG in
 * TypeScript (ELK layout), resvg (a Rust library, prebuilt in its npm package) turns it into PNG.
 *
 * Three things are done around beautiful-mermaid (see flowchart-subset.ts and svg-styles.ts):
 * the text is checked and rewritten so its forgiving parser reads what Mermaid reads, the SVG's CSS
 * variables, `color-mix()` and web-font import become explicit colours and a local font stack, and
 * resvg is given font files (it draws no text without them).
 */
import { renderMermaidSVG } from 'beautiful-mermaid';
import { DiagramSyntaxError, RendererUnavailableError } from './errors.ts';
import { FlowchartSubsetError, prepareFlowchart } from './flowchart-subset.ts';
import { type FontChoice, findSansFont } from './fonts.ts';
import { rasterize } from './rasterize.ts';
import {
  type Diagram,
  type DiagramRenderer,
  type ImageFormat,
  PNG_SCALE,
  pngScale,
  type RenderedImages,
} from './renderer.ts';
import { EMBEDDED_FONT_STACK, resolveSvgStyles } from './svg-styles.ts';

/** Colours: white page, zinc text and lines (beautiful-mermaid's default palette, explicit). */
export const EMBEDDED_COLORS = { bg: '#FFFFFF', fg: '#27272A' } as const;

export interface EmbeddedOptions {
  readonly scale?: number;
  /** Font directories to search (tests); default: the operating system's. */
  readonly fontDirectories?: readonly string[];
  readonly onProgress?: (line: string) => void;
}

export function startEmbedded(options: EmbeddedOptions = {}): DiagramRenderer {
  const scale = options.scale ?? PNG_SCALE;
  let font: FontChoice | undefined;
  let fontChecked = false;

  return {
    name: 'embedded',
    async render(diagram: Diagram, formats: ReadonlySet<ImageFormat>): Promise<RenderedImages> {
      const svg = embeddedSvg(diagram);
      if (!formats.has('png')) return { svg };
      if (!fontChecked) {
        fontChecked = true;
        font = findSansFont(options.fontDirectories);
        if (font?.fallback) {
          options.onProgress?.(
            `No system sans-serif font found: PNG text uses KaTeX's ${font.family}. Install fonts-liberation (apt-get install fonts-liberation) for better text.`,
          );
        }
      }
      if (!font) {
        throw new RendererUnavailableError(
          'The embedded renderer found no font file for PNG text (resvg draws no text without one). Install fonts-liberation (Debian/Ubuntu: sudo apt-get install fonts-liberation) or ask for SVG only.',
        );
      }
      return { svg: formats.has('svg') ? svg : undefined, png: svgToPng(svg, font, scale) };
    },
    async close(): Promise<void> {},
  };
}

/** The diagram as a self-contained SVG (explicit colours, local fonts). */
export function embeddedSvg(diagram: Diagram): string {
  let prepared: ReturnType<typeof prepareFlowchart>;
  try {
    prepared = prepareFlowchart(diagram.mermaid);
  } catch (error) {
    if (error instanceof FlowchartSubsetError) {
      throw new DiagramSyntaxError(diagram.name, error.line, error.detail, error.source);
    }
    throw error;
  }
  let raw: string;
  try {
    raw = renderMermaidSVG(prepared.text, { ...EMBEDDED_COLORS, font: 'Liberation Sans' });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new DiagramSyntaxError(diagram.name, undefined, `beautiful-mermaid failed: ${message}`);
  }
  return resolveSvgStyles(prepared.restore(raw), EMBEDDED_FONT_STACK);
}

export function svgToPng(svg: string, font: FontChoice, scale: number = PNG_SCALE): Uint8Array {
  const width = Number(/<svg[^>]*\swidth="([\d.]+)"/.exec(svg)?.[1] ?? 0);
  const height = Number(/<svg[^>]*\sheight="([\d.]+)"/.exec(svg)?.[1] ?? 0);
  return rasterize(svg, font, pngScale(width, height, scale), EMBEDDED_COLORS.bg);
}
