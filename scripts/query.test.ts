import { describe, expect, it } from 'vitest';
import { readAllSqlFiles } from '../lib/sql/sql-files.ts';
import { runInProcess } from '../test/run-in-process.ts';
import { runScript } from '../test/run-script.ts';
import { HELP, query as queryCommand } from './query/command.ts';

/** Runs the script's main function as `npm run query` would. */
const query = (args: string[]) => runInProcess({ HELP, main: queryCommand }, args);

describe('npm run query', () => {
  it('explains itself with --help', async () => {
    const run = await query(['--help']);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^Usage: npm run query -- \(--name <query> \| --file <path> \| --list\)/);
  });

  it('lists every SQL file with its kind', async () => {
    const run = await query(['--list']);
    expect(run.status).toBe(0);
    for (const file of readAllSqlFiles()) expect(run.stdout).toContain(`  ${file.name} `);
    expect(run.stdout).toContain('cloudtrail (pipeline/sql/cloudtrail/)');
  });

  it('runs a query by name and prints its rows as a table', async () => {
    // As a command: its arguments, its output and its exit status.
    const run = await runScript('query', ['--name', 'cancellation_rate_by_city', '--max-rows', '2']);
    expect(run.status).toBe(0);
    const [header, rule, first, second, third] = run.stdout.split('\n');
    expect(header).toMatch(/^city\s+finished_rides\s+cancelled_rides/);
    expect(rule).toMatch(/^-+ {2}-+/);
    expect(first).toMatch(/^\S.*\d+\.\d+$/);
    expect(second).toMatch(/\d$/);
    expect(third).toBe('');
    expect(run.stdout).toMatch(
      /\n5 rows \(first 2 shown: --max-rows\) from pipeline\/sql\/named-queries\/cancellation_rate_by_city\.sql in \d+ ms, as of 2024-03-08\.\n$/,
    );
  });

  it('runs a file and shows the statements as DuckDB ran them with --sql', async () => {
    const run = await query([
      '--file',
      'pipeline/sql/ctas/city_daily_summary.sql',
      '--sql',
      '--max-rows',
      '1',
    ]);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('DROP TABLE IF EXISTS "launchpad_dev_curated"."city_daily_summary";');
    expect(run.stdout).toContain('CREATE TABLE "launchpad_dev_curated"."city_daily_summary" AS');
    expect(run.stdout).not.toContain('external_location');
  });

  it('suggests close names for an unknown one', async () => {
    const run = await query(['--name', 'hourly_demnd']);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(
      'No SQL file is named "hourly_demnd". Did you mean hourly_demand? See them all with: npm run query -- --list',
    );
  });

  it('says what is wrong with a file outside pipeline/sql/<kind>/ or a bad option', async () => {
    const outside = await query(['--file', 'README.md']);
    expect(outside.status).toBe(1);
    expect(outside.stderr).toMatch(
      /^README\.md: the file's folder says what it is, and "[^"]+" is none of views/,
    );
    const both = await query(['--name', 'x', '--list']);
    expect(both.status).toBe(1);
    expect(both.stderr).toMatch(/^Choose one of --name, --file and --list, not --name and --list\./);
    const rows = await query(['--list', '--max-rows', '0']);
    expect(rows.stderr).toMatch(/^--max-rows must be a whole number above 0, not "0"\./);
  });
});
