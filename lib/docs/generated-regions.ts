/**
 * Generated regions of hand-written Markdown: the text between
 * `<!-- BEGIN GENERATED: name -->` and `<!-- END GENERATED: name -->` belongs to the generator, everything
 * outside belongs to the person who wrote the file and survives every regeneration.
 */

const begin = (name: string) => `<!-- BEGIN GENERATED: ${name} -->`;
const end = (name: string) => `<!-- END GENERATED: ${name} -->`;
const MARKER = /<!-- (BEGIN|END) GENERATED: ([\w.-]+) -->/g;

export class RegionError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(`${file}: ${message}`);
    this.name = 'RegionError';
  }
}

/** A region with its markers, ready to paste into a file. */
export function region(name: string, content: string): string {
  return `${begin(name)}\n${content.trim()}\n${end(name)}`;
}

/** Names of the regions a text holds, in order; throws on unbalanced or nested markers. */
export function regionNames(text: string, file: string): string[] {
  const names: string[] = [];
  let open: string | undefined;
  for (const match of text.matchAll(MARKER)) {
    const [, kind, name = ''] = match;
    const line = text.slice(0, match.index).split('\n').length;
    if (kind === 'BEGIN') {
      if (open)
        throw new RegionError(
          file,
          `line ${line}: region "${name}" starts inside region "${open}"; close "${open}" first.`,
        );
      if (names.includes(name))
        throw new RegionError(file, `line ${line}: region "${name}" appears twice; keep one.`);
      open = name;
    } else {
      if (open !== name) {
        throw new RegionError(
          file,
          `line ${line}: "END GENERATED: ${name}" without its BEGIN${open ? ` (region "${open}" is open)` : ''}.`,
        );
      }
      names.push(name);
      open = undefined;
    }
  }
  if (open)
    throw new RegionError(file, `region "${open}" has no "${end(open)}" line; add it after the region.`);
  return names;
}

/**
 * Replaces the content of every region of `text` named in `contents`; leaves everything else as it is.
 * Returns the new text and the regions `contents` has that `text` lacks (the caller decides what to do).
 */
export function fillRegions(
  text: string,
  contents: Readonly<Record<string, string>>,
  file: string,
): { text: string; missing: string[] } {
  const present = regionNames(text, file);
  let result = text;
  for (const name of present) {
    const content = contents[name];
    if (content === undefined) continue;
    const start = result.indexOf(begin(name));
    const stop = result.indexOf(end(name), start) + end(name).length;
    result = `${result.slice(0, start)}${region(name, content)}${result.slice(stop)}`;
  }
  return { text: result, missing: Object.keys(contents).filter((name) => !present.includes(name)) };
}
