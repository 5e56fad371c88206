export interface InventoryErrorDetails {
  /** 1-based position of the problem in the file, when known. */
  readonly line?: number;
  readonly column?: number;
  /** What to do about it. */
  readonly hint?: string;
  readonly cause?: unknown;
}

/**
 * Thrown when a cloud assembly or a template cannot be read into an inventory. The message names the file
 * (with line and column when the parser gives them), what is wrong and how to fix it; it is meant to be
 * printed as it is, without a stack trace.
 */
export class InventoryError extends Error {
  readonly file: string;
  /** What is wrong, without the file name and the hint. */
  readonly problem: string;
  readonly line?: number;
  readonly column?: number;
  readonly hint?: string;

  constructor(file: string, problem: string, details: InventoryErrorDetails = {}) {
    const where = details.line === undefined ? file : `${file}:${details.line}:${details.column ?? 1}`;
    super(details.hint ? `${where}: ${problem}\n  ${details.hint}` : `${where}: ${problem}`, {
      cause: details.cause,
    });
    this.name = 'InventoryError';
    this.file = file;
    this.problem = problem;
    this.line = details.line;
    this.column = details.column;
    this.hint = details.hint;
  }
}
