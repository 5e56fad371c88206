import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  fillPlaceholders,
  MAX_DESCRIPTION_LENGTH,
  PLACEHOLDERS,
  readSqlFiles,
  SQL_KINDS,
  type SqlKind,
} from './sql-files.ts';

/** A pipeline/sql-like folder holding one file, `<kind>/<name>.sql`. */
function sqlDir(kind: SqlKind, name: string, text: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'launchpad-sql-'));
  mkdirSync(path.join(dir, kind));
  writeFileSync(path.join(dir, kind, `${name}.sql`), text);
  return dir;
}

const QUERY =
  '-- name: my_query\n-- description: Counts rides.\nSELECT count(*) FROM "{{curated_db}}"."rides"\n';

describe('the SQL files of pipeline/sql/', () => {
  it.each(SQL_KINDS)('%s: parse, sorted by name, names equal to their file names', (kind) => {
    const files = readSqlFiles(kind);
    expect(files.length).toBeGreaterThan(0);
    expect(files.map((f) => f.name)).toEqual(files.map((f) => f.name).sort());
    for (const file of files) {
      expect(file.kind).toBe(kind);
      expect(file.file).toBe(`pipeline/sql/${kind}/${file.name}.sql`);
      expect(file.sql).not.toMatch(/^-- (name|description):/m);
      expect(file.description.length).toBeLessThanOrEqual(MAX_DESCRIPTION_LENGTH);
    }
  });

  it('hold exactly one CTAS, city_daily_summary, partitioned by year and month', () => {
    const [ctas, ...others] = readSqlFiles('ctas');
    expect(others).toEqual([]);
    expect(ctas?.name).toBe('city_daily_summary');
    expect(ctas?.sql).toMatch(/external_location = '\{\{ctas_location\}\}'/);
    expect(ctas?.sql).toMatch(/partitioned_by = ARRAY\['year', 'month'\]/);
  });

  it('filter every CloudTrail query on the projected partition column', () => {
    for (const file of readSqlFiles('cloudtrail')) {
      expect(file.sql, file.file).toMatch(/FROM "\{\{audit_db\}\}"\."cloudtrail_logs"/);
      expect(file.sql, file.file).toMatch(
        /WHERE "timestamp" >= date_format\(current_date - INTERVAL '\d+' DAY/,
      );
    }
  });

  it('read the header: name, description and the optional chart', () => {
    const dir = sqlDir(
      'named-queries',
      'my_query',
      QUERY.replace('\nSELECT', '\n-- chart: my_chart\nSELECT'),
    );
    expect(readSqlFiles('named-queries', dir)).toEqual([
      {
        name: 'my_query',
        description: 'Counts rides.',
        kind: 'named-queries',
        file: path.join(dir, 'named-queries/my_query.sql'),
        sql: 'SELECT count(*) FROM "{{curated_db}}"."rides"',
        chart: 'my_chart',
      },
    ]);
  });
});

describe('a bad SQL file', () => {
  const error = (kind: SqlKind, name: string, text: string) => {
    const dir = sqlDir(kind, name, text);
    try {
      readSqlFiles(kind, dir);
    } catch (caught) {
      return (caught as Error).message.replace(dir, '<dir>');
    }
    throw new Error('expected readSqlFiles to throw');
  };

  it('without a name line says what the first line must be', () => {
    expect(error('named-queries', 'my_query', '-- description: Counts.\nSELECT 1\n')).toBe(
      '<dir>/named-queries/my_query.sql:1: the first line must be "-- name: my_query" (the file\'s name without .sql).',
    );
  });

  it('whose name differs from its file name says to align them', () => {
    expect(error('named-queries', 'my_query', QUERY.replace('name: my_query', 'name: other'))).toBe(
      '<dir>/named-queries/my_query.sql:1: name "other" differs from the file name: write "-- name: my_query" or rename the file.',
    );
  });

  it('whose name is not snake_case says so', () => {
    expect(error('named-queries', 'My-Query', QUERY.replace('name: my_query', 'name: My-Query'))).toMatch(
      /My-Query\.sql:1: name "My-Query" is not snake_case/,
    );
  });

  it('without a description on line 2 says what line 2 must be', () => {
    expect(error('named-queries', 'my_query', '-- name: my_query\nSELECT 1\n')).toBe(
      '<dir>/named-queries/my_query.sql:2: the second line must be "-- description: <one sentence for the Athena console>".',
    );
  });

  it('with a description over Athena’s limit gives its length', () => {
    const long = 'x'.repeat(MAX_DESCRIPTION_LENGTH + 1);
    expect(error('named-queries', 'my_query', QUERY.replace('Counts rides.', long))).toBe(
      `<dir>/named-queries/my_query.sql:2: description is ${MAX_DESCRIPTION_LENGTH + 1} characters; Athena allows ${MAX_DESCRIPTION_LENGTH}: shorten it.`,
    );
  });

  it('with an unknown header field names it', () => {
    expect(error('named-queries', 'my_query', QUERY.replace('\nSELECT', '\n-- owner: me\nSELECT'))).toMatch(
      /my_query\.sql:3: unknown header field "owner": the header holds name, description and chart only \(put a blank line between it and other comments\)\./,
    );
  });

  it('with an unknown or misspelt placeholder names it, its line and the ones that exist', () => {
    const known = Object.keys(PLACEHOLDERS)
      .map((p) => `{{${p}}}`)
      .join(', ');
    expect(error('named-queries', 'my_query', `${QUERY}WHERE x = '{{bucket}}'\n`)).toBe(
      `<dir>/named-queries/my_query.sql:4: unknown placeholder {{bucket}}: use one of ${known}.`,
    );
    expect(error('named-queries', 'my_query', QUERY.replace('{{curated_db}}', '{{ curated_db }}'))).toMatch(
      /my_query\.sql:3: unknown placeholder \{\{ curated_db \}\}/,
    );
  });

  it('with no statement says to add one', () => {
    expect(error('named-queries', 'my_query', '-- name: my_query\n-- description: Counts.\n\n')).toMatch(
      /my_query\.sql:3: no statement after the header: add the SQL\./,
    );
  });

  it('of the wrong shape for its kind says which shape', () => {
    expect(error('named-queries', 'my_query', QUERY.replace('SELECT', 'DROP TABLE x; SELECT'))).toMatch(
      /my_query\.sql:3: a named-queries file holds one statement of the form a query: SELECT \.\.\. or WITH \.\.\. SELECT/,
    );
    const view =
      '-- name: my_view\n-- description: A view.\nCREATE OR REPLACE VIEW "{{curated_db}}"."other" AS SELECT 1\n';
    expect(error('views', 'my_view', view)).toBe(
      '<dir>/views/my_view.sql:3: the statement creates "other" but the file is named my_view: name both the same (CREATE OR REPLACE VIEW "{{curated_db}}"."my_view" AS SELECT ...).',
    );
    expect(error('ctas', 'my_table', view.replaceAll('my_view', 'my_table'))).toMatch(
      /a ctas file holds one statement of the form CREATE TABLE "\{\{curated_db\}\}"\."my_table" WITH \(\.\.\.\) AS SELECT/,
    );
  });

  it('folder that does not exist is named', () => {
    expect(() => readSqlFiles('views', path.join(tmpdir(), 'no-such-sql-dir'))).toThrow(
      /no-such-sql-dir\/views does not exist: create it and put the views SQL files in it\./,
    );
  });
});

describe('fillPlaceholders', () => {
  const values = { clean_db: 'launchpad_dev_clean', curated_db: 'launchpad_dev_curated' };

  it('puts each value in its place, every time it occurs', () => {
    expect(
      fillPlaceholders('SELECT * FROM "{{curated_db}}".a JOIN "{{curated_db}}".b', values, 'f.sql'),
    ).toBe('SELECT * FROM "launchpad_dev_curated".a JOIN "launchpad_dev_curated".b');
  });

  it('names the file and the placeholder that has no value, and the values given', () => {
    expect(() =>
      fillPlaceholders('FROM "{{audit_db}}"."cloudtrail_logs"', values, 'pipeline/sql/x.sql'),
    ).toThrow(
      'pipeline/sql/x.sql: no value for {{audit_db}} (Glue database of the CloudTrail table: launchpad_<env>_audit); values given: clean_db, curated_db. Pass it, or use another placeholder.',
    );
  });

  it('names the file and a placeholder it does not know', () => {
    expect(() => fillPlaceholders('FROM "{{raw_db}}".x', values, 'pipeline/sql/x.sql')).toThrow(
      /^pipeline\/sql\/x\.sql: unknown placeholder \{\{raw_db\}\}: use one of \{\{clean_db\}\}/,
    );
  });
});
