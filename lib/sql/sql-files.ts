/**
 * The Athena SQL of pipeline/sql/: one statement per file, with a header the CDK stacks read
 * (the analytics stack turns views into views and named queries into Athena NamedQuery resources).
 *
 *   -- name: top_cities_by_revenue            snake_case, equal to the file's name without .sql
 *   -- description: One sentence for the console (at most 1024 characters: Athena's limit).
 *   -- chart: revenue_by_city                 optional: templates/charts/<id>.vl.json draws its rows
 *   SELECT ... FROM "{{curated_db}}"."rides"
 *
 * Database names differ per environment, so the SQL names them by placeholder; see PLACEHOLDERS.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export const SQL_KINDS = ['views', 'named-queries', 'ctas', 'cloudtrail'] as const;
export type SqlKind = (typeof SQL_KINDS)[number];

/** Where the SQL lives: pipeline/sql/<kind>/*.sql. */
export const SQL_DIR = path.resolve(import.meta.dirname, '../../pipeline/sql');

/** The only placeholders a file may hold, and what each stands for. */
export const PLACEHOLDERS = {
  clean_db: 'Glue database of the clean zone: launchpad_<env>_clean',
  curated_db: 'Glue database of the curated zone: launchpad_<env>_curated',
  audit_db: 'Glue database of the CloudTrail table: launchpad_<env>_audit',
  ctas_location:
    "S3 folder a CTAS writes its table to (a fresh one per run: CTAS refuses a folder that isn't empty)",
} as const;

/** Athena's limit on a named query's description. */
export const MAX_DESCRIPTION_LENGTH = 1024;

export interface SqlFile {
  /** Snake_case, equal to the file stem: the view, table or saved query's name. */
  readonly name: string;
  readonly description: string;
  readonly kind: SqlKind;
  /** Path of the file, relative to the current directory when it is inside it. */
  readonly file: string;
  /** The statement: the file without its header, placeholders still in. */
  readonly sql: string;
  /** Id of the chart drawn from the rows (templates/charts/<id>.vl.json). */
  readonly chart?: string;
}

/** A SQL file that breaks the contract: the message names the file, the line and the fix. */
export class SqlFileError extends Error {
  override readonly name = 'SqlFileError';
}

const SNAKE_CASE = /^[a-z][a-z0-9_]*$/;
const HEADER_LINE = /^--\s*([a-z]+):\s*(.*?)\s*$/;
// Anything in double braces; only the exact PLACEHOLDERS names (no spaces) are accepted.
const PLACEHOLDER = /\{\{([^{}]*)\}\}/g;

