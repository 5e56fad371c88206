import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { type RenderDiagramsOptions, renderDiagrams } from '../diagram/render/render-diagrams.ts';
import { writeIfChanged } from '../render/write-if-changed.ts';

export interface DiagramFilesResult {
  /** Diagrams drawn this run (their Mermaid changed or their images were missing). */
  readonly rendered: readonly string[];
  /** Diagrams whose committed images still match their Mermaid source. */
  readonly unchanged: readonly string[];
  readonly removed: readonly string[];
  /** One line on the renderer that ran, or why none had to. */
  readonly note: string;
}

/**
 * Keeps `<dir>/<name>.mmd|.svg|.png` in step with the diagrams: each Mermaid source is written beside its
 * images, and a diagram is rendered again only when its source changed or an image is missing, so a run
 * that changes nothing touches no byte (and needs no browser). Files of diagrams that no longer exist go.
 */
export async function writeDiagramFiles(
  diagrams: Readonly<Record<string, string>>,
  dir: string,
  options: Pick<RenderDiagramsOptions, 'renderer' | 'onProgress'> = {},
): Promise<DiagramFilesResult> {
  const file = (name: string, ext: string) => path.join(dir, `${name}.${ext}`);
  const current = (name: string, text: string) =>
    existsSync(file(name, 'mmd')) &&
    readFileSync(file(name, 'mmd'), 'utf8') === text &&
    existsSync(file(name, 'svg')) &&
    existsSync(file(name, 'png'));
  const names = Object.keys(diagrams).sort();
  const stale = names.filter((name) => !current(name, diagrams[name] ?? ''));
  let note = 'No diagram changed: the committed images were kept.';
  if (stale.length > 0) {
    const result = await renderDiagrams(
      stale.map((name) => ({ name, mermaid: diagrams[name] ?? '' })),
      { outDir: dir, formats: ['svg', 'png'], ...options },
    );
    for (const name of stale) writeIfChanged(file(name, 'mmd'), diagrams[name] ?? '');
    note = result.note;
  }
  const removed = existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => /\.(mmd|svg|png)$/.test(f) && !names.includes(f.replace(/\.(mmd|svg|png)$/, '')))
        .sort()
    : [];
  for (const f of removed) rmSync(path.join(dir, f));
  return { rendered: stale, unchanged: names.filter((n) => !stale.includes(n)), removed, note };
}
