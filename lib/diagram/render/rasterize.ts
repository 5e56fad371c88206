/**
 * SVG → PNG with resvg (a Rust library, prebuilt in its npm package), on its own so that the pictures and
 * the charts do not load beautiful-mermaid (~90 ms) with the embedded renderer just to rasterize.
 */
import { Resvg, type ResvgRenderOptions, renderAsync } from '@resvg/resvg-js';
import { encodePng } from '../../render/png-encode.ts';
import type { FontChoice } from './fonts.ts';

/** PNG of an SVG with resvg, which draws no text without font files: they come from `font`. */
export function rasterize(svg: string, font: FontChoice, zoom: number, background: string): Uint8Array {
  return new Resvg(svg, resvgOptions(font, zoom, background)).render().asPng();
}

/**
 * {@link rasterize} off the calling thread: resvg draws on libuv's thread pool and zlib compresses there
 * too, so the caller goes on (laying out the next picture, writing pages) and several PNGs are made at once
 * on a machine with cores to spare. `background` must be opaque (the PNG stores the pixels as drawn).
 */
export async function rasterizeAsync(
  svg: string,
  font: FontChoice,
  zoom: number,
  background: string,
): Promise<Uint8Array> {
  const image = await renderAsync(svg, resvgOptions(font, zoom, background));
  return encodePng(image.pixels, image.width, image.height);
}

function resvgOptions(font: FontChoice, zoom: number, background: string): ResvgRenderOptions {
  return {
    background,
    fitTo: { mode: 'zoom', value: zoom },
    font: {
      loadSystemFonts: false,
      fontFiles: [...font.files],
      defaultFontFamily: font.family,
      sansSerifFamily: font.family,
    },
    logLevel: 'off',
  };
}