/** The `<dir>/<kind>/*.sql` files, parsed and checked, sorted by name. */
export function readSqlFiles(kind: SqlKind, dir: string = SQL_DIR): SqlFile[] {
  const folder = path.join(dir, kind);
  let entries: string[];
  try {
    entries = readdirSync(folder);
  } catch {
    throw new SqlFileError(
      `${displayPath(folder)} does not exist: create it and put the ${kind} SQL files in it.`,
    );
  }
  return entries
    .filter((entry) => entry.endsWith('.sql'))
    .map((entry) => parseSqlFile(path.join(folder, entry), kind))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** Every kind's files, in SQL_KINDS order. */
export function readAllSqlFiles(dir: string = SQL_DIR): SqlFile[] {
  return SQL_KINDS.flatMap((kind) => readSqlFiles(kind, dir));
}

/** One file's header and statement; throws a {@link SqlFileError} naming what to fix. */
export function parseSqlFile(file: string, kind: SqlKind): SqlFile {
  const shown = displayPath(file);
  const lines = readFileSync(file, 'utf8').replace(/\r\n/g, '\n').split('\n');
  const fail = (line: number, message: string) => new SqlFileError(`${shown}:${line}: ${message}`);
  const stem = path.basename(file, '.sql');

  const header: Record<string, { value: string; line: number }> = {};
  let body = 0;
  for (; body < lines.length; body++) {
    const match = HEADER_LINE.exec(lines[body] ?? '');
    if (!match) break;
    const [, key = '', value = ''] = match;
    if (!['name', 'description', 'chart'].includes(key)) {
      throw fail(
        body + 1,
        `unknown header field "${key}": the header holds name, description and chart only (put a blank line between it and other comments).`,
      );
    }
    header[key] = { value, line: body + 1 };
  }

  const name = header.name;
  if (name?.line !== 1) {
    throw fail(1, `the first line must be "-- name: ${stem}" (the file's name without .sql).`);
  }
  if (name.value !== stem) {
    throw fail(
      1,
      `name "${name.value}" differs from the file name: write "-- name: ${stem}" or rename the file.`,
    );
  }
  if (!SNAKE_CASE.test(stem)) {
    throw fail(1, `name "${stem}" is not snake_case (a-z, 0-9, _): rename the file and its name line.`);
  }
  const description = header.description;
  if (description?.line !== 2 || description.value === '') {
    throw fail(2, 'the second line must be "-- description: <one sentence for the Athena console>".');
  }
  if (description.value.length > MAX_DESCRIPTION_LENGTH) {
    throw fail(
      2,
      `description is ${description.value.length} characters; Athena allows ${MAX_DESCRIPTION_LENGTH}: shorten it.`,
    );
  }
  const chart = header.chart?.value;
  if (chart !== undefined && !SNAKE_CASE.test(chart)) {
    throw fail(
      header.chart?.line ?? 3,
      `chart id "${chart}" is not snake_case: name it like its .vl.json file.`,
    );
  }

  for (const [index, line] of lines.entries()) {
    for (const [, placeholder = ''] of line.matchAll(PLACEHOLDER)) {
      if (!Object.hasOwn(PLACEHOLDERS, placeholder)) throw fail(index + 1, unknownPlaceholder(placeholder));
    }
  }
  const sql = lines.slice(body).join('\n').trim();
  if (sql === '') throw fail(body + 1, 'no statement after the header: add the SQL.');
  const statementLine = body + 1 + lines.slice(body).findIndex((line) => line.trim() !== '');
  const problem = statementProblem(kind, stem, sql);
  if (problem) throw fail(statementLine, problem);
  return {
    name: stem,
    description: description.value,
    kind,
    file: shown,
    sql,
    ...(chart === undefined ? {} : { chart }),
  };
}

/**
 * The SQL with each `{{placeholder}}` replaced by its value. Throws naming the file and the placeholder
 * when the SQL holds one this repository does not know, or one `values` has no value for.
 */
export function fillPlaceholders(
  sql: string,
  values: Readonly<Record<string, string>>,
  file: string,
): string {
  return sql.replace(PLACEHOLDER, (_, placeholder: string) => {
    if (!Object.hasOwn(PLACEHOLDERS, placeholder)) {
      throw new SqlFileError(`${file}: ${unknownPlaceholder(placeholder)}`);
    }
    const value = values[placeholder];
    if (value === undefined) {
      const given = Object.keys(values).sort().join(', ') || 'none';
      throw new SqlFileError(
        `${file}: no value for {{${placeholder}}} (${PLACEHOLDERS[placeholder as keyof typeof PLACEHOLDERS]}); values given: ${given}. Pass it, or use another placeholder.`,
      );
    }
    return value;
  });
}

/** What a kind's statement must be: the CDK stacks and the local runner rely on these shapes. */
const STATEMENTS: Record<SqlKind, { readonly head: RegExp; readonly shape: (name: string) => string }> = {
  views: {
    head: /^CREATE\s+OR\s+REPLACE\s+VIEW\s+"\{\{curated_db\}\}"\."([^"]*)"\s+AS\b/i,
    shape: (name) => `CREATE OR REPLACE VIEW "{{curated_db}}"."${name}" AS SELECT ...`,
  },
  ctas: {
    head: /^CREATE\s+TABLE\s+"\{\{curated_db\}\}"\."([^"]*)"\s+WITH\s*\(/i,
    shape: (name) => `CREATE TABLE "{{curated_db}}"."${name}" WITH (...) AS SELECT ...`,
  },
  'named-queries': { head: /^(?:SELECT|WITH)\b/i, shape: () => 'a query: SELECT ... or WITH ... SELECT ...' },
  cloudtrail: { head: /^(?:SELECT|WITH)\b/i, shape: () => 'a query: SELECT ... or WITH ... SELECT ...' },
};

function statementProblem(kind: SqlKind, name: string, sql: string): string | undefined {
  const { head, shape } = STATEMENTS[kind];
  const match = head.exec(sql);
  if (!match) return `a ${kind} file holds one statement of the form ${shape(name)}`;
  const created = match[1];
  if (created !== undefined && created !== name) {
    return `the statement creates "${created}" but the file is named ${name}: name both the same (${shape(name)}).`;
  }
  return undefined;
}

function unknownPlaceholder(placeholder: string): string {
  const known = Object.keys(PLACEHOLDERS)
    .map((p) => `{{${p}}}`)
    .join(', ');
  return `unknown placeholder {{${placeholder}}}: use one of ${known}.`;
}

/** Relative to the current directory when inside it (what a terminal shows), else absolute. */
export function displayPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative.startsWith('..') || path.isAbsolute(relative) ? file : relative;
}
