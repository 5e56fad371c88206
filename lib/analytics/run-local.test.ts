import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSqlFiles, type SqlKind } from '../sql/sql-files.ts';
import { SAMPLE_DIR } from './chart-inputs.ts';
import { type LocalCatalog, openLocalCatalog } from './local-catalog.ts';
import { LocalRunError, type QueryResult, type Row, runLocal } from './run-local.ts';

type Sample = Record<string, string | number | null>;
const sample = (name: string): Sample[] =>
  readFileSync(path.join(SAMPLE_DIR, `${name}.jsonl`), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Sample);
const clean = sample('clean_rides');
const curated = sample('curated_rides');
const completed = curated.filter((r) => r.status === 'completed');
const day = (time: unknown) => String(time).slice(0, 10);
const sum = (rows: readonly Row[], column: string) => rows.reduce((n, r) => n + Number(r[column]), 0);
const countBy = <T>(items: readonly T[], key: (item: T) => string) => {
  const counts: Record<string, number> = {};
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return counts;
};

let catalog: LocalCatalog;
const results = new Map<string, QueryResult>();
/** The rows of a file of pipeline/sql/, run once. */
async function rows(kind: SqlKind, name: string): Promise<Row[]> {
  if (!results.has(name)) {
    const file = readSqlFiles(kind).find((f) => f.name === name);
    if (!file) throw new Error(`no ${kind} file ${name}`);
    results.set(name, await runLocal(catalog, file));
  }
  return [...(results.get(name)?.rows ?? [])];
}

beforeAll(async () => {
  catalog = await openLocalCatalog();
});
afterAll(() => catalog.close());

describe('the local catalog', () => {
  it('loads the samples under the dev database names, typed like the Glue tables', async () => {
    expect(catalog.rowCounts).toEqual({
      'launchpad_dev_clean.rides': clean.length,
      'launchpad_dev_curated.rides': curated.length,
      'launchpad_dev_audit.cloudtrail_logs': 37,
    });
    const types = await catalog.connection.runAndReadAll(
      `SELECT column_name, data_type FROM information_schema.columns
       WHERE table_schema = 'launchpad_dev_clean' AND column_name IN ('event_time', 'schema_version', 'fare_amount', 'day')`,
    );
    expect(Object.fromEntries(types.getRows().map(([name, type]) => [name, type]))).toEqual({
      event_time: 'TIMESTAMP',
      schema_version: 'INTEGER',
      fare_amount: 'DOUBLE',
      day: 'VARCHAR',
    });
  });

  it('takes the day after the last ride request as today', () => {
    const last =
      curated
        .map((r) => day(r.first_event_time))
        .sort()
        .at(-1) ?? '';
    const next = new Date(`${last}T00:00:00Z`);
    next.setUTCDate(next.getUTCDate() + 1);
    expect(catalog.asOf).toBe(next.toISOString().slice(0, 10));
  });

  it('creates the views of pipeline/sql/views/ when it opens', async () => {
    const views = await catalog.connection.runAndReadAll(
      `SELECT view_name FROM duckdb_views() WHERE schema_name = 'launchpad_dev_curated' ORDER BY view_name`,
    );
    expect(views.getRows().map(([name]) => name)).toEqual(readSqlFiles('views').map((v) => v.name));
  });
});

describe.each(['views', 'named-queries', 'ctas'] as const)('every %s file', (kind) => {
  it.each(readSqlFiles(kind).map((f) => f.name))('%s runs locally and returns rows', async (name) => {
    expect((await rows(kind, name)).length).toBeGreaterThan(0);
  });
});

