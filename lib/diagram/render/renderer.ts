/** What both renderers share. */

export type RendererName = 'mermaid-cli' | 'embedded';
export type ImageFormat = 'svg' | 'png';

export interface Diagram {
  /** Output file base name: `<outDir>/<name>.svg` and `.png`. */
  readonly name: string;
  readonly mermaid: string;
}

export interface RenderedImages {
  readonly svg?: string;
  readonly png?: Uint8Array;
}

/** One renderer for a batch of diagrams: started once, closed once. */
export interface DiagramRenderer {
  readonly name: RendererName;
  /** Renders one diagram. A syntax error is a {@link DiagramSyntaxError}. */
  render(diagram: Diagram, formats: ReadonlySet<ImageFormat>): Promise<RenderedImages>;
  close(): Promise<void>;
}

/** PNG pixels per SVG pixel: 2 keeps 13–16 px text crisp when the image is scaled down on a page. */
export const PNG_SCALE = 2;

/**
 * Browsers refuse screenshots above ~16k device pixels a side, and huge PNGs help nobody: the scale
 * shrinks for very large diagrams so the longer side stays within this.
 */
export const MAX_PNG_SIDE = 12_000;

export function pngScale(width: number, height: number, scale: number = PNG_SCALE): number {
  const longest = Math.max(width, height, 1);
  return Math.min(scale, MAX_PNG_SIDE / longest);
}
