import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findSansFont } from '../diagram/render/fonts.ts';
import { pngPixelShares, pngSize, svgText } from '../diagram/render/png-test-helpers.ts';
import { readAllSqlFiles, type SqlFile } from '../sql/sql-files.ts';
import { CHART_PNG_SCALE, chartPng, chartSvg, listChartSpecs, readChartSpec } from './chart-render.ts';
import { type LocalCatalog, openLocalCatalog } from './local-catalog.ts';
import { type Row, runLocal } from './run-local.ts';

const charted = readAllSqlFiles().filter((f): f is SqlFile & { chart: string } => f.chart !== undefined);
let catalog: LocalCatalog;
const rowsOf = async (id: string): Promise<readonly Row[]> => {
  const file = charted.find((f) => f.chart === id);
  if (!file) throw new Error(`no SQL file draws ${id}`);
  return (await runLocal(catalog, file)).rows;
};

beforeAll(async () => {
  catalog = await openLocalCatalog();
});
afterAll(() => catalog.close());

describe('the chart specs of templates/charts/', () => {
  it('each draw exactly one SQL file’s rows, and every chart a SQL file asks for exists', () => {
    expect(charted.map((f) => f.chart).sort()).toEqual(listChartSpecs());
  });

  it.each(listChartSpecs())('%s compiles and draws its marks, title and axis titles as SVG', async (id) => {
    const chart = readChartSpec(id);
    const svg = await chartSvg(chart, await rowsOf(id));
    expect(svg).toMatch(/^<svg [^>]*width="\d+" height="\d+"/);
    const text = svgText(svg);
    expect(text).toContain(chart.title);
    const spec = JSON.stringify(chart.spec);
    for (const [, title] of spec.matchAll(/"title":"([^"]+)"/g)) expect(text).toContain(title);
    const marks = [...spec.matchAll(/"mark":(?:"(\w+)"|\{"type":"(\w+)")/g)].map((m) => m[1] ?? m[2]);
    // Vega draws bars as rects.
    for (const mark of marks) expect(svg).toContain(`mark-${mark === 'bar' ? 'rect' : mark}`);
  });
});

describe('chartSvg', () => {
  it('draws a line per city and a point per city and day', async () => {
    const rows = await rowsOf('rides_per_day');
    const svg = await chartSvg(readChartSpec('rides_per_day'), rows);
    const cities = new Set(rows.map((r) => r.city));
    expect(svg.match(/<path [^>]*aria-roledescription="line mark"/g)).toHaveLength(cities.size);
    expect(svg.match(/aria-roledescription="point"/g)).toHaveLength(rows.length);
    for (const city of cities) expect(svgText(svg)).toContain(String(city));
  });

  it('gives the same bytes on every run and in every time zone', async () => {
    const chart = readChartSpec('hourly_demand');
    const rows = await rowsOf('hourly_demand');
    const first = await chartSvg(chart, rows);
    const zone = process.env.TZ;
    try {
      process.env.TZ = 'Pacific/Auckland';
      expect(await chartSvg(chart, rows)).toBe(first);
      process.env.TZ = 'America/Los_Angeles';
      const days = readChartSpec('rides_per_day');
      const dayRows = await rowsOf('rides_per_day');
      const west = await chartSvg(days, dayRows);
      process.env.TZ = 'UTC';
      expect(await chartSvg(days, dayRows)).toBe(west);
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });

  it('fails on a spec Vega-Lite warns about or cannot compile, naming the file', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'launchpad-charts-'));
    const write = (id: string, spec: object) =>
      writeFileSync(path.join(dir, `${id}.vl.json`), JSON.stringify(spec));
    write('bad_mark', { title: 'Bad', mark: 'bars', encoding: {} });
    write('bad_channel', {
      title: 'Bad',
      mark: 'bar',
      encoding: { colour: { field: 'x', type: 'nominal' } },
    });
    await expect(chartSvg(readChartSpec('bad_mark', dir), [])).rejects.toThrow(
      /bad_mark\.vl\.json: Vega-Lite could not compile it: /,
    );
    await expect(chartSvg(readChartSpec('bad_channel', dir), [{ x: 1 }])).rejects.toThrow(
      /bad_channel\.vl\.json: Vega-Lite warns: .*colour/,
    );
  });
});

describe('readChartSpec', () => {
  it('names the missing file and the charts that exist', () => {
    expect(() => readChartSpec('rides_per_week', undefined, 'pipeline/sql/views/x.sql')).toThrow(
      /^pipeline\/sql\/views\/x\.sql asks for chart "rides_per_week", but templates\/charts\/rides_per_week\.vl\.json does not exist: write a Vega-Lite spec there, or use one of: cancellation_rate, hourly_demand, /,
    );
  });

  it('asks for a title', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'launchpad-charts-'));
    writeFileSync(path.join(dir, 'untitled.vl.json'), JSON.stringify({ mark: 'bar' }));
    expect(() => readChartSpec('untitled', dir)).toThrow(
      /untitled\.vl\.json: "title" is missing: give the chart a title/,
    );
  });
});

describe('chartPng', () => {
  it('is the SVG at twice its size, with its text drawn', async () => {
    const font = findSansFont();
    if (!font) throw new Error('no font: install fonts-liberation');
    const svg = await chartSvg(readChartSpec('revenue_by_city'), await rowsOf('revenue_by_city'));
    const width = Number(/width="(\d+)"/.exec(svg)?.[1]);
    const height = Number(/height="(\d+)"/.exec(svg)?.[1]);
    const png = chartPng(svg, font);
    expect(pngSize(png)).toEqual({ width: width * CHART_PNG_SCALE, height: height * CHART_PNG_SCALE });
    // Text is the chart's near-black ink: without it, most of that ink is gone.
    const withoutText = chartPng(svg.replace(/<text[^>]*>[^<]*<\/text>/g, ''), font);
    expect(pngPixelShares(png).black).toBeGreaterThan(pngPixelShares(withoutText).black * 2);
  });
});