describe('the views', () => {
  it('rides_daily_by_city counts each ride once, on the day it was requested', async () => {
    const result = await rows('views', 'rides_daily_by_city');
    const expected = countBy(curated, (r) => `${r.city} ${day(r.first_event_time)}`);
    expect(Object.fromEntries(result.map((r) => [`${r.city} ${r.ride_date}`, r.rides]))).toEqual(expected);
    expect(sum(result, 'cancelled_rides')).toBe(curated.filter((r) => r.status === 'cancelled').length);
  });

  it('completed_rides has every completed ride, with positive trip minutes and total = fare + tip', async () => {
    const result = await rows('views', 'completed_rides');
    expect(result).toHaveLength(completed.length);
    for (const ride of result) {
      expect(ride.trip_minutes).toBeGreaterThan(0);
      expect(ride.total_amount).toBeCloseTo(Number(ride.fare_amount) + Number(ride.tip_amount), 9);
    }
  });

  it('driver_leaderboard ranks each city’s drivers from 1 and covers every completed ride', async () => {
    const result = await rows('views', 'driver_leaderboard');
    expect(sum(result, 'completed_rides')).toBe(completed.length);
    const cities = new Set(curated.map((r) => r.city));
    for (const city of cities) {
      const top = result.filter((r) => r.city === city && r.rank_in_city === 1);
      expect(top.length, String(city)).toBeGreaterThan(0);
    }
  });

  it('daily_event_counts adds up to every clean event, in both schema versions', async () => {
    const result = await rows('views', 'daily_event_counts');
    expect(sum(result, 'events')).toBe(clean.length);
    expect(new Set(result.map((r) => r.schema_version))).toEqual(new Set([1, 2]));
  });
});

describe('the saved queries', () => {
  it('top_cities_by_revenue sums fares and tips per city, highest first within each currency', async () => {
    const result = await rows('named-queries', 'top_cities_by_revenue');
    for (const row of result) {
      const rides = completed.filter((r) => r.city === row.city && r.currency === row.currency);
      const revenue = rides.reduce((n, r) => n + Number(r.fare_amount) + Number(r.tip_amount ?? 0), 0);
      expect(row.completed_rides).toBe(rides.length);
      expect(row.revenue).toBeCloseTo(revenue, 2);
    }
    for (const currency of new Set(result.map((r) => r.currency))) {
      const revenues = result.filter((r) => r.currency === currency).map((r) => Number(r.revenue));
      expect(revenues, String(currency)).toEqual([...revenues].sort((a, b) => b - a));
    }
  });

  it('hourly_demand counts every request once, in hours 0 to 23', async () => {
    const result = await rows('named-queries', 'hourly_demand');
    expect(sum(result, 'requests')).toBe(curated.filter((r) => r.requested_at !== null).length);
    expect(result.every((r) => Number.isInteger(r.hour_utc) && Number(r.hour_utc) <= 23)).toBe(true);
  });

  it('cancellation_rate_by_city splits cancellations by whether a driver had accepted', async () => {
    const result = await rows('named-queries', 'cancellation_rate_by_city');
    const cancelled = curated.filter((r) => r.status === 'cancelled');
    expect(sum(result, 'cancelled_before_accept')).toBe(
      cancelled.filter((r) => r.accepted_at === null).length,
    );
    expect(sum(result, 'cancelled_after_accept')).toBe(
      cancelled.filter((r) => r.accepted_at !== null).length,
    );
    for (const row of result) {
      expect(row.cancellation_rate).toBeCloseTo(Number(row.cancelled_rides) / Number(row.finished_rides), 4);
    }
  });

  it('tip_share_by_payment_type looks at version-2 rides only, and cash gets no tips', async () => {
    const result = await rows('named-queries', 'tip_share_by_payment_type');
    expect(sum(result, 'completed_rides')).toBe(completed.filter((r) => r.tip_amount !== null).length);
    expect(result.find((r) => r.payment_type === 'cash')?.tipped_share).toBe(0);
  });

  it('wait_time_percentiles gives whole seconds, the 90th percentile above the median', async () => {
    const result = await rows('named-queries', 'wait_time_percentiles');
    for (const row of result) {
      expect(Number.isInteger(row.median_seconds)).toBe(true);
      expect(Number(row.p90_seconds)).toBeGreaterThanOrEqual(Number(row.median_seconds));
    }
  });

  it('yesterday_events_by_hour reads only the partition of the day before today', async () => {
    const result = await rows('named-queries', 'yesterday_events_by_hour');
    const yesterday = new Date(`${catalog.asOf}T00:00:00Z`);
    yesterday.setUTCDate(yesterday.getUTCDate() - 1);
    const expected = clean.filter((r) => day(r.event_time) === yesterday.toISOString().slice(0, 10));
    expect(sum(result, 'events')).toBe(expected.length);
  });
});

