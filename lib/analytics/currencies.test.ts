import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { svgText } from '../diagram/render/png-test-helpers.ts';
import { readSqlFiles, type SqlFile, type SqlKind } from '../sql/sql-files.ts';
import { SAMPLE_DIR } from './chart-inputs.ts';
import { chartSvg, readChartSpec } from './chart-render.ts';
import { type LocalCatalog, openLocalCatalog } from './local-catalog.ts';
import { type Row, runLocal } from './run-local.ts';

/**
 * Decision 15: amounts in different currencies are never added, averaged or ranked together. The proof runs
 * every SQL file twice: over a sample where one city takes fares in two currencies, and over each currency's
 * rides alone. A file that outputs money must output the currency, and each of its rows must be the row the
 * same file gives over that currency's rides only: nothing from another currency reached it.
 */
const MONEY = /fare|tip|revenue|amount/;
const CURRENCIES = ['EUR', 'GBP', 'USD'] as const;
type Sample = Record<string, unknown>;

const readJsonl = (file: string): Sample[] =>
  readFileSync(path.join(SAMPLE_DIR, file), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Sample);

/** The committed samples with every other London ride paid in euros: one city, two currencies. */
function mixedSample(): { curated: Sample[]; clean: Sample[] } {
  const curated = readJsonl('curated_rides.jsonl');
  const euros = new Set(
    curated
      .filter((r) => r.city === 'London')
      .filter((_, i) => i % 2 === 0)
      .map((r) => r.ride_id),
  );
  const relabel = (r: Sample) => (euros.has(r.ride_id) ? { ...r, currency: 'EUR' } : r);
  return { curated: curated.map(relabel), clean: readJsonl('clean_rides.jsonl').map(relabel) };
}

function writeSample(curated: readonly Sample[], clean: readonly Sample[]): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'launchpad-currencies-'));
  const jsonl = (rows: readonly Sample[]) => `${rows.map((r) => JSON.stringify(r)).join('\n')}\n`;
  writeFileSync(path.join(dir, 'curated_rides.jsonl'), jsonl(curated));
  writeFileSync(path.join(dir, 'clean_rides.jsonl'), jsonl(clean));
  writeFileSync(path.join(dir, 'tables.json'), readFileSync(path.join(SAMPLE_DIR, 'tables.json')));
  return dir;
}

const sample = mixedSample();
let mixed: LocalCatalog;
const alone = new Map<string, LocalCatalog>();

beforeAll(async () => {
  mixed = await openLocalCatalog({ sampleDir: writeSample(sample.curated, sample.clean) });
  for (const currency of CURRENCIES) {
    const only = (rows: Sample[]) => rows.filter((r) => r.currency === currency);
    alone.set(
      currency,
      await openLocalCatalog({ sampleDir: writeSample(only(sample.curated), only(sample.clean)) }),
    );
  }
});
afterAll(() => {
  mixed.close();
  for (const catalog of alone.values()) catalog.close();
});

const key = (row: Row) => JSON.stringify(row);
const moneyFiles = (['views', 'named-queries', 'ctas'] as const).flatMap((kind: SqlKind) =>
  readSqlFiles(kind).map((file): [string, SqlFile] => [`${kind}/${file.name}`, file]),
);

describe('every SQL file that outputs money, over a city paid in two currencies', () => {
  it('the sample really has London rides in pounds and in euros', () => {
    const london = new Set(sample.curated.filter((r) => r.city === 'London').map((r) => r.currency));
    expect(london).toEqual(new Set(['EUR', 'GBP']));
  });

  it.each(moneyFiles)('%s keeps each currency apart', async (_, file) => {
    const result = await runLocal(mixed, file);
    const money = result.columns.filter((c) => MONEY.test(c));
    if (money.length === 0) return;
    expect(result.columns, `${file.file} outputs ${money.join(', ')} without a currency`).toContain(
      'currency',
    );
    for (const currency of CURRENCIES) {
      const mine = result.rows.filter((r) => r.currency === currency).map(key);
      const own = (await runLocal(alone.get(currency) as LocalCatalog, file)).rows.map(key);
      expect(mine.sort(), `${file.file}, ${currency} rows`).toEqual(own.sort());
    }
    if (file.kind === 'named-queries') {
      // A ranking lists one currency after the other, never interleaved.
      const order = result.rows.map((r) => String(r.currency));
      const runs = order.filter((c, i) => i === 0 || order[i - 1] !== c);
      expect(runs, `${file.file} interleaves currencies`).toEqual([...new Set(order)]);
    }
  });
});

describe('the revenue chart, over a city paid in two currencies', () => {
  it('draws one panel per currency, each on its own revenue axis, so no bar or axis adds currencies', async () => {
    const file = readSqlFiles('named-queries').find((f) => f.chart === 'revenue_by_city');
    if (!file) throw new Error('no query draws revenue_by_city');
    const rows = (await runLocal(mixed, file)).rows;
    const svg = await chartSvg(readChartSpec('revenue_by_city'), rows);
    const xAxes = svg.match(/aria-roledescription="axis" aria-label="X-axis/g) ?? [];
    expect(xAxes).toHaveLength(CURRENCIES.length);
    for (const currency of CURRENCIES) expect(svgText(svg)).toContain(currency);
  });
});
