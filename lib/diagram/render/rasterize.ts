/**
 * SVG → PNG with resvg (a Rust library, prebuilt in its npm package), on its own so that the pictures and
 * the charts do not load beautiful-mermaid (~90 ms) with the embedded renderer just to rasterize.
 */
import { Resvg } from '@resvg/resvg-js';
import type { FontChoice } from './fonts.ts';

/** PNG of an SVG with resvg, which draws no text without font files: they come from `font`. */
export function rasterize(svg: string, font: FontChoice, zoom: number, background: string): Uint8Array {
  const resvg = new Resvg(svg, {
    background,
    fitTo: { mode: 'zoom', value: zoom },
    font: {
      loadSystemFonts: false,
      fontFiles: [...font.files],
      defaultFontFamily: font.family,
      sansSerifFamily: font.family,
    },
    logLevel: 'off',
  });
  return resvg.render().asPng();
}
