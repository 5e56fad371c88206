import { type JSONPath, visit } from 'jsonc-parser';
import type { ConfigProblem } from './config-error.ts';
import { type JsonLocations, pointerSegment } from './json-locations.ts';

/**
 * Keys that appear twice in one object. JSON parsers keep the last and drop the first without a word, so
 * a setting someone changed may silently not be the one in force: both lines are named.
 */
export function duplicateKeyProblems(text: string, locations: JsonLocations): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const open: Map<string, number>[] = [];
  visit(
    text,
    {
      onObjectBegin: () => {
        open.push(new Map());
      },
      onObjectEnd: () => {
        open.pop();
      },
      onObjectProperty: (key: string, offset: number, _length, _line, _column, path: () => JSONPath) => {
        const keys = open.at(-1);
        if (!keys) return;
        const first = keys.get(key);
        if (first === undefined) {
          keys.set(key, offset);
          return;
        }
        const pointer = [...path(), key].map((s) => `/${pointerSegment(String(s))}`).join('');
        const firstLine = locations.position(first).line;
        problems.push({
          pointer,
          ...locations.position(offset),
          expected: `"${key}" once in its object`,
          found: `it again (first on line ${firstLine})`,
          hint: `JSON keeps only the last one: delete the line you do not mean (line ${firstLine} or line ${locations.position(offset).line}).`,
        });
      },
    },
    { disallowComments: true, allowTrailingComma: false },
  );
  return problems;
}
