/**
 * CloudFormation template text (JSON or YAML) to the template object, in CloudFormation's long JSON form:
 * YAML short tags (`!Ref X`, `!GetAtt A.B`, `!Sub [...]`, ...) become `{ Ref: X }`, `{ 'Fn::GetAtt': [A, B] }`, ...
 */
import { type ParseError, parse as parseJsonc, printParseErrorCode } from 'jsonc-parser';
import {
  type Document,
  isScalar,
  LineCounter,
  parseDocument,
  type Tags,
  visit,
  YAMLMap,
  YAMLSeq,
} from 'yaml';
import { expandForEach } from './for-each.ts';
import { InventoryError } from './inventory-error.ts';
import { applySamGlobals } from './sam-globals.ts';
import type { CloudFormationTemplate } from './types.ts';

export type TemplateFormat = 'json' | 'yaml';

/** Short form name → long form key. Condition functions and Rules functions included. */
const SHORT_FORMS: ReadonlyMap<string, string> = new Map([
  ['Ref', 'Ref'],
  ['Condition', 'Condition'],
  ...[
    'Base64',
    'Cidr',
    'FindInMap',
    'GetAtt',
    'GetAZs',
    'ImportValue',
    'Join',
    'Select',
    'Split',
    'Sub',
    'Transform',
    'And',
    'Equals',
    'If',
    'Not',
    'Or',
    'Contains',
    'EachMemberEquals',
    'EachMemberIn',
    'RefAll',
    'ValueOf',
    'ValueOfAll',
    'Length',
    'ToJsonString',
  ].map((name): [string, string] => [name, `Fn::${name}`]),
]);

type ToJsonContext = Parameters<YAMLSeq['toJSON']>[1];

const longForm = (tag: string | undefined): string => SHORT_FORMS.get(tag?.slice(1) ?? '') ?? String(tag);

/**
 * The collection forms (`!Join [...]`, `!Transform {...}`) stay YAML collections until the document is
 * converted, and then convert with the document's context, so aliases inside them resolve. yaml sets the
 * node's `tag` to the short form after composing it.
 */
class IntrinsicSeq extends YAMLSeq {
  // The declared return type is the base class's; the value is the function's long form around the list.
  override toJSON(arg?: unknown, ctx?: ToJsonContext): unknown[] {
    return { [longForm(this.tag)]: super.toJSON(arg, ctx) } as unknown as unknown[];
  }
}

class IntrinsicMap extends YAMLMap {
  override toJSON(arg?: unknown, ctx?: ToJsonContext): Record<string, unknown> {
    return { [longForm(this.tag)]: super.toJSON(arg, ctx) };
  }
}

/** The tags, built once: a scalar, a sequence and a mapping form for each short form. */
const CLOUDFORMATION_TAGS: Tags = [...SHORT_FORMS].flatMap(([name, key]): Tags => {
  const tag = `!${name}`;
  return [
    { tag, resolve: (value: string) => ({ [key]: name === 'GetAtt' ? splitGetAtt(value) : value }) },
    { tag, collection: 'seq', nodeClass: IntrinsicSeq },
    { tag, collection: 'map', nodeClass: IntrinsicMap },
  ];
});

/** `!GetAtt Db.Endpoint.Address` → ['Db', 'Endpoint.Address'] (the logical id never holds a dot). */
function splitGetAtt(value: string): string[] | string {
  const dot = value.indexOf('.');
  return dot === -1 ? value : [value.slice(0, dot), value.slice(dot + 1)];
}

const KNOWN_TAGS = [...SHORT_FORMS.keys()].map((name) => `!${name}`).join(', ');

/** The format from the file name, else from the first character (`{` is JSON). */
export function templateFormat(file: string, text: string): TemplateFormat {
  const lower = file.toLowerCase();
  if (lower.endsWith('.json')) return 'json';
  if (lower.endsWith('.yaml') || lower.endsWith('.yml')) return 'yaml';
  return text.trimStart().startsWith('{') ? 'json' : 'yaml';
}

export interface ParseOptions {
  /** @default from the file's name, else its first character */
  readonly format?: TemplateFormat;
  /** What CloudFormation accepts but a reader should hear about (a key written twice). */
  readonly onWarning?: (message: string) => void;
  /** Parameter values, for the collections of Fn::ForEach loops; parameters left out take their Default. */
  readonly parameters?: Readonly<Record<string, unknown>>;
}

/**
 * Parses and checks a template, then does what CloudFormation does before it creates anything: expands
 * Fn::ForEach loops and merges SAM Globals into the resources they cover. `file` only names it in errors.
 */
