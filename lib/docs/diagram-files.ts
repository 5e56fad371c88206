import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { ArchitectureGraph } from '../diagram/graph-types.ts';
import { drawPicture, type PictureLayout, pictureKey } from '../diagram/picture/index.ts';
import { findSansFont } from '../diagram/render/fonts.ts';
import { type RenderDiagramsOptions, renderDiagrams } from '../diagram/render/render-diagrams.ts';
import { writeIfChanged } from '../render/write-if-changed.ts';

export interface DiagramSource {
  readonly mermaid: string;
  /** What the picture draws (see `DiagramText.picture`). */
  readonly picture: ArchitectureGraph;
  /** The picture's title (its SVG `<title>`). */
  readonly title: string;
  readonly layout: PictureLayout;
}

export interface DiagramFilesResult {
  /** Diagrams whose files changed this run. */
  readonly rendered: readonly string[];
  /** Diagrams whose committed files were already current. */
  readonly unchanged: readonly string[];
  readonly removed: readonly string[];
  /** One line on the renderer that ran. */
  readonly note: string;
}

const EXTENSIONS = /\.(mmd|svg|png|drawio)$/;

/**
 * Keeps `<dir>/<name>.mmd|.svg|.png|.drawio` in step with the diagrams. By default the pictures come from
 * our own layout with AWS icons (no browser), all at once; each file is written only when
 * its bytes change, so a run that changes nothing touches none. A Mermaid renderer asked for by name
 * (`mermaid-cli`, `embedded`) draws the SVG and PNG from the Mermaid text instead, as before; the draw.io
 * file is ours either way. Files of diagrams that no longer exist go.
 */
export async function writeDiagramFiles(
  diagrams: Readonly<Record<string, DiagramSource>>,
  dir: string,
  options: Pick<RenderDiagramsOptions, 'renderer' | 'onProgress'> = {},
): Promise<DiagramFilesResult> {
  const file = (name: string, ext: string) => path.join(dir, `${name}.${ext}`);
  const names = Object.keys(diagrams).sort();
  const mermaidRenderer = options.renderer === 'mermaid-cli' || options.renderer === 'embedded';
  const font = findSansFont();
  if (!font && !mermaidRenderer) {
    options.onProgress?.(
      'No font file found for PNG text: the PNGs were left as they are. Install fonts-liberation (Debian/Ubuntu: sudo apt-get install fonts-liberation).',
    );
  }
  const changed = new Set<string>();
  const write = (name: string, ext: string, data: string | Buffer) => {
    if (writeIfChanged(file(name, ext), data) === 'written') changed.add(name);
  };
  // With a Mermaid renderer, only diagrams whose Mermaid changed or whose images are missing are drawn again.
  const stale = names.filter(
    (name) =>
      !(
        existsSync(file(name, 'mmd')) &&
        readFileSync(file(name, 'mmd'), 'utf8') === diagrams[name]?.mermaid &&
        existsSync(file(name, 'svg')) &&
        existsSync(file(name, 'png'))
      ),
  );
  // A picture whose committed SVG carries the key of what it is drawn from is current: not drawn again.
  const currentPicture = (name: string, key: string) =>
    existsSync(file(name, 'drawio')) &&
    existsSync(file(name, 'png')) &&
    existsSync(file(name, 'svg')) &&
    readFileSync(file(name, 'svg'), 'utf8').includes(`<!-- picture ${key} -->`);
  // Every picture at once: the layouts run in elkjs's own process and the PNGs on the thread pool. The
  // largest are sent first: one laid out again top to bottom waits least, and the last PNG is a small one.
  const size = (name: string) => {
    const { nodes, edges } = (diagrams[name] as DiagramSource).picture;
    return nodes.length + edges.length;
  };
  const largestFirst = [...names].sort((a, b) => size(b) - size(a));
  const drawn = await Promise.all(
    largestFirst.map((name) => {
      const source = diagrams[name] as DiagramSource;
      const key = pictureKey(source.picture, source.layout, source.title);
      if (!mermaidRenderer && currentPicture(name, key)) return undefined;
      return drawPicture(source.picture, name, source.title, font, source.layout, key);
    }),
  );
  const drawings = names.map((name) => drawn[largestFirst.indexOf(name)]);
  for (const [index, name] of names.entries()) {
    // A Mermaid renderer's stale sources are written once their images are: a failed render leaves them stale.
    if (!(mermaidRenderer && stale.includes(name)))
      write(name, 'mmd', (diagrams[name] as DiagramSource).mermaid);
    const drawn = drawings[index];
    if (!drawn) continue;
    write(name, 'drawio', drawn.drawio);
    if (mermaidRenderer) continue;
    write(name, 'svg', drawn.svg);
    if (drawn.png) write(name, 'png', Buffer.from(drawn.png));
  }
  let note =
    changed.size > 0
      ? 'Pictures drawn with AWS Architecture Icons (elkjs layout, resvg PNG, draw.io export); no browser needed.'
      : 'No diagram changed: the committed pictures were kept.';
  if (mermaidRenderer && stale.length > 0) {
    const result = await renderDiagrams(
      stale.map((name) => ({ name, mermaid: diagrams[name]?.mermaid ?? '' })),
      { outDir: dir, formats: ['svg', 'png'], ...options },
    );
    for (const name of stale) {
      writeIfChanged(file(name, 'mmd'), diagrams[name]?.mermaid ?? '');
      changed.add(name);
    }
    note = result.note;
  }
  const removed = existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => EXTENSIONS.test(f) && !names.includes(f.replace(EXTENSIONS, '')))
        .sort()
    : [];
  for (const f of removed) rmSync(path.join(dir, f));
  return {
    rendered: names.filter((n) => changed.has(n)),
    unchanged: names.filter((n) => !changed.has(n)),
    removed,
    note,
  };
}
