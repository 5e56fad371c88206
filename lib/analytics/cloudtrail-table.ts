/**
 * The CloudTrail table for local runs: the columns of the documented Athena CloudTrail table (the ones
 * the queries in pipeline/sql/cloudtrail/ can use), and log records turned into its rows as Athena's
 * CloudTrail SerDe reads them: names in lower case, nested request and response objects as JSON text,
 * plus the two projected partition columns, `region` and `timestamp` (yyyy/MM/dd).
 *
 * pipeline/fixtures/cloudtrail/events.json is a log file (`{"Records": [...]}`) of three days with
 * steady callers (the deploy role from CI, an analyst in the console, Glue assuming its role) and
 * planted findings: a bucket policy change, AdministratorAccess attached to a role, a contractor's key
 * denied on S3, IAM and EC2 from an unknown script, and a January event outside every query's window.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

export const CLOUDTRAIL_SAMPLE = path.resolve(
  import.meta.dirname,
  '../../pipeline/fixtures/cloudtrail/events.json',
);

/** A column's type as DuckDB's from_json takes it: a type name, a struct as an object, a list as [item]. */
export type Structure = string | readonly [Structure] | { readonly [field: string]: Structure };

const TEXT = 'VARCHAR';
const SESSION_ISSUER = { type: TEXT, principalid: TEXT, arn: TEXT, accountid: TEXT, username: TEXT };
const USER_IDENTITY = {
  type: TEXT,
  principalid: TEXT,
  arn: TEXT,
  accountid: TEXT,
  invokedby: TEXT,
  accesskeyid: TEXT,
  username: TEXT,
  sessioncontext: {
    attributes: { mfaauthenticated: TEXT, creationdate: TEXT },
    sessionissuer: SESSION_ISSUER,
  },
};

/** Column → type, in the Athena table's order; the partition columns come last. */
export const CLOUDTRAIL_COLUMNS: Readonly<Record<string, Structure>> = {
  eventversion: TEXT,
  useridentity: USER_IDENTITY,
  eventtime: TEXT,
  eventsource: TEXT,
  eventname: TEXT,
  awsregion: TEXT,
  sourceipaddress: TEXT,
  useragent: TEXT,
  errorcode: TEXT,
  errormessage: TEXT,
  requestparameters: TEXT,
  responseelements: TEXT,
  additionaleventdata: TEXT,
  requestid: TEXT,
  eventid: TEXT,
  readonly: TEXT,
  resources: [{ arn: TEXT, accountid: TEXT, type: TEXT }],
  eventtype: TEXT,
  apiversion: TEXT,
  recipientaccountid: TEXT,
  serviceeventdetails: TEXT,
  sharedeventid: TEXT,
  vpcendpointid: TEXT,
  region: TEXT,
  timestamp: TEXT,
};

/** The DuckDB type of a structure: `STRUCT("a" VARCHAR, ...)`, `X[]` or the name itself. */
export function duckDbType(structure: Structure): string {
  if (typeof structure === 'string') return structure;
  if (Array.isArray(structure)) return `${duckDbType(structure[0])}[]`;
  const fields = Object.entries(structure).map(([name, inner]) => `"${name}" ${duckDbType(inner)}`);
  return `STRUCT(${fields.join(', ')})`;
}

/** Fields the SerDe keeps as JSON text (the table declares them STRING). */
const JSON_TEXT = new Set([
  'requestparameters',
  'responseelements',
  'additionaleventdata',
  'serviceeventdetails',
]);

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** The rows of a CloudTrail log file; throws naming the file when it is not one. */
export function readCloudTrailFile(file: string): Record<string, Json>[] {
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as { Records?: unknown };
  if (!Array.isArray(parsed.Records)) {
    throw new Error(`${file} is not a CloudTrail log file: it needs a "Records" array at the top.`);
  }
  return parsed.Records.map((record, index) =>
    cloudTrailRow(record as Record<string, Json>, `${file}#${index}`),
  );
}

/** One log record as a row of CLOUDTRAIL_COLUMNS (unknown fields dropped, missing ones null). */
export function cloudTrailRow(record: Record<string, Json>, where: string): Record<string, Json> {
  const fields = lowerKeys(record) as Record<string, Json>;
  const eventTime = fields.eventtime;
  if (typeof eventTime !== 'string' || !/^\d{4}-\d{2}-\d{2}T/.test(eventTime)) {
    throw new Error(`${where}: eventTime must be an ISO 8601 time such as 2024-03-07T08:00:00Z.`);
  }
  const row: Record<string, Json> = {};
  for (const column of Object.keys(CLOUDTRAIL_COLUMNS)) {
    const value = fields[column] ?? null;
    row[column] =
      JSON_TEXT.has(column) && value !== null
        ? JSON.stringify(value)
        : typeof value === 'boolean'
          ? String(value)
          : value;
  }
  row.region = fields.awsregion ?? null;
  row.timestamp = eventTime.slice(0, 10).replaceAll('-', '/');
  return row;
}

/** Keys in lower case at every depth, except inside the fields kept as JSON text. */
function lowerKeys(value: Json, keep = false): Json {
  if (Array.isArray(value)) return value.map((item) => lowerKeys(item, keep));
  if (value === null || typeof value !== 'object' || keep) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => {
      const lower = key.toLowerCase();
      return [lower, lowerKeys(inner, JSON_TEXT.has(lower))];
    }),
  );
}
