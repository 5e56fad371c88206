import { Resvg } from '@resvg/resvg-js';
import { describe, expect, it } from 'vitest';
import { encodePng } from './png-encode.ts';

/** width × height RGBA pixels: a red left half, a blue right half, all opaque. */
function halves(width: number, height: number): Uint8Array {
  const pixels = new Uint8Array(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    const left = i % width < width / 2;
    pixels.set(left ? [255, 0, 0, 255] : [0, 0, 255, 255], i * 4);
  }
  return pixels;
}

describe('encodePng', () => {
  it('writes a PNG that resvg decodes back to the same pixels', async () => {
    const png = await encodePng(halves(8, 4), 8, 4);
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    // A real decoder: resvg draws the PNG as an image at its own size, checking every chunk's CRC on the way.
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="8" height="4"><image width="8" height="4" href="data:image/png;base64,${png.toString('base64')}"/></svg>`;
    const drawn = new Resvg(svg).render();
    expect([drawn.width, drawn.height]).toEqual([8, 4]);
    expect(Buffer.from(drawn.pixels)).toEqual(Buffer.from(halves(8, 4)));
  });

  it('packs a flat picture far below its raw size', async () => {
    const png = await encodePng(halves(600, 400), 600, 400);
    expect(png.length).toBeLessThan((600 * 400 * 4) / 100);
  });

  it('refuses pixels that do not match the size, saying what they should be', async () => {
    await expect(encodePng(new Uint8Array(10), 2, 2)).rejects.toThrow(
      /2 × 2 RGBA pixels take 16 bytes, not 10/,
    );
    await expect(encodePng(new Uint8Array(0), 0, 0)).rejects.toThrow(/at least 1, not 0 × 0/);
  });
});
