/**
 * Reads the Mermaid flowchart subset the diagrams use, line by line, and rewrites it for beautiful-mermaid.
 *
 * beautiful-mermaid's own parser is a set of forgiving regular expressions: a line it cannot read is
 * dropped without a word, a label holding `)`, `]` or `|` is cut at that character, `*x*` and `~~x~~`
 * in a label turn into italics and strike-through (Mermaid shows them as typed), Mermaid's entity codes
 * (`#quot;`) are printed as typed, and a subgraph left open disappears. So this reader
 * - checks every line against the subset and reports the first it cannot read, with its line number;
 * - checks `linkStyle` indexes against the number of edges (Mermaid itself fails on them with a
 *   message that names nothing);
 * - rewrites every label with entity codes decoded and the characters beautiful-mermaid would misread
 *   replaced by private-use placeholders, which {@link PreparedFlowchart.restore} turns back in the SVG;
 * - writes class names with `-` (which beautiful-mermaid's `classDef` cannot read) without it.
 *
 * The subset: `flowchart LR` (or graph, any direction); `subgraph id["title"]` … `end`; `direction`;
 * nodes `id`, `id["label"]`, `id("label")`, `id(["label"])`, `id[("label")]`, `id[["label"]]`,
 * `id{{"label"}}`, `id{"label"}`, `id(("label"))`, `id>"label"]`, with `:::class`; labels quoted or plain,
 * with `<br/>` and `<b>`/`<i>`-style tags; edges `-->`, `---`, `-.->`, `-.-`, `==>`, `===` (longer forms
 * too, `<` in front for both ends), with `|label|`, chained and with `&`; `classDef`, `class`, `style`,
 * `linkStyle`; `%%` comments; a `;` at the end of a statement.
 */
import { escapeXml } from '../../render/escape-xml.ts';

/** A line the subset reader cannot read. */
export class FlowchartSubsetError extends Error {
  constructor(
    readonly line: number,
    readonly detail: string,
    readonly source: string,
  ) {
    super(`line ${line}: ${detail}`);
  }
}

export interface PreparedFlowchart {
  /** The text to give beautiful-mermaid. */
  readonly text: string;
  /** Turns the placeholders of protected label characters in beautiful-mermaid's SVG back into text. */
  restore(svg: string): string;
  /** Every node's label as Mermaid shows it (tags removed, `<br/>` as a space), in order of appearance. */
  readonly labels: ReadonlyMap<string, string>;
  readonly edgeCount: number;
}

const ID = /^[A-Za-z0-9_]+(?:-[A-Za-z0-9_]+)*/;
const CLASS_NAME = /^[A-Za-z_][\w-]*$/;
const DIRECTION = /^(LR|RL|TB|TD|BT)$/i;

/** Node shapes, longest opener first. */
const SHAPES: readonly { open: string; close: string }[] = [
  { open: '(((', close: ')))' },
  { open: '([', close: '])' },
  { open: '[(', close: ')]' },
  { open: '[[', close: ']]' },
  { open: '{{', close: '}}' },
  { open: '((', close: '))' },
  { open: '[', close: ']' },
  { open: '(', close: ')' },
  { open: '{', close: '}' },
  { open: '>', close: ']' },
];

/** Arrow operators (longer forms are written as these), most specific first. */
const ARROWS: readonly { pattern: RegExp; op: string }[] = [
  { pattern: /^-\.+->/, op: '-.->' },
  { pattern: /^-\.+-/, op: '-.-' },
  { pattern: /^--+>/, op: '-->' },
  { pattern: /^---+/, op: '---' },
  { pattern: /^==+>/, op: '==>' },
  { pattern: /^===+/, op: '===' },
];

const FORMAT_TAG = /<\s*\/?\s*(?:br|b|strong|i|em|u|s|del)\s*\/?\s*>/gi;
/** Characters beautiful-mermaid's regular expressions or label formatting would misread. */
const PROTECTED = '"[](){}|*~\\<>';
const PLACEHOLDER_BASE = 0xe000;

