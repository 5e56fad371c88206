import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { pngSize } from '../diagram/render/png-test-helpers.ts';
import { SQL_DIR } from '../sql/sql-files.ts';
import { writeChartFiles } from './chart-files.ts';
import { listChartSpecs } from './chart-render.ts';

const root = () => mkdtempSync(path.join(tmpdir(), 'launchpad-chart-files-'));
const ids = listChartSpecs();

describe('writeChartFiles', () => {
  it('draws every chart as SVG and PNG, then writes nothing when nothing changed', async () => {
    const dir = root();
    const first = await writeChartFiles(dir);
    expect(first.charts.map((c) => c.id)).toEqual(ids);
    expect([...first.written].sort()).toEqual(
      ids.flatMap((id) => [`docs/charts/${id}.png`, `docs/charts/${id}.svg`]),
    );
    for (const chart of first.charts) {
      expect(readFileSync(path.join(dir, chart.svg), 'utf8')).toMatch(/^<svg /);
      expect(pngSize(readFileSync(path.join(dir, chart.png))).width).toBeGreaterThan(500);
      expect(chart.sql).toContain('"launchpad_dev_');
      expect(chart.sql).not.toContain('{{');
      expect(existsSync(path.resolve(SQL_DIR, '../..', chart.sqlFile))).toBe(true);
      expect(chart.rows).toBeGreaterThan(0);
    }

    const before = Object.fromEntries(
      first.charts.map((c) => [c.svg, statSync(path.join(dir, c.svg)).mtimeMs]),
    );
    const second = await writeChartFiles(dir);
    expect(second.written).toEqual([]);
    expect(second.charts).toEqual(first.charts);
    for (const [file, mtime] of Object.entries(before))
      expect(statSync(path.join(dir, file)).mtimeMs).toBe(mtime);
  });

  it('draws a missing PNG again, keeps a current one, and removes files of charts that are gone', async () => {
    const dir = root();
    await writeChartFiles(dir);
    const [id] = ids;
    rmSync(path.join(dir, `docs/charts/${id}.png`));
    writeFileSync(path.join(dir, 'docs/charts/old_chart.svg'), '<svg/>');
    const result = await writeChartFiles(dir);
    expect(result.written).toEqual([`docs/charts/${id}.png`]);
    expect(result.removed).toEqual(['docs/charts/old_chart.svg']);
    expect(existsSync(path.join(dir, 'docs/charts/old_chart.svg'))).toBe(false);
  });

  it('refuses two SQL files drawing the same chart', async () => {
    const sql = mkdtempSync(path.join(tmpdir(), 'launchpad-sql-'));
    cpSync(SQL_DIR, sql, { recursive: true });
    mkdirSync(path.join(sql, 'named-queries'), { recursive: true });
    writeFileSync(
      path.join(sql, 'named-queries/hourly_copy.sql'),
      '-- name: hourly_copy\n-- description: The same chart again.\n-- chart: hourly_demand\nSELECT 1 AS x\n',
    );
    await expect(writeChartFiles(root(), { sqlDir: sql })).rejects.toThrow(
      /hourly_demand\.sql and .*hourly_copy\.sql both declare "-- chart: hourly_demand": a chart draws one query; give one of them another chart id\./,
    );
  });

  it('takes the charts of an earlier run with the same inputs, while its files are as it left them', async () => {
    const dir = root();
    const cacheDir = mkdtempSync(path.join(tmpdir(), 'launchpad-chart-cache-'));
    const first = await writeChartFiles(dir, { cacheDir });
    const [entry] = readdirSync(cacheDir);
    const cached = JSON.parse(readFileSync(path.join(cacheDir, entry as string), 'utf8'));
    expect(cached.charts).toEqual(first.charts);
    expect(Object.keys(cached.files).sort()).toEqual(first.charts.flatMap((c) => [c.png, c.svg]).sort());

    // Answered from the cache: a title changed in the entry by hand comes back.
    cached.charts[0].title = 'From the cache';
    writeFileSync(path.join(cacheDir, entry as string), JSON.stringify(cached));
    expect((await writeChartFiles(dir, { cacheDir })).charts[0]?.title).toBe('From the cache');

    // A chart file changed since: drawn again, and the file written back.
    const svg = first.charts[0]?.svg as string;
    writeFileSync(path.join(dir, svg), '<svg/>');
    const redrawn = await writeChartFiles(dir, { cacheDir });
    expect(redrawn.written).toEqual([svg]);
    expect(redrawn.charts).toEqual(first.charts);

    // Other inputs (here the project in the database names): another entry.
    await writeChartFiles(dir, { cacheDir, project: 'other' });
    expect(readdirSync(cacheDir)).toHaveLength(2);
  });
});