export function parseTemplate(
  text: string,
  file: string,
  options: ParseOptions = {},
): CloudFormationTemplate {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const format = options.format ?? templateFormat(file, source);
  const value =
    format === 'json'
      ? parseJson(source, file, options.onWarning)
      : parseYaml(source, file, options.onWarning ?? (() => {}));
  return applySamGlobals(checkTemplate(expandForEach(value, file, options.parameters), file), file);
}

function parseJson(text: string, file: string, onWarning?: (message: string) => void): unknown {
  try {
    const value = JSON.parse(text);
    // JSON.parse, like CloudFormation, keeps the last of a key written twice, without a word: say so. A
    // second pass over the text, so only when someone listens (synthesized templates have no duplicates).
    if (onWarning) for (const warning of duplicateJsonKeys(text)) onWarning(`${file}: ${warning}`);
    return value;
  } catch (cause) {
    // JSON.parse says little about where; jsonc-parser (strict settings) gives the offset of the first error.
    const errors: ParseError[] = [];
    parseJsonc(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
    const first = errors[0];
    const { line, column } = first
      ? lineAndColumn(text, first.offset)
      : { line: undefined, column: undefined };
    const problem = first ? describeJsonError(printParseErrorCode(first.error)) : (cause as Error).message;
    throw new InventoryError(file, `invalid JSON: ${problem}.`, {
      line,
      column,
      hint: 'Fix the syntax there (a missing or extra comma, quote or bracket is the usual cause), or validate the file with `cfn-lint`.',
      cause,
    });
  }
}

/**
 * One line per key written more than once in the same object, worded as for YAML, outer objects first.
 * The text is valid JSON (JSON.parse took it), so one pass over its characters finds the keys (a string
 * followed by a colon): a few ms for a 5,000-resource template, where jsonc-parser's visitor took 130 ms.
 */
function duplicateJsonKeys(text: string): string[] {
  const found: { order: number; lines: string[] }[] = [];
  // One entry per open object (the first offset of each key as written, then any repeats) or array (null).
  const open: ({ order: number; first: Map<string, number>; repeats?: Map<string, number[]> } | null)[] = [];
  let objects = 0;
  let keyStart = -1;
  let keyEnd = -1;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (c === 34) {
      keyStart = i;
      keyEnd = stringEnd(text, i);
      i = keyEnd;
    } else if (c === 58) {
      const object = open.at(-1);
      if (keyStart >= 0 && object) {
        const key = text.slice(keyStart, keyEnd + 1);
        const first = object.first.get(key);
        if (first === undefined) object.first.set(key, keyStart);
        else {
          object.repeats ??= new Map();
          object.repeats.set(key, [...(object.repeats.get(key) ?? [first]), keyStart]);
        }
      }
      keyStart = -1;
    } else if (c === 123) {
      open.push({ order: objects++, first: new Map() });
    } else if (c === 91) {
      open.push(null);
    } else if (c === 125 || c === 93) {
      const object = open.pop();
      if (object?.repeats) {
        const lineOf = lineFinder(text);
        const lines = [...object.repeats].map(([written, offsets]) =>
          duplicateKeyWarning(JSON.parse(written) as string, offsets.map(lineOf), 'object'),
        );
        found.push({ order: object.order, lines });
      }
    } else if (c !== 32 && c !== 10 && c !== 13 && c !== 9) {
      keyStart = -1;
    }
  }
  return found.sort((a, b) => a.order - b.order).flatMap((object) => object.lines);
}

/** The offset of the quote that closes the string opening at `start`. */
function stringEnd(text: string, start: number): number {
  let from = start + 1;
  for (;;) {
    const quote = text.indexOf('"', from);
    if (quote < 0) return text.length;
    let slashes = 0;
    while (text.charCodeAt(quote - 1 - slashes) === 92) slashes += 1;
    if (slashes % 2 === 0) return quote;
    from = quote + 1;
  }
}

/** The 1-based line of an offset in `text`. */
function lineFinder(text: string): (offset: number) => number {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return (offset) => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((starts[middle] as number) <= offset) low = middle;
      else high = middle - 1;
    }
    return low + 1;
  };
}

function duplicateKeyWarning(key: string, lines: readonly number[], container: 'map' | 'object'): string {
  return `key "${key}" is written ${lines.length} times in one ${container} (lines ${lines.join(', ')}); CloudFormation keeps the last (line ${lines.at(-1)}): delete the others.`;
}