export function prepareFlowchart(text: string): PreparedFlowchart {
  const lines = text.split(/\r?\n/);
  const out: string[] = [];
  const labels = new Map<string, string>();
  const openSubgraphs: { id: string; line: number }[] = [];
  const linkStyles: { line: number; source: string; indices: number[] }[] = [];
  let edgeCount = 0;
  let header = false;

  for (const [index, raw] of lines.entries()) {
    const lineNo = index + 1;
    const source = raw.trim();
    const fail: (detail: string) => never = (detail) => {
      throw new FlowchartSubsetError(lineNo, detail, source);
    };
    if (/[\ue000-\ue00f]/.test(source)) fail('holds a private-use character (U+E000 to U+E00F)');
    const statement = source.replace(/;\s*$/, '').trim();
    if (!statement || statement.startsWith('%%')) continue;

    if (!header) {
      const match = /^(flowchart|graph)\s+(\S+)$/.exec(statement);
      if (!match?.[2] || !DIRECTION.test(match[2])) {
        fail('expected the diagram type and direction first, e.g. `flowchart LR`');
      }
      header = true;
      out.push(`flowchart ${(match?.[2] ?? '').toUpperCase()}`);
      continue;
    }

    const keyword = /^(\w+)(?=\s|$)/.exec(statement)?.[1];
    switch (keyword) {
      case 'subgraph': {
        const cursor = new Cursor(statement.slice('subgraph'.length), fail);
        cursor.skipSpaces();
        const id = cursor.take(ID) ?? fail('expected `subgraph id["title"]`');
        cursor.skipSpaces();
        let title: string | undefined;
        if (cursor.peek('[')) {
          cursor.advance(1);
          title = cursor.label(']');
        }
        cursor.skipSpaces();
        if (!cursor.done) fail(`unexpected "${cursor.rest}" after the subgraph title`);
        openSubgraphs.push({ id, line: lineNo });
        out.push(title === undefined ? `subgraph ${id}` : `subgraph ${id}[${protect(title) || ' '}]`);
        continue;
      }
      case 'end':
        if (statement !== 'end') break;
        if (!openSubgraphs.pop()) fail('`end` without an open `subgraph`');
        out.push('end');
        continue;
      case 'direction': {
        const match = /^direction\s+(\S+)$/.exec(statement);
        if (!match?.[1] || !DIRECTION.test(match[1])) fail('expected `direction LR` (or RL, TB, TD, BT)');
        if (openSubgraphs.length === 0) fail('`direction` is only read inside a subgraph');
        out.push(statement);
        continue;
      }
      case 'classDef': {
        const match = /^classDef\s+([^\s]+)\s+(\S.*)$/.exec(statement);
        if (!match?.[1] || !match[2]) fail('expected `classDef name fill:#hex,stroke:#hex,color:#hex`');
        const style = styleList(match[2], fail);
        for (const name of className(match[1], fail)) out.push(`classDef ${name} ${style}`);
        continue;
      }
      case 'class': {
        const match = /^class\s+(.+?)\s+([^\s,]+)$/.exec(statement);
        if (!match?.[1] || !match[2]) fail('expected `class id1,id2 className`');
        const ids = idList(match[1], fail);
        out.push(`class ${ids.join(',')} ${className(match[2], fail).join('')}`);
        continue;
      }
      case 'style': {
        const match = /^style\s+(\S+)\s+(\S.*)$/.exec(statement);
        if (!match?.[1] || !match[2]) fail('expected `style id fill:#hex,stroke:#hex`');
        out.push(`style ${idList(match[1], fail).join(',')} ${styleList(match[2], fail)}`);
        continue;
      }
      case 'linkStyle': {
        const match = /^linkStyle\s+(default|\d+(?:\s*,\s*\d+)*)\s+(\S.*)$/.exec(statement);
        if (!match?.[1] || !match[2]) fail('expected `linkStyle 3 stroke:#hex` (edge numbers from 0)');
        if (match[1] !== 'default') {
          linkStyles.push({
            line: lineNo,
            source,
            indices: match[1].split(',').map((n) => Number(n.trim())),
          });
        }
        out.push(`linkStyle ${match[1].replace(/\s+/g, '')} ${styleList(match[2], fail)}`);
        continue;
      }
      case 'click':
      case 'call':
      case 'href':
      case 'accTitle':
      case 'accDescr':
        fail(`\`${keyword}\` is not part of the diagram subset this renderer reads`);
    }

    const statementOut = readStatement(new Cursor(statement, fail), labels, fail);
    edgeCount += statementOut.edges;
    out.push(statementOut.text);
  }

  if (!header) throw new FlowchartSubsetError(1, 'the diagram is empty: expected `flowchart LR`', '');
  const unclosed = openSubgraphs.at(-1);
  if (unclosed) {
    throw new FlowchartSubsetError(
      unclosed.line,
      `subgraph "${unclosed.id}" is never closed with \`end\``,
      (lines[unclosed.line - 1] ?? '').trim(),
    );
  }
  for (const style of linkStyles) {
    const outOfRange = style.indices.find((i) => i >= edgeCount);
    if (outOfRange !== undefined) {
      const range = edgeCount === 0 ? 'no edges' : `${edgeCount} edges, numbered 0 to ${edgeCount - 1}`;
      throw new FlowchartSubsetError(
        style.line,
        `linkStyle ${outOfRange} refers to an edge that does not exist (the diagram has ${range})`,
        style.source,
      );
    }
  }

  return { text: `${out.join('\n')}\n`, restore, labels, edgeCount };
}

