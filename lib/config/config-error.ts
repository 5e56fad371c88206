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
  const lines = [`${file} is not valid (${count}):`, ...problems.flatMap((p) => problemLines(file, p))];
  const described = schema
    ? ` ${schema} describes every field; editors complete and check the file through its "$schema" key.`
    : '';
  lines.push(`Fix the file and run again.${described}`);
  return lines.join('\n');
}

/** One problem as the error message shows it: file, line, column and pointer; expected, found; the hint. */
export function problemLines(file: string, problem: ConfigProblem): string[] {
  const where = problem.line === undefined ? file : `${file}:${problem.line}:${problem.column ?? 1}`;
  const pointer = problem.pointer === '' ? '(document)' : problem.pointer;
  const line = `  ${where} ${pointer}: expected ${problem.expected}, found ${problem.found}.`;
  return problem.hint ? [line, `      ${problem.hint}`] : [line];
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
