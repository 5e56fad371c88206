// What `npm run query` does (scripts/query.ts runs it): runs an Athena SQL file of pipeline/sql/ offline, on
// the sample data in DuckDB. Apart from its entry so that tests call it in process.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { LOCAL_ENVIRONMENT, openLocalCatalog } from '../../lib/analytics/local-catalog.ts';
import { LocalRunError, runLocal } from '../../lib/analytics/run-local.ts';
import { formatTable } from '../../lib/analytics/text-table.ts';
import { closeMatches } from '../../lib/config/close-matches.ts';
import {
  parseSqlFile,
  readAllSqlFiles,
  SQL_KINDS,
  type SqlFile,
  SqlFileError,
  type SqlKind,
} from '../../lib/sql/sql-files.ts';

export const HELP = `Usage: npm run query -- (--name <query> | --file <path> | --list) [--max-rows <n>] [--sql]

Runs one of the Athena SQL files of pipeline/sql/ on this machine, without AWS: an in-memory DuckDB
holds the committed sample data under the ${LOCAL_ENVIRONMENT} environment's database names (the clean
and curated rides tables, the views of pipeline/sql/views/, and a small CloudTrail sample in the audit
database), and the SQL runs as written, with a few documented rewrites for DuckDB
(lib/analytics/duckdb-dialect.ts). The sample is frozen in time: current_date is the day after
its last ride request.

  --name <query>    a view, saved query, CTAS or CloudTrail query, by the name in its header
  --file <path>     a .sql file under pipeline/sql/<kind>/ (its folder says what it is)
  --list            list every SQL file: kind, name and description
  --max-rows <n>    rows to print. Default 40
  --sql             also print the statements as DuckDB ran them
  -h, --help        show this help

Examples:
  npm run query -- --list
  npm run query -- --name top_cities_by_revenue
  npm run query -- --file pipeline/sql/cloudtrail/failed_calls.sql --sql

Guide: docs/guides/athena-queries.md`;

export async function query(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      name: { type: 'string' },
      file: { type: 'string' },
      list: { type: 'boolean' },
      'max-rows': { type: 'string', default: '40' },
      sql: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return console.log(HELP);
  const modes = (['name', 'file', 'list'] as const).filter((m) => values[m] !== undefined);
  if (modes.length !== 1) {
    throw usage(
      modes.length === 0
        ? 'Say which query: --name <query>, --file <path>, or --list to see them'
        : `Choose one of --name, --file and --list, not ${modes.map((m) => `--${m}`).join(' and ')}`,
    );
  }
  const maxRows = Number(values['max-rows']);
  if (!/^\d+$/.test(values['max-rows'] ?? '') || maxRows < 1) {
    throw usage(`--max-rows must be a whole number above 0, not "${values['max-rows']}"`);
  }

  try {
    if (values.list) return console.log(listing(readAllSqlFiles()));
    const file = values.file !== undefined ? fromPath(values.file) : byName(values.name ?? '');
    if (!file) return;
    const catalog = await openLocalCatalog();
    try {
      const result = await runLocal(catalog, file);
      if (values.sql) console.log(`${result.statements.map((s) => `${s};`).join('\n\n')}\n`);
      console.log(formatTable(result.columns, result.rows, maxRows));
      const shown = Math.min(maxRows, result.rows.length);
      console.log(
        `\n${result.rows.length} rows${shown < result.rows.length ? ` (first ${shown} shown: --max-rows)` : ''} ` +
          `from ${file.file} in ${Math.round(result.milliseconds)} ms, as of ${catalog.asOf}.`,
      );
    } finally {
      catalog.close();
    }
  } catch (error) {
    if (!(error instanceof SqlFileError || error instanceof LocalRunError)) throw error;
    console.error(error.message);
    process.exitCode = 1;
  }
}

function listing(files: readonly SqlFile[]): string {
  const width = Math.max(...files.map((f) => f.name.length));
  return SQL_KINDS.map((kind) => {
    const lines = files
      .filter((f) => f.kind === kind)
      .map((f) => `  ${f.name.padEnd(width)}  ${f.description}${f.chart ? ` [chart: ${f.chart}]` : ''}`);
    return `${kind} (pipeline/sql/${kind}/)\n${lines.join('\n')}`;
  }).join('\n\n');
}

/** The file of that name, or undefined after saying which names come close. */
function byName(name: string): SqlFile | undefined {
  const files = readAllSqlFiles();
  const found = files.find((f) => f.name === name);
  if (found) return found;
  const names = files.map((f) => f.name);
  const close = closeMatches(name, names, Math.max(3, Math.floor(name.length / 3)), 3);
  console.error(
    `No SQL file is named "${name}".${close.length > 0 ? ` Did you mean ${close.join(', ')}?` : ''} ` +
      'See them all with: npm run query -- --list',
  );
  process.exitCode = 1;
  return undefined;
}

function fromPath(file: string): SqlFile {
  const kind = path.basename(path.dirname(path.resolve(file)));
  if (!(SQL_KINDS as readonly string[]).includes(kind)) {
    throw new SqlFileError(
      `${file}: the file's folder says what it is, and "${kind}" is none of ${SQL_KINDS.join(', ')}: put it under pipeline/sql/<kind>/.`,
    );
  }
  try {
    return parseSqlFile(path.resolve(file), kind as SqlKind);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new SqlFileError(`${file} does not exist.`);
    throw error;
  }
}

function usage(message: string): Error {
  return Object.assign(new TypeError(`${message}.`), { code: 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' });
}