/** `node (arrow node)*`, where a node may be `a & b`. */
function readStatement(
  cursor: Cursor,
  labels: Map<string, string>,
  fail: (detail: string) => never,
): { text: string; edges: number } {
  const parts: string[] = [];
  let previous = readNodeGroup(cursor, labels, fail);
  parts.push(previous.text);
  let edges = 0;
  for (;;) {
    cursor.skipSpaces();
    if (cursor.done) break;
    const arrow = readArrow(cursor, fail);
    cursor.skipSpaces();
    if (cursor.done) fail(`expected a node after \`${arrow.op}\``);
    const next = readNodeGroup(cursor, labels, fail);
    edges += previous.count * next.count;
    parts.push(arrow.text, next.text);
    previous = next;
  }
  return { text: parts.join(' '), edges };
}

function readNodeGroup(
  cursor: Cursor,
  labels: Map<string, string>,
  fail: (detail: string) => never,
): { text: string; count: number } {
  const nodes = [readNode(cursor, labels, fail)];
  for (;;) {
    const save = cursor.position;
    cursor.skipSpaces();
    if (!cursor.peek('&')) {
      cursor.position = save;
      break;
    }
    cursor.advance(1);
    cursor.skipSpaces();
    nodes.push(readNode(cursor, labels, fail));
  }
  return { text: nodes.join(' & '), count: nodes.length };
}

