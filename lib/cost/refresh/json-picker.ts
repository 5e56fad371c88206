/**
 * Picks values out of a JSON document that arrives in chunks, without holding the whole document: the
 * AmazonEC2 offer file of one region is hundreds of MB, and `JSON.parse` of it would need several GB.
 *
 * `decide(path)` is asked for each value by its path of keys (array items by index): `descend` walks into
 * an object or array, `capture` hands the value to `onValue` (parsed with `JSON.parse`, so only the
 * captured values are ever materialised), `skip` scans past it keeping nothing. Malformed or unfinished
 * JSON throws a SyntaxError naming the character offset.
 */
export type PickDecision = 'descend' | 'capture' | 'skip';

interface Frame {
  readonly array: boolean;
  readonly path: string[];
  /** The key of the value being read (objects), or the next index (arrays). */
  key: string;
  index: number;
  expect: 'key' | 'colon' | 'value' | 'comma' | 'first';
}

/** A value scanned as text (captured or skipped) rather than walked key by key. */
interface Opaque {
  readonly capture: boolean;
  readonly path: string[];
  /** Primitives (numbers, true/false/null) end at the first delimiter rather than at a bracket. */
  readonly primitive: boolean;
  depth: number;
  inString: boolean;
  escaped: boolean;
  readonly parts: string[];
}

const QUOTE = 34;
const BACKSLASH = 92;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;
const COMMA = 44;
const COLON = 58;

