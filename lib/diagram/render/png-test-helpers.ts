/** Reading PNG files back in tests: header fields, and pixels (decoded by resvg as an embedded image). */
import { Resvg } from '@resvg/resvg-js';

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Width and height from the IHDR chunk; throws if the bytes are not a PNG. */
export function pngSize(png: Uint8Array): { width: number; height: number } {
  const bytes = Buffer.from(png);
  if (!SIGNATURE.every((b, i) => bytes[i] === b)) throw new Error('not a PNG: bad signature');
  if (bytes.toString('latin1', 12, 16) !== 'IHDR') throw new Error('not a PNG: no IHDR chunk first');
  if (bytes.toString('latin1', bytes.length - 8, bytes.length - 4) !== 'IEND')
    throw new Error('PNG is truncated');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** Share of (downscaled) pixels that are near white, near black, and coloured (not grey). */
export function pngPixelShares(
  png: Uint8Array,
  sampleWidth = 800,
): { white: number; black: number; colour: number } {
  const { width, height } = pngSize(png);
  const href = `data:image/png;base64,${Buffer.from(png).toString('base64')}`;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${width}" height="${height}"><image width="${width}" height="${height}" xlink:href="${href}"/></svg>`;
  const { pixels } = new Resvg(svg, { fitTo: { mode: 'width', value: sampleWidth } }).render();
  let white = 0;
  let black = 0;
  let colour = 0;
  const count = pixels.length / 4;
  for (let i = 0; i < pixels.length; i += 4) {
    const [r, g, b, a] = [pixels[i] ?? 0, pixels[i + 1] ?? 0, pixels[i + 2] ?? 0, pixels[i + 3] ?? 0];
    if (a < 128) continue;
    if (r > 240 && g > 240 && b > 240) white++;
    else if (r < 40 && g < 40 && b < 40) black++;
    if (Math.max(r, g, b) - Math.min(r, g, b) > 24) colour++;
  }
  return { white: white / count, black: black / count, colour: colour / count };
}

/** Text content of an SVG: tags dropped, entities decoded, whitespace collapsed. */
export function svgText(svg: string): string {
  return svg
    .replace(/<style[\s\S]*?<\/style>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}
