/**
 * The architecture pictures, drawn by our own layout with AWS Architecture Icons and no browser (decision
 * 0026): a view of the graph → elkjs layout → SVG (icons inlined once each), PNG (resvg, at most
 * {@link MAX_PICTURE_PNG_WIDTH} px wide) and a draw.io file. The Mermaid text stays the source GitHub renders.
 */

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { ArchitectureGraph } from '../graph-types.ts';
import type { FontChoice } from '../render/fonts.ts';
import { rasterizeAsync } from '../render/rasterize.ts';
import { pictureToDrawio } from './drawio.ts';
import { layoutColumns, layoutLayered, type Picture, SIZES } from './layout.ts';
import { pictureToSvg } from './svg.ts';

export type { Picture } from './layout.ts';

/**
 * `columns`: the phases (stages) as columns left to right, for a story read in order (the overview);
 * `layered`: elkjs places and routes everything, for views whose phases feed each other both ways.
 */
export type PictureLayout = 'columns' | 'layered';

/**
 * Bump when the drawing changes in code (layout rules, icons, styles; sizes, limits and the versions of the
 * drawing packages are in the key already): the key of every picture changes with it, so `npm run docs`
 * draws them all again instead of keeping the committed ones.
 */
const PICTURE_VERSION = 7;

/** The packages that draw a picture: a new version of one may place, paint or encode it differently. */
const DRAWING_PACKAGES = ['elkjs', 'aws-icons', '@resvg/resvg-js'] as const;

const require = createRequire(import.meta.url);
let installed: Record<string, string> | undefined;

/** The installed version of each drawing package. */
export function drawingPackageVersions(): Record<string, string> {
  installed ??= Object.fromEntries(
    DRAWING_PACKAGES.map((name) => [
      name,
      (JSON.parse(readFileSync(require.resolve(`${name}/package.json`), 'utf8')) as { version: string })
        .version,
    ]),
  );
  return installed;
}

/** What a picture is drawn from, as a short hash: the same key means the same files. */
export function pictureKey(
  view: ArchitectureGraph,
  layout: PictureLayout,
  title: string,
  packages: Record<string, string> = drawingPackageVersions(),
): string {
  return createHash('sha256')
    .update(
      JSON.stringify([
        PICTURE_VERSION,
        packages,
        SIZES,
        MAX_PICTURE_PNG_WIDTH,
        MAX_PICTURE_PNG_PIXELS,
        layout,
        title,
        view,
      ]),
    )
    .digest('hex')
    .slice(0, 16);
}

/**
 * The widest picture whose smallest text is still 10 px when a README shows it 900 px wide (GitHub's
 * content width): wider, the text would be too small to read there.
 */
const READABLE_WIDTH = (900 * Math.min(SIZES.nodeFont, SIZES.edgeFont, SIZES.groupFont)) / 10;

/**
 * A full-HD slide's width: a README shows ~900 px, a slide at most this. Wider PNGs only cost time (drawing
 * and compressing grow with the pixels: at 2,400 px they were half of drawing every picture) and bytes.
 */
export const MAX_PICTURE_PNG_WIDTH = 1920;

export interface PictureFiles {
  readonly picture: Picture;
  readonly svg: string;
  readonly drawio: string;
  /** Absent when no font was found (resvg draws no text without one). */
  readonly png?: Uint8Array;
}

/** Pixels of a PNG at most: a taller picture gets fewer per SVG pixel (resvg's time grows with them). */
const MAX_PICTURE_PNG_PIXELS = 4_000_000;

/** PNG pixels per SVG pixel: 2 for sharp text, less for a picture that would pass the width or pixel limit. */
const pictureScale = (width: number, height: number): number =>
  Math.min(
    2,
    MAX_PICTURE_PNG_WIDTH / Math.max(width, 1),
    Math.sqrt(MAX_PICTURE_PNG_PIXELS / Math.max(width * height, 1)),
  );

export async function drawPicture(
  view: ArchitectureGraph,
  name: string,
  title: string,
  font: FontChoice | undefined,
  layout: PictureLayout = 'layered',
  key?: string,
): Promise<PictureFiles> {
  let picture = await (layout === 'columns' ? layoutColumns(view) : layoutLayered(view));
  // Too wide to read in a README, or a long chain much wider than tall: top to bottom, when that is narrower.
  if (layout === 'layered' && (picture.width > READABLE_WIDTH || picture.width > 2 * picture.height)) {
    // Ahead of the other pictures' layouts: this picture's PNG is then drawn while they are laid out.
    const down = await layoutLayered(view, 'DOWN', { ahead: true });
    if (down.width < picture.width) picture = down;
  }
  const svg = pictureToSvg(picture, title, key);
  return {
    picture,
    svg,
    drawio: pictureToDrawio(picture, name),
    png: font
      ? await rasterizeAsync(svg, font, pictureScale(picture.width, picture.height), '#ffffff')
      : undefined,
  };
}
