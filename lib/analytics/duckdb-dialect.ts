/**
 * Athena's SQL (engine v3: Trino) on DuckDB. The files in pipeline/sql/ keep to what both engines read
 * alike; what is left is bridged here, in three small ways:
 *
 *  1. session settings that make DuckDB answer as Athena does (UTC; integer / integer is an integer);
 *  2. macros for the few Trino functions the SQL uses that DuckDB names differently;
 *  3. two rewrites of the text: a CTAS loses its `WITH (...)` table properties (format, location and
 *     partitioning mean nothing in memory), and `current_date` becomes the sample's own "today".
 */

/** Run once per connection. One thread: sums of doubles then add up in one order, so charts drawn
 * from them are byte-identical from run to run. */
export const SESSION_SETTINGS = ["SET TimeZone = 'UTC'", 'SET integer_division = true', 'SET threads = 1'];

/** Trino functions used in pipeline/sql/ that DuckDB lacks, as DuckDB macros doing the same. */
export const TRINO_MACROS = [
  // Trino's date_format takes MySQL-style specifiers. %Y %m %d %H mean the same to strftime; others
  // differ (Trino's %i is minutes, strftime's %M), so the SQL keeps to those four.
  'CREATE MACRO date_format(t, f) AS strftime(t, f)',
  'CREATE MACRO json_extract_scalar(j, p) AS json_extract_string(j, p)',
  // Both return a value of the column (a whole number of seconds stays whole); Athena's is approximate,
  // DuckDB's quantile_disc exact, so the two may differ a little on large data.
  'CREATE MACRO approx_percentile(x, p) AS quantile_disc(x, p)',
];

export interface RewriteOptions {
  /** The date `current_date` stands for (YYYY-MM-DD): the local samples are frozen in time. */
  readonly asOf: string;
}

/** The statement as DuckDB should run it (see the module comment for what changes). */
export function toDuckDb(sql: string, options: RewriteOptions): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(options.asOf))
    throw new Error(`asOf must be YYYY-MM-DD, not "${options.asOf}"`);
  const rewritten = mapCode(sql, (code) => code.replace(/\bcurrent_date\b/gi, `DATE '${options.asOf}'`));
  return dropTableProperties(rewritten);
}

/** `CREATE TABLE x WITH (...) AS SELECT` → `CREATE TABLE x AS SELECT`. */
export function dropTableProperties(sql: string): string {
  const head = /^(\s*CREATE\s+TABLE\s+(?:"[^"]*"|\w+)(?:\s*\.\s*(?:"[^"]*"|\w+))*)\s+WITH\s*\(/i.exec(sql);
  if (!head) return sql;
  let depth = 1;
  let quote: string | undefined;
  for (let i = head[0].length; i < sql.length; i++) {
    const char = sql[i];
    if (quote) {
      if (char === quote) quote = undefined;
    } else if (char === "'" || char === '"') {
      quote = char;
    } else if (char === '(') {
      depth++;
    } else if (char === ')' && --depth === 0) {
      return `${head[1]}${sql.slice(i + 1)}`;
    }
  }
  throw new Error('CREATE TABLE ... WITH ( has no closing parenthesis');
}

/**
 * Applies `rewrite` to the SQL outside string literals, quoted identifiers and comments, so that a
 * rewrite never changes a value or a name.
 */
export function mapCode(sql: string, rewrite: (code: string) => string): string {
  const protectedParts = /'(?:[^']|'')*'|"(?:[^"]|"")*"|--[^\n]*|\/\*[\s\S]*?\*\//g;
  let out = '';
  let last = 0;
  for (const match of sql.matchAll(protectedParts)) {
    out += rewrite(sql.slice(last, match.index)) + match[0];
    last = match.index + match[0].length;
  }
  return out + rewrite(sql.slice(last));
}
