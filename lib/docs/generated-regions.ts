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

/** A line someone wrote inside a generated region, moved to just after it so that it is not lost. */
export interface MovedLine {
  readonly region: string;
  /** 1-based line in the text before the regeneration. */
  readonly line: number;
  readonly text: string;
}

/**
 * Replaces the content of every region of `text` named in `contents`; leaves everything else as it is.
 * Returns the new text and the regions `contents` has that `text` lacks (the caller decides what to do).
 *
 * `baseline` is the file as last committed (what the generator wrote then): a line of a region that is in
 * neither the baseline's region nor the new content was written there by hand since, and would vanish with
 * the region's old content, so it is moved to just after the region's END marker and returned in `moved`.
 * It is a string or a function giving it, called only when a region holds a line the new content lacks
 * (reading the commit costs a `git show`, and a run whose regions are current needs none).
 */
export function fillRegions(
  text: string,
  contents: Readonly<Record<string, string>>,
  file: string,
  baseline?: string | (() => string | undefined),
): { text: string; missing: string[]; moved: MovedLine[] } {
  const present = regionNames(text, file);
  let read = false;
  let committed: string | undefined;
  const baselineText = () => {
    if (!read) {
      const text = typeof baseline === 'function' ? baseline() : baseline;
      committed = text !== undefined && safeRegionNames(text) ? text : undefined;
      read = true;
    }
    return committed;
  };
  const moved: MovedLine[] = [];
  let result = text;
  for (const name of present) {
    const content = contents[name];
    if (content === undefined) continue;
    const start = result.indexOf(begin(name));
    const stop = result.indexOf(end(name), start) + end(name).length;
    let kept = '';
    const generated = new Set(lines(content));
    // Located in `text`, where this region's content is still as the person left it.
    const at = text.indexOf(begin(name));
    const firstLine = text.slice(0, at).split('\n').length + 1;
    const unknown = regionContent(text, name)
      .replace(/^\n/, '')
      .split('\n')
      .map((line, i) => ({ region: name, line: firstLine + i, text: line }))
      .filter((l) => l.text.trim() !== '' && !generated.has(l.text.trim()));
    const before = unknown.length > 0 ? baselineText() : undefined;
    if (before !== undefined) {
      const known = new Set(lines(regionContent(before, name)));
      const hand = unknown.filter((l) => !known.has(l.text.trim()));
      moved.push(...hand);
      if (hand.length > 0) kept = `\n\n${hand.map((l) => l.text).join('\n')}`;
    }
    result = `${result.slice(0, start)}${region(name, content)}${kept}${result.slice(stop)}`;
  }
  return { text: result, missing: Object.keys(contents).filter((n) => !present.includes(n)), moved };
}

/** The content of region `name` of a well-formed text, or '' without it. */
function regionContent(text: string, name: string): string {
  const start = text.indexOf(begin(name));
  if (start === -1) return '';
  const stop = text.indexOf(end(name), start);
  return stop === -1 ? '' : text.slice(start + begin(name).length, stop);
}

const lines = (text: string): string[] => text.split('\n').map((l) => l.trim());

function safeRegionNames(text: string): boolean {
  try {
    regionNames(text, '');
    return true;
  } catch {
    return false;
  }
}
