/**
 * Runs a pipeline/sql/ file against the local catalog and returns its rows as plain JSON values.
 * A query returns its own rows; a view or CTAS file creates its view or table (the CTAS after dropping
 * the old one, as the state machine does) and returns all of its rows, ordered by every column.
 */
import type { DuckDBType } from '@duckdb/node-api';
import { fillPlaceholders, type SqlFile } from '../sql/sql-files.ts';
import { toDuckDb } from './duckdb-dialect.ts';
import type { LocalCatalog } from './local-catalog.ts';

export type Cell = string | number | boolean | null | Cell[] | { [key: string]: Cell };
export type Row = Record<string, Cell>;

export interface QueryResult {
  readonly columns: readonly string[];
  readonly rows: readonly Row[];
  /** The statements as DuckDB ran them, placeholders filled. */
  readonly statements: readonly string[];
  readonly milliseconds: number;
}

/** A statement DuckDB refused: the message names the file and shows the statement as run. */
export class LocalRunError extends Error {
  override readonly name = 'LocalRunError';
}

export async function runLocal(catalog: LocalCatalog, file: SqlFile): Promise<QueryResult> {
  const started = performance.now();
  const sql = toDuckDb(fillPlaceholders(file.sql, catalog.placeholders, file.file), { asOf: catalog.asOf });
  const created = `"${catalog.placeholders.curated_db}"."${file.name}"`;
  const statements =
    file.kind === 'views'
      ? [sql, `SELECT * FROM ${created} ORDER BY ALL`]
      : file.kind === 'ctas'
        ? [`DROP TABLE IF EXISTS ${created}`, sql, `SELECT * FROM ${created} ORDER BY ALL`]
        : [sql];
  for (const statement of statements.slice(0, -1)) await run(catalog, file, statement);
  const reader = await run(catalog, file, statements.at(-1) ?? sql);
  const columns = reader.columnNames();
  const types = reader.columnTypes();
  const rows = reader
    .getRowObjectsJS()
    .map((row) => Object.fromEntries(columns.map((name, i) => [name, toCell(row[name], types[i])])));
  return { columns, rows, statements, milliseconds: performance.now() - started };
}

async function run(catalog: LocalCatalog, file: SqlFile, statement: string) {
  try {
    return await catalog.connection.runAndReadAll(statement);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new LocalRunError(
      `${file.file}: DuckDB could not run it locally: ${message}\n\nStatement as run:\n${statement}`,
    );
  }
}

/** DuckDB's JS values as JSON: big integers as numbers, dates as YYYY-MM-DD, timestamps as ISO 8601 UTC. */
function toCell(value: unknown, type: DuckDBType | undefined): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint') return Number(value);
  if (value instanceof Date) {
    return String(type) === 'DATE' ? value.toISOString().slice(0, 10) : value.toISOString();
  }
  if (Array.isArray(value)) return value.map((item) => toCell(item, undefined));
  if (typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, toCell(inner, undefined)]));
  }
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return value;
  return String(value);
}
