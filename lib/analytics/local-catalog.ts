/**
 * An in-memory stand-in for the dev environment's Glue Data Catalog, for running pipeline/sql/ offline:
 * a DuckDB database with one schema per Glue database (launchpad_dev_clean, launchpad_dev_curated,
 * launchpad_dev_audit), the committed sample tables loaded with their Athena column types, and the
 * views of pipeline/sql/views/ created, as `cdk deploy` creates them in Athena.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { loadEnvironmentConfig } from '../config/load-config.ts';
import { ResourceNames } from '../config/resource-names.ts';
import { fillPlaceholders, readSqlFiles, SQL_DIR } from '../sql/sql-files.ts';
import { SAMPLE_DIR } from './chart-inputs.ts';
import { CLOUDTRAIL_COLUMNS, CLOUDTRAIL_SAMPLE, duckDbType, readCloudTrailFile } from './cloudtrail-table.ts';
import { SESSION_SETTINGS, TRINO_MACROS, toDuckDb } from './duckdb-dialect.ts';

/** The environment whose database names the local catalog uses. */
export const LOCAL_ENVIRONMENT = 'dev';

/** Athena (Glue Catalog) column types → DuckDB types. */
const DUCKDB_TYPES: Readonly<Record<string, string>> = {
  string: 'VARCHAR',
  int: 'INTEGER',
  double: 'DOUBLE',
  timestamp: 'TIMESTAMP',
};

export interface LocalCatalogOptions {
  /** Folder with clean_rides.jsonl, curated_rides.jsonl and tables.json. @default SAMPLE_DIR */
  readonly sampleDir?: string;
  /** CloudTrail log file for the audit database. @default CLOUDTRAIL_SAMPLE */
  readonly cloudTrailFile?: string;
  /** SQL folder whose views/ are created. @default SQL_DIR */
  readonly sqlDir?: string;
  /** Project name in the database names. @default config/dev.json's */
  readonly project?: string;
}

export interface LocalCatalog {
  readonly connection: DuckDBConnection;
  /** Placeholder values for local runs: the three databases and a CTAS location nothing writes to. */
  readonly placeholders: Readonly<Record<'clean_db' | 'curated_db' | 'audit_db' | 'ctas_location', string>>;
  /** The samples' "today" (YYYY-MM-DD), the day after the last ride was requested: `current_date` in the SQL. */
  readonly asOf: string;
  /** Rows loaded per table, by `database.table`. */
  readonly rowCounts: Readonly<Record<string, number>>;
  close(): void;
}

/** Opens the catalog: settings and macros, the sample tables, then the views. */
export async function openLocalCatalog(options: LocalCatalogOptions = {}): Promise<LocalCatalog> {
  const sampleDir = options.sampleDir ?? SAMPLE_DIR;
  const project = options.project ?? loadEnvironmentConfig(LOCAL_ENVIRONMENT).project;
  const names = new ResourceNames(project, LOCAL_ENVIRONMENT);
  const databases = {
    clean_db: names.glueDatabase('clean'),
    curated_db: names.glueDatabase('curated'),
    audit_db: names.glueDatabase('audit'),
  };
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  const close = () => {
    connection.closeSync();
    instance.closeSync();
  };
  try {
    for (const statement of [...SESSION_SETTINGS, ...TRINO_MACROS]) await connection.run(statement);
    for (const database of Object.values(databases)) await connection.run(`CREATE SCHEMA "${database}"`);

    const tables = readTableColumns(sampleDir);
    const rowCounts: Record<string, number> = {};
    const load = async (database: string, table: string, sample: string) => {
      const file = path.join(sampleDir, `${sample}.jsonl`);
      const columns = tables[sample];
      if (!columns) {
        throw new Error(
          `${path.join(sampleDir, 'tables.json')} has no "${sample}" table: write the samples again with python3 -m pipeline.glue.sample_tables --out ${sampleDir}`,
        );
      }
      const types = columns.map(
        (c) => `${quoteString(c.name)}: ${quoteString(ridesColumnType(c, sampleDir))}`,
      );
      await connection.run(
        `CREATE TABLE "${database}"."${table}" AS SELECT * FROM read_json(${quoteString(file)}, format = 'newline_delimited', columns = {${types.join(', ')}})`,
      );
      rowCounts[`${database}.${table}`] = await count(connection, `"${database}"."${table}"`);
    };
    await load(databases.clean_db, 'rides', 'clean_rides');
    await load(databases.curated_db, 'rides', 'curated_rides');

    const cloudTrail = `"${databases.audit_db}"."cloudtrail_logs"`;
    const columns = Object.entries(CLOUDTRAIL_COLUMNS).map(([name, type]) => `"${name}" ${duckDbType(type)}`);
    await connection.run(`CREATE TABLE ${cloudTrail} (${columns.join(', ')})`);
    // from_json reads the rows into the table's row type; fields a record lacks become null.
    await connection.run(
      `INSERT INTO ${cloudTrail} SELECT unnest(r) FROM (SELECT unnest(from_json($1, ${quoteString(JSON.stringify([CLOUDTRAIL_COLUMNS]))})) AS r)`,
      [JSON.stringify(readCloudTrailFile(options.cloudTrailFile ?? CLOUDTRAIL_SAMPLE))],
    );
    rowCounts[`${databases.audit_db}.cloudtrail_logs`] = await count(connection, cloudTrail);

    const asOfReader = await connection.runAndReadAll(
      `SELECT CAST(max(CAST(first_event_time AS DATE)) + 1 AS VARCHAR) FROM "${databases.curated_db}"."rides"`,
    );
    const asOf = String(asOfReader.getRows()[0]?.[0] ?? '');
    const placeholders = { ...databases, ctas_location: 's3://local-only/ctas/' };
    for (const view of readSqlFiles('views', options.sqlDir ?? SQL_DIR)) {
      await connection.run(toDuckDb(fillPlaceholders(view.sql, placeholders, view.file), { asOf }));
    }
    return { connection, placeholders, asOf, rowCounts, close };
  } catch (error) {
    close();
    throw error;
  }
}

interface TableColumn {
  readonly name: string;
  readonly type: string;
}

function readTableColumns(sampleDir: string): Record<string, readonly TableColumn[]> {
  const file = path.join(sampleDir, 'tables.json');
  if (!existsSync(file)) {
    throw new Error(
      `${file} does not exist: write the samples with python3 -m pipeline.glue.sample_tables --out ${sampleDir}`,
    );
  }
  return JSON.parse(readFileSync(file, 'utf8')) as Record<string, readonly TableColumn[]>;
}

function ridesColumnType(column: TableColumn, sampleDir: string): string {
  const type = DUCKDB_TYPES[column.type];
  if (!type) {
    throw new Error(
      `${path.join(sampleDir, 'tables.json')}: column ${column.name} has type "${column.type}", which the local catalog does not map; add it to DUCKDB_TYPES in ${path.relative(process.cwd(), import.meta.filename)}.`,
    );
  }
  return type;
}

async function count(connection: DuckDBConnection, table: string): Promise<number> {
  const reader = await connection.runAndReadAll(`SELECT count(*) FROM ${table}`);
  return Number(reader.getRows()[0]?.[0] ?? 0);
}

function quoteString(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}