const STRUCTURAL = /["{}[\]]/g;

const isSpace = (c: number) => c === 32 || c === 10 || c === 13 || c === 9;

export class JsonPicker {
  private readonly stack: Frame[] = [];
  private opaque: Opaque | undefined;
  /** Unread text of a token (a key) that continues in the next chunk. */
  private carry = '';
  /** Characters consumed before the current chunk, for error positions. */
  private offset = 0;
  private started = false;
  private finished = false;

  constructor(
    private readonly decide: (path: readonly string[]) => PickDecision,
    private readonly onValue: (path: readonly string[], value: unknown) => void,
  ) {}

  write(chunk: string): void {
    const text = this.carry + chunk;
    const base = this.offset - this.carry.length;
    this.carry = '';
    let i = 0;
    const n = text.length;
    while (i < n) {
      if (this.opaque) {
        i = this.scanOpaque(text, i, base);
        continue;
      }
      const c = text.charCodeAt(i);
      if (isSpace(c)) {
        i += 1;
        continue;
      }
      if (this.finished) throw this.error('text after the end of the document', base + i);
      const frame = this.stack.at(-1);
      if (frame === undefined) {
        if (this.started) throw this.error('unexpected text', base + i);
        this.started = true;
        i = this.startValue(text, i, [], base);
        continue;
      }
      switch (frame.expect) {
        case 'first':
        case 'key': {
          if (!frame.array && c === QUOTE) {
            const end = stringEnd(text, i + 1);
            if (end < 0) {
              this.carry = text.slice(i);
              i = n;
              break;
            }
            frame.key = JSON.parse(text.slice(i, end + 1)) as string;
            frame.expect = 'colon';
            i = end + 1;
          } else if (frame.expect === 'first' && (c === CLOSE_BRACE || c === CLOSE_BRACKET)) {
            i = this.close(frame, c, i, base);
          } else if (frame.array) {
            frame.expect = 'value';
          } else {
            throw this.error('expected a key in double quotes', base + i);
          }
          break;
        }
        case 'colon':
          if (c !== COLON) throw this.error(`expected ":" after key "${frame.key}"`, base + i);
          frame.expect = 'value';
          i += 1;
          break;
        case 'value': {
          const key = frame.array ? String(frame.index++) : frame.key;
          frame.expect = 'comma';
          i = this.startValue(text, i, [...frame.path, key], base);
          break;
        }
        case 'comma':
          if (c === COMMA) {
            frame.expect = frame.array ? 'value' : 'key';
            i += 1;
          } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
            i = this.close(frame, c, i, base);
          } else {
            throw this.error('expected "," or the end of the object or array', base + i);
          }
          break;
      }
    }
    this.offset = base + n;
  }

  /** Declares the document complete; throws if it stopped part-way (a download cut short). */
  end(): void {
    const pending = this.opaque;
    if (pending?.primitive && pending.parts.length > 0) this.finishOpaque(pending, '');
    if (!this.finished || this.carry.trim() !== '' || this.opaque) {
      throw this.error('the JSON text ends early (was the download cut short?)', this.offset);
    }
  }

  private startValue(text: string, i: number, path: string[], base: number): number {
    const c = text.charCodeAt(i);
    const container = c === OPEN_BRACE || c === OPEN_BRACKET;
    const decision = this.decide(path);
    if (container && decision === 'descend') {
      this.stack.push({ array: c === OPEN_BRACKET, path, key: '', index: 0, expect: 'first' });
      return i + 1;
    }
    if (c === CLOSE_BRACE || c === CLOSE_BRACKET || c === COMMA || c === COLON) {
      throw this.error('expected a value', base + i);
    }
    this.opaque = {
      capture: decision === 'capture',
      path,
      primitive: !container && c !== QUOTE,
      depth: 0,
      inString: false,
      escaped: false,
      parts: [],
    };
    return i;
  }

  /** Scans a captured or skipped value from `i`; returns where scanning stopped. */
  private scanOpaque(text: string, from: number, base: number): number {
    const o = this.opaque as Opaque;
    const n = text.length;
    let i = from;
    if (o.primitive) {
      while (i < n) {
        const c = text.charCodeAt(i);
        if (isSpace(c) || c === COMMA || c === CLOSE_BRACE || c === CLOSE_BRACKET) break;
        i += 1;
      }
      o.parts.push(text.slice(from, i));
      if (i < n) this.finishOpaque(o, '', base + i);
      return i;
    }
    // Jumps from one structural character to the next (native regex and indexOf, not a loop per character):
    // a skipped EC2 product list is most of a 300 MB file.
    let { depth, inString, escaped } = o;
    let done = false;
    while (i < n) {
      if (inString) {
        if (escaped) {
          escaped = false;
          i += 1;
          continue;
        }
        const quote = stringEnd(text, i);
        if (quote < 0) {
          // The string goes on in the next chunk; an odd run of backslashes escapes its first character.
          let slashes = 0;
          for (let j = n - 1; j >= i && text.charCodeAt(j) === BACKSLASH; j -= 1) slashes += 1;
          escaped = slashes % 2 === 1;
          i = n;
          break;
        }
        inString = false;
        i = quote;
        if (depth === 0) {
          done = true;
          break;
        }
        i += 1;
        continue;
      }
      STRUCTURAL.lastIndex = i;
      const match = STRUCTURAL.exec(text);
      if (match === null) {
        i = n;
        break;
      }
      i = match.index;
      const c = text.charCodeAt(i);
      if (c === QUOTE) inString = true;
      else if (c === OPEN_BRACE || c === OPEN_BRACKET) depth += 1;
      else {
        depth -= 1;
        if (depth === 0) {
          done = true;
          break;
        }
      }
      i += 1;
    }
    if (done) {
      this.finishOpaque(o, o.capture ? text.slice(from, i + 1) : '', base + i);
      return i + 1;
    }
    o.depth = depth;
    o.inString = inString;
    o.escaped = escaped;
    if (o.capture) o.parts.push(text.slice(from));
    return n;
  }

  private finishOpaque(o: Opaque, last: string, position = this.offset): void {
    this.opaque = undefined;
    const raw = o.parts.join('') + last;
    if (o.capture || o.primitive) {
      let value: unknown;
      try {
        value = JSON.parse(raw);
      } catch (error) {
        throw this.error(`not a JSON value (${(error as Error).message})`, position);
      }
      if (o.capture) this.onValue(o.path, value);
    }
    this.afterValue();
  }

  private close(frame: Frame, c: number, i: number, base: number): number {
    if ((c === CLOSE_BRACKET) !== frame.array) throw this.error('mismatched bracket', base + i);
    this.stack.pop();
    this.afterValue();
    return i + 1;
  }

  private afterValue(): void {
    if (this.stack.length === 0) this.finished = true;
  }

  private error(what: string, position: number): SyntaxError {
    return new SyntaxError(`${what} at character ${position}`);
  }
}

/** Index of the quote that closes the string whose contents start at `from`; -1 if not in `text`. */
function stringEnd(text: string, from: number): number {
  let i = from;
  for (;;) {
    const quote = text.indexOf('"', i);
    if (quote < 0) return -1;
    let slashes = 0;
    for (let j = quote - 1; j >= from && text.charCodeAt(j) === BACKSLASH; j -= 1) slashes += 1;
    if (slashes % 2 === 0) return quote;
    i = quote + 1;
  }
}
