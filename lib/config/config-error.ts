/** One thing wrong with a config file: where it is, what the schema wanted and what the file holds. */
export interface ConfigProblem {
  /** JSON pointer of the offending value ('' for the whole document). */
  readonly pointer: string;
  readonly expected: string;
  readonly found: string;
  /** 1-based position in the file, when known. */
  readonly line?: number;
  readonly column?: number;
  /** What the field is for, or how to fix it. */
  readonly hint?: string;
}

/** Thrown for any bad config file; lists every problem found at once so one edit fixes them all. */
export class ConfigError extends Error {
  constructor(
    readonly file: string,
    readonly problems: readonly ConfigProblem[],
    /** The JSON Schema that describes the file, named in the message so people know where to look. */
    readonly schema?: string,
  ) {
    super(formatProblems(file, problems, schema));
    this.name = 'ConfigError';
  }
}

function formatProblems(file: string, problems: readonly ConfigProblem[], schema?: string): string {
  const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
  const lines = [`${file} is not valid (${count}):`];
  for (const p of problems) {
    const where = p.line === undefined ? file : `${file}:${p.line}:${p.column ?? 1}`;
    const pointer = p.pointer === '' ? '(document)' : p.pointer;
    lines.push(`  ${where} ${pointer}: expected ${p.expected}, found ${p.found}.`);
    if (p.hint) lines.push(`      ${p.hint}`);
  }
  const described = schema
    ? ` ${schema} describes every field; editors complete and check the file through its "$schema" key.`
    : '';
  lines.push(`Fix the file and run again.${described}`);
  return lines.join('\n');
}

/** A short, unambiguous rendering of a JSON value for error messages. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (typeof value === 'object') return 'an object';
  const text = JSON.stringify(value);
  const shown = text.length > 60 ? `${text.slice(0, 57)}...` : text;
  return `${typeof value} ${shown}`;
}