function readNode(cursor: Cursor, labels: Map<string, string>, fail: (detail: string) => never): string {
  const id = cursor.take(ID);
  if (!id) {
    return fail(
      cursor.done ? 'expected a node' : `expected a node id (letters, digits, _ and -) at "${cursor.rest}"`,
    );
  }
  if (id === 'end' || id === 'subgraph') fail(`\`${id}\` cannot be a node id`);
  let text = id;
  if (/^\[[/\\]/.test(cursor.rest)) {
    fail('the `[/ /]` and `[\\ \\]` shapes are not part of the diagram subset this renderer reads');
  }
  const shape = SHAPES.find((s) => cursor.peek(s.open));
  if (shape) {
    cursor.advance(shape.open.length);
    const label = cursor.label(shape.close);
    if (!labels.has(id)) labels.set(id, plainText(label));
    text += `${shape.open}${protect(label) || ' '}${shape.close}`;
  }
  if (cursor.peek(':::')) {
    cursor.advance(3);
    const name = cursor.take(/^[A-Za-z_][\w-]*/) ?? fail('expected a class name after `:::`');
    text += `:::${className(name, fail).join('')}`;
  }
  return text;
}

function readArrow(cursor: Cursor, fail: (detail: string) => never): { text: string; op: string } {
  const both = cursor.peek('<');
  if (both) cursor.advance(1);
  if (/^(--|-\.|==)\s/.test(cursor.rest)) {
    fail('write edge labels as `a -->|label| b` (the `-- label -->` form is not read)');
  }
  const arrow = ARROWS.find((a) => a.pattern.test(cursor.rest));
  if (!arrow) {
    return fail(`expected an edge (-->, -.->, ==>, ---) or the end of the line at "${cursor.rest}"`);
  }
  cursor.take(arrow.pattern);
  if (/^[ox](?=\s|$)/.test(cursor.rest))
    fail('edges ending in `o` or `x` are not part of the diagram subset');
  const op = `${both ? '<' : ''}${arrow.op}`;
  const save = cursor.position;
  cursor.skipSpaces();
  if (!cursor.peek('|')) {
    cursor.position = save;
    return { text: op, op };
  }
  cursor.advance(1);
  const label = cursor.label('|');
  return { text: `${op}|${protect(label)}|`, op };
}

class Cursor {
  position = 0;
  constructor(
    private readonly text: string,
    private readonly fail: (detail: string) => never,
  ) {}

  get rest(): string {
    return this.text.slice(this.position);
  }
  get done(): boolean {
    return this.position >= this.text.length;
  }
  peek(token: string): boolean {
    return this.text.startsWith(token, this.position);
  }
  advance(count: number): void {
    this.position += count;
  }
  skipSpaces(): void {
    while (this.text[this.position] === ' ' || this.text[this.position] === '\t') this.position++;
  }
  take(pattern: RegExp): string | undefined {
    const match = pattern.exec(this.rest)?.[0];
    if (match) this.position += match.length;
    return match;
  }

  /** A label up to `close`: `"quoted"` (anything but `"`) or plain (no brackets, quotes or pipes). */
  label(close: string): string {
    if (this.peek('"')) {
      const end = this.text.indexOf('"', this.position + 1);
      if (end < 0) this.fail('unclosed `"` in a label');
      const label = this.text.slice(this.position + 1, end);
      this.position = end + 1;
      if (!this.peek(close)) this.fail(`expected \`${close}\` after the quoted label "${label}"`);
      this.position += close.length;
      return label;
    }
    const end = this.text.indexOf(close, this.position);
    if (end < 0) this.fail(`unclosed label: \`${close}\` is missing`);
    const label = this.text.slice(this.position, end);
    const bad = /["()[\]{}|]/.exec(label);
    if (bad) this.fail(`the label "${label}" holds \`${bad[0]}\`: put the label in double quotes`);
    this.position = end + close.length;
    return label;
  }
}

function idList(list: string, fail: (detail: string) => never): string[] {
  const ids = list.split(',').map((s) => s.trim());
  for (const id of ids) if (ID.exec(id)?.[0] !== id) fail(`"${id}" is not a node id`);
  return ids;
}

/** Class names as beautiful-mermaid reads them (`\w+`): `-` becomes `__`. */
function className(list: string, fail: (detail: string) => never): string[] {
  return list.split(',').map((name) => {
    const trimmed = name.trim();
    if (!CLASS_NAME.test(trimmed)) fail(`"${trimmed}" is not a class name`);
    return trimmed.replaceAll('-', '__');
  });
}

function styleList(styles: string, fail: (detail: string) => never): string {
  const parts = styles.split(',').map((s) => s.trim().replace(/;$/, ''));
  for (const part of parts) {
    if (!/^[\w-]+\s*:\s*\S/.test(part))
      fail(`expected styles such as fill:#hex,stroke:#hex, found "${part}"`);
  }
  return parts.join(',');
}

/** Label text with tags kept, entities decoded and misread characters replaced by placeholders. */
function protect(label: string): string {
  return mapText(label, (text) =>
    [...decodeEntities(text)]
      .map((char) => {
        const index = PROTECTED.indexOf(char);
        return index < 0 ? char : String.fromCodePoint(PLACEHOLDER_BASE + index);
      })
      .join(''),
  );
}

function restore(svg: string): string {
  return svg.replace(/[\ue000-\ue00f]/g, (char) => {
    const original = PROTECTED[(char.codePointAt(0) ?? 0) - PLACEHOLDER_BASE] ?? '';
    return escapeXml(original);
  });
}

/** Applies `transform` to the text between formatting tags; `<br>` in any spelling becomes `<br/>`. */
function mapText(label: string, transform: (text: string) => string): string {
  let out = '';
  let index = 0;
  for (const tag of label.matchAll(FORMAT_TAG)) {
    out += transform(label.slice(index, tag.index));
    out += /br/i.test(tag[0]) ? '<br/>' : tag[0].replace(/\s+/g, '');
    index = tag.index + tag[0].length;
  }
  return out + transform(label.slice(index));
}

function plainText(label: string): string {
  return mapText(label, decodeEntities)
    .replace(/<br\/>/g, ' ')
    .replace(FORMAT_TAG, '')
    .trim();
}

const NAMED_ENTITIES: Record<string, string> = {
  quot: '"',
  amp: '&',
  lt: '<',
  gt: '>',
  apos: "'",
  nbsp: '\u00a0',
};

/** Mermaid's entity codes (`#quot;`, `#35;`) and HTML entities (`&amp;`, `&#35;`, `&#x23;`). */
function decodeEntities(text: string): string {
  return text.replace(/[#&](#?)(x?)([0-9a-z]+);/gi, (all, hash: string, hex: string, body: string) => {
    const numeric = all.startsWith('#')
      ? /^\d+$/.test(body) || (hex !== '' && /^[0-9a-f]+$/i.test(body))
      : hash;
    if (numeric) {
      const code = hex ? parseInt(body, 16) : Number(body);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : all;
    }
    return NAMED_ENTITIES[body.toLowerCase()] ?? all;
  });
}