/** 'CommaExpected' → 'comma expected'. */
function describeJsonError(code: string): string {
  return code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (
    let newline = text.indexOf('\n');
    newline !== -1 && newline < offset;
    newline = text.indexOf('\n', newline + 1)
  ) {
    line++;
    lineStart = newline + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

function parseYaml(text: string, file: string, onWarning: (message: string) => void): unknown {
  const lineCounter = new LineCounter();
  // CloudFormation accepts a key written twice in one map and keeps the last: so do we, with a warning.
  const doc = parseDocument(text, {
    customTags: CLOUDFORMATION_TAGS,
    merge: false,
    prettyErrors: true,
    uniqueKeys: false,
    lineCounter,
  });
  const error = doc.errors[0];
  if (error) {
    const position = error.linePos?.[0];
    throw new InventoryError(file, `invalid YAML: ${firstLine(error.message)}.`, {
      line: position?.line,
      column: position?.col,
      hint: 'Fix the syntax there (indentation, an unclosed quote or bracket), or validate the file with `cfn-lint`.',
      cause: error,
    });
  }
  const unknownTag = doc.warnings.find(
    (w) => w.code === 'TAG_RESOLVE_FAILED' && w.message.startsWith('Unresolved tag'),
  );
  if (unknownTag) {
    const position = unknownTag.linePos?.[0];
    const tag = firstLine(unknownTag.message).replace(/^Unresolved tag: (\S+).*$/, '$1');
    throw new InventoryError(file, `unknown YAML tag ${tag}.`, {
      line: position?.line,
      column: position?.col,
      hint: `CloudFormation's short forms are ${KNOWN_TAGS}; check the spelling, or write the function in its long form ("Fn::Name": ...).`,
    });
  }
  for (const warning of duplicateKeys(doc, lineCounter)) onWarning(`${file}: ${warning}`);
  return doc.toJS();
}

/** One line per key written more than once in the same map: the key, the lines, and which one counts. */
function duplicateKeys(doc: Document, lineCounter: LineCounter): string[] {
  const found: string[] = [];
  visit(doc, {
    Map(_, map) {
      const lines = new Map<string, number[]>();
      for (const pair of map.items) {
        if (!isScalar(pair.key) || !pair.key.range) continue;
        const key = String(pair.key.value);
        const line = lineCounter.linePos(pair.key.range[0]).line;
        lines.set(key, [...(lines.get(key) ?? []), line]);
      }
      for (const [key, at] of lines) {
        if (at.length < 2) continue;
        found.push(duplicateKeyWarning(key, at, 'map'));
      }
    },
  });
  return found;
}

/** The message without yaml's appended " at line L, column C:" and source excerpt. */
function firstLine(message: string): string {
  const line = message.split('\n', 1)[0] ?? message;
  return line.replace(/ at line \d+, column \d+:?$/, '');
}

const SECTIONS = ['Parameters', 'Mappings', 'Conditions', 'Outputs'] as const;

/** Checks the shape this module relies on: an object with a `Resources` map of objects that each have a `Type`. */
export function checkTemplate(value: unknown, file: string): CloudFormationTemplate {
  if (value === null || value === undefined) {
    throw new InventoryError(file, 'the file is empty.', {
      hint: 'A CloudFormation template needs at least a "Resources" section.',
    });
  }
  if (!isMap(value)) {
    throw new InventoryError(
      file,
      `not a CloudFormation template: the file holds ${describe(value)}, not a map of sections.`,
      {
        hint: 'A template is a map with at least a "Resources" section.',
      },
    );
  }
  if (!isMap(value.Resources)) {
    const found = value.Resources === undefined ? 'there is none' : `found ${describe(value.Resources)}`;
    throw new InventoryError(file, `not a CloudFormation template: it needs a "Resources" map (${found}).`, {
      hint: 'Add a "Resources" section with at least one resource (logical id → { Type, Properties }).',
    });
  }
  for (const section of SECTIONS) {
    if (value[section] !== undefined && !isMap(value[section])) {
      throw new InventoryError(
        file,
        `the "${section}" section must be a map, found ${describe(value[section])}.`,
        {
          hint: `Write "${section}" as a map of names to definitions, or remove it.`,
        },
      );
    }
  }
  for (const [logicalId, resource] of Object.entries(value.Resources)) {
    if (!isMap(resource) || typeof resource.Type !== 'string' || resource.Type === '') {
      const problem = !isMap(resource)
        ? `resource "${logicalId}" is ${describe(resource)}, not a map with a Type.`
        : resource.Type === undefined
          ? `resource "${logicalId}" has no Type.`
          : `resource "${logicalId}" has no valid Type (found ${describe(resource.Type)}).`;
      throw new InventoryError(file, problem, {
        hint: 'Every resource is a map with a "Type" such as AWS::S3::Bucket, and usually "Properties".',
      });
    }
  }
  return value as unknown as CloudFormationTemplate;
}

function isMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a map';
  const text = JSON.stringify(value);
  return `${typeof value} ${text.length > 40 ? `${text.slice(0, 37)}...` : text}`;
}
