import type { Cell, Row } from './run-local.ts';

/** Widest a cell may print; longer text is cut with an ellipsis. */
const MAX_CELL = 60;

/**
 * Rows as a plain-text table for a terminal: a header, a rule, numbers right-aligned, nulls as NULL,
 * nested values as JSON, and at most `maxRows` rows.
 */
export function formatTable(columns: readonly string[], rows: readonly Row[], maxRows: number): string {
  const shown = rows.slice(0, maxRows);
  const text = shown.map((row) => columns.map((column) => cellText(row[column] ?? null)));
  const widths = columns.map((column, i) =>
    Math.max(column.length, ...text.map((cells) => cells[i]?.length ?? 0)),
  );
  const numeric = columns.map((column) => shown.length > 0 && shown.every((row) => isNumber(row[column])));
  const line = (cells: readonly string[], alignNumbers: boolean) =>
    cells
      .map((cell, i) =>
        alignNumbers && numeric[i] ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0),
      )
      .join('  ')
      .trimEnd();
  return [
    line(columns, false),
    widths.map((w) => '-'.repeat(w)).join('  '),
    ...text.map((cells) => line(cells, true)),
  ].join('\n');
}

function cellText(value: Cell): string {
  const text = value === null ? 'NULL' : typeof value === 'object' ? JSON.stringify(value) : String(value);
  return text.length > MAX_CELL ? `${text.slice(0, MAX_CELL - 1)}…` : text;
}

/** Numbers align right; a null among them does not make the column text. */
function isNumber(value: Cell | undefined): boolean {
  return typeof value === 'number' || value === null || value === undefined;
}
