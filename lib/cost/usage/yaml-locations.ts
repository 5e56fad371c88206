import { type Document, isMap, isPair, isScalar, type LineCounter, type Node } from 'yaml';
import { pointerSegments } from '../../config/json-locations.ts';
import type { Locator } from '../../config/schema-problems.ts';

/** Finds the line and column of JSON pointers in a parsed YAML document. */
export class YamlLocations implements Locator {
  constructor(
    private readonly document: Document,
    private readonly lines: LineCounter,
  ) {}

  locate(pointer: string, atKey = false): { line: number; column: number } {
    const segments = pointerSegments(pointer).map(String);
    for (let depth = segments.length; depth >= 0; depth--) {
      const offset = this.offsetOf(segments.slice(0, depth), atKey && depth === segments.length);
      if (offset !== undefined) {
        const { line, col } = this.lines.linePos(offset);
        return { line, column: col };
      }
    }
    return { line: 1, column: 1 };
  }

  private offsetOf(path: string[], atKey: boolean): number | undefined {
    if (path.length === 0) return (this.document.contents as Node | null)?.range?.[0];
    const parent = this.document.getIn(path.slice(0, -1), true);
    if (!isMap(parent)) return undefined;
    const pair = parent.items.find(
      (item) => isPair(item) && isScalar(item.key) && String(item.key.value) === path.at(-1),
    );
    if (!pair) return undefined;
    const node = (atKey ? pair.key : (pair.value ?? pair.key)) as Node | null;
    return node?.range?.[0];
  }
}
