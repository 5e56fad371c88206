import { describe, expect, it } from 'vitest';
import { dropTableProperties, mapCode, toDuckDb } from './duckdb-dialect.ts';

describe('Athena SQL for DuckDB', () => {
  it('turns current_date into the samples’ day, but not inside strings, names or comments', () => {
    const sql = [
      `SELECT 'current_date' AS "current_date" -- current_date`,
      `WHERE day = date_format(CURRENT_DATE - INTERVAL '1' DAY, '%d') /* current_date */`,
    ].join('\n');
    expect(toDuckDb(sql, { asOf: '2024-03-08' })).toBe(
      [
        `SELECT 'current_date' AS "current_date" -- current_date`,
        `WHERE day = date_format(DATE '2024-03-08' - INTERVAL '1' DAY, '%d') /* current_date */`,
      ].join('\n'),
    );
  });

  it('drops a CTAS’s table properties, nested brackets and quoted brackets included', () => {
    const ctas = `CREATE TABLE "db"."t"
WITH (
  format = 'PARQUET',
  external_location = 's3://bucket/odd)name/',
  partitioned_by = ARRAY['year', 'month']
) AS
SELECT 1 AS x`;
    expect(dropTableProperties(ctas)).toBe('CREATE TABLE "db"."t" AS\nSELECT 1 AS x');
  });

  it('leaves statements without table properties alone', () => {
    const sql = 'CREATE OR REPLACE VIEW "db"."v" AS WITH a AS (SELECT 1) SELECT * FROM a';
    expect(dropTableProperties(sql)).toBe(sql);
    expect(toDuckDb('SELECT 1', { asOf: '2024-03-08' })).toBe('SELECT 1');
  });

  it('refuses what it cannot rewrite safely', () => {
    expect(() => dropTableProperties('CREATE TABLE t WITH (format = ')).toThrow(/no closing parenthesis/);
    expect(() => toDuckDb('SELECT current_date', { asOf: 'yesterday' })).toThrow(
      'asOf must be YYYY-MM-DD, not "yesterday"',
    );
  });

  it('hands the rewrite only the code between literals, identifiers and comments', () => {
    const seen: string[] = [];
    mapCode(`a 'b' "c" d -- e\nf /* g */ h`, (code) => {
      seen.push(code);
      return code;
    });
    expect(seen).toEqual(['a ', ' ', ' d ', '\nf ', ' h']);
  });
});
