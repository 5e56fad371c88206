import { findNodeAtLocation, type Node, type ParseError, parseTree, printParseErrorCode } from 'jsonc-parser';
import type { ConfigProblem } from './config-error.ts';

/** Finds the line and column of JSON pointers in one document's text. */
export class JsonLocations {
  private readonly root: Node | undefined;
  private readonly lineStarts: number[] = [0];

  constructor(private readonly text: string) {
    this.root = parseTree(text);
    for (let i = 0; i < text.length; i++) if (text[i] === '\n') this.lineStarts.push(i + 1);
  }

  /** Position of the value at `pointer`, or of its key when `atKey`; the nearest existing ancestor if absent. */
  locate(pointer: string, atKey = false): { line: number; column: number } {
    const segments = pointerSegments(pointer);
    let node: Node | undefined;
    for (let depth = segments.length; depth >= 0 && !node; depth--) {
      node = this.root && findNodeAtLocation(this.root, segments.slice(0, depth));
    }
    const target = atKey && node?.parent?.type === 'property' ? node.parent : node;
    return this.position(target?.offset ?? 0);
  }

  position(offset: number): { line: number; column: number } {
    let line = 0;
    while (line + 1 < this.lineStarts.length && (this.lineStarts[line + 1] ?? Infinity) <= offset) line++;
    return { line: line + 1, column: offset - (this.lineStarts[line] ?? 0) + 1 };
  }

  /** Syntax errors of strict JSON (no comments, no trailing commas), as config problems. */
  syntaxProblems(errors: readonly ParseError[]): ConfigProblem[] {
    // The parser recovers and may report one mistake twice at the same place: keep the first.
    const distinct = errors.filter((e, i) => errors.findIndex((other) => other.offset === e.offset) === i);
    return distinct.map((error) => {
      const token = this.text.slice(error.offset, error.offset + Math.max(error.length, 1));
      return {
        pointer: '',
        ...this.position(error.offset),
        expected: SYNTAX_EXPECTATIONS[printParseErrorCode(error.error)] ?? printParseErrorCode(error.error),
        found: token === '' ? 'the end of the file' : JSON.stringify(token),
        hint: 'The file is not valid JSON: no comments, no trailing commas, keys and strings in double quotes.',
      };
    });
  }
}

const SYNTAX_EXPECTATIONS: Record<string, string> = {
  InvalidSymbol: 'a JSON value',
  InvalidNumberFormat: 'a number',
  PropertyNameExpected: 'a key in double quotes',
  ValueExpected: 'a value',
  ColonExpected: 'a colon ":"',
  CommaExpected: 'a comma ","',
  CloseBraceExpected: 'a closing brace "}"',
  CloseBracketExpected: 'a closing bracket "]"',
  EndOfFileExpected: 'the end of the file',
  InvalidCommentToken: 'no comment (JSON has none)',
  UnexpectedEndOfComment: 'the end of the comment',
  UnexpectedEndOfString: 'a closing double quote',
  UnexpectedEndOfNumber: 'more digits',
  InvalidUnicode: 'a valid \\u escape',
  InvalidEscapeCharacter: 'a valid escape sequence',
  InvalidCharacter: 'a printable character',
};

/** One key as a JSON pointer segment: `~` and `/` escaped (RFC 6901). */
export function pointerSegment(key: string): string {
  return key.replaceAll('~', '~0').replaceAll('/', '~1');
}

export function pointerSegments(pointer: string): (string | number)[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}