describe('the CTAS', () => {
  it('city_daily_summary has one row per city and day, partition columns last', async () => {
    const result = await rows('ctas', 'city_daily_summary');
    const pairs = new Set(curated.map((r) => `${r.city} ${day(r.first_event_time)}`));
    expect(result).toHaveLength(pairs.size);
    expect(sum(result, 'rides')).toBe(curated.length);
    expect(results.get('city_daily_summary')?.columns.slice(-2)).toEqual(['year', 'month']);
  });

  it('runs again over its own table, as each state machine run does', async () => {
    const file = readSqlFiles('ctas')[0];
    if (!file) throw new Error('no CTAS');
    const again = await runLocal(catalog, file);
    expect(again.statements[0]).toBe('DROP TABLE IF EXISTS "launchpad_dev_curated"."city_daily_summary"');
    expect(again.rows).toEqual(await rows('ctas', 'city_daily_summary'));
  });
});

describe('the CloudTrail queries on the sample trail', () => {
  const contractor = 'arn:aws:iam::111122223333:user/temp-contractor';
  const deployRole = 'arn:aws:iam::111122223333:role/launchpad-dev-deploy';

  it('recent_changes lists write calls by people and roles, not reads nor AWS services', async () => {
    const result = await rows('cloudtrail', 'recent_changes');
    const names = new Set(result.map((r) => r.eventname));
    expect(names).toContain('AttachRolePolicy');
    expect(names).toContain('ExecuteChangeSet');
    expect(names).not.toContain('GetCallerIdentity');
    expect(result.some((r) => r.principal_type === 'AWSService')).toBe(false);
  });

  it('policy_changes finds the bucket policy and the role policy change, not the January one', async () => {
    const result = await rows('cloudtrail', 'policy_changes');
    expect(result.map((r) => [r.eventname, r.target, r.policy_arn])).toEqual([
      ['AttachRolePolicy', 'launchpad-dev-analyst', 'arn:aws:iam::aws:policy/AdministratorAccess'],
      ['PutBucketPolicy', 'launchpad-dev-curated-111122223333', null],
    ]);
  });

  it('failed_calls puts the contractor’s denied calls first, other errors after', async () => {
    const result = await rows('cloudtrail', 'failed_calls');
    const denied = result.filter((r) => r.unauthorized === true);
    expect(denied.map((r) => [r.principal, r.errorcode]).sort()).toEqual([
      [contractor, 'AccessDenied'],
      [contractor, 'AccessDenied'],
      [contractor, 'Client.UnauthorizedOperation'],
    ]);
    expect(result.at(-1)).toMatchObject({ errorcode: 'EntityNotFoundException', unauthorized: false });
  });

  it('rare_callers singles out the contractor’s script and not the steady deploy role', async () => {
    const result = await rows('cloudtrail', 'rare_callers');
    expect(result.find((r) => r.principal === contractor)).toMatchObject({
      sourceipaddress: '203.0.113.77',
      calls: 3,
    });
    expect(result.some((r) => r.principal === deployRole)).toBe(false);
    expect(result.some((r) => String(r.principal).includes('former-employee'))).toBe(false);
  });
});

describe('a file DuckDB cannot run', () => {
  it('fails naming the file and showing the statement as run', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'launchpad-sql-'));
    mkdirSync(path.join(dir, 'named-queries'));
    writeFileSync(
      path.join(dir, 'named-queries/broken.sql'),
      '-- name: broken\n-- description: Asks for a column that does not exist.\nSELECT no_such_column FROM "{{curated_db}}"."rides"\n',
    );
    const [file] = readSqlFiles('named-queries', dir);
    if (!file) throw new Error('no file');
    const run = runLocal(catalog, file);
    await expect(run).rejects.toThrow(LocalRunError);
    await expect(run).rejects.toThrow(
      /broken\.sql: DuckDB could not run it locally: .*no_such_column[\s\S]*Statement as run:\nSELECT no_such_column FROM "launchpad_dev_curated"\."rides"/,
    );
  });
});
