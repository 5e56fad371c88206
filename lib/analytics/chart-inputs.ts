/**
 * What the docs' charts are drawn from, and the charts last drawn from it. Drawing them (DuckDB over the
 * samples, then Vega) took half a second of every `npm run docs`, most often to write the same files again;
 * a run whose inputs are those of the last one, and whose chart files are still the ones it wrote, takes the
 * charts from node_modules/.cache/launchpad/charts and loads neither DuckDB nor Vega.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { CACHE_ROOT, writeCacheFile } from '../config/cache-file.ts';
import type { ChartDoc } from './chart-files.ts';

/** Vega-Lite specs, one per chart: templates/charts/<id>.vl.json. */
export const CHARTS_DIR = path.resolve(import.meta.dirname, '../../templates/charts');
/**
 * Folder with clean_rides.jsonl, curated_rides.jsonl and tables.json, written by
 * `python3 -m pipeline.glue.sample_tables`; committed.
 */
export const SAMPLE_DIR = path.resolve(import.meta.dirname, '../../pipeline/fixtures/sample');
const CHART_CACHE_DIR = path.join(CACHE_ROOT, 'charts');

/**
 * The code that draws a chart, ours and the packages' (their versions are in the lock file): a change to
 * it draws the charts again.
 */
const CODE = [
  import.meta.dirname,
  path.resolve(import.meta.dirname, '../sql'),
  path.resolve(import.meta.dirname, '../../package-lock.json'),
];

/** Every file under `entry` (itself when a file), sorted; nothing when it does not exist. */
function filesOf(entry: string): string[] {
  if (!existsSync(entry)) return [];
  if (!statSync(entry).isDirectory()) return [entry];
  return readdirSync(entry, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

/**
 * A hash of everything the charts depend on: the files and folders given (SQL, samples, specs, config), the
 * options, the code in lib/analytics and lib/sql, and the lock file's package versions.
 */
export function chartInputsKey(inputs: readonly string[], options: unknown): string {
  const hash = createHash('sha256');
  hash.update(JSON.stringify(options));
  for (const file of [...inputs, ...CODE].flatMap(filesOf)) {
    if (file.endsWith('.test.ts')) continue;
    hash.update(`\0${file}\0`).update(readFileSync(file));
  }
  return hash.digest('hex').slice(0, 24);
}

interface CacheEntry {
  readonly charts: readonly ChartDoc[];
  /** Each file the run left, relative to the root, by the hash of its bytes. */
  readonly files: Readonly<Record<string, string>>;
}

const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

/** The charts of the run with this key, when every file it left under `root` is still as it left it. */
export function cachedCharts(
  key: string,
  root: string,
  cacheDir = CHART_CACHE_DIR,
): readonly ChartDoc[] | undefined {
  const file = path.join(cacheDir, `${key}.json`);
  if (!existsSync(file)) return undefined;
  let entry: CacheEntry;
  try {
    entry = JSON.parse(readFileSync(file, 'utf8')) as CacheEntry;
  } catch {
    return undefined;
  }
  const current = Object.entries(entry.files).every(
    ([relative, hash]) => existsSync(path.join(root, relative)) && sha(path.join(root, relative)) === hash,
  );
  return current ? entry.charts : undefined;
}

/** Remembers the charts of this run and the files it left. A read-only checkout keeps nothing. */
export function cacheCharts(
  key: string,
  root: string,
  charts: readonly ChartDoc[],
  cacheDir = CHART_CACHE_DIR,
): void {
  const files = Object.fromEntries(
    charts.flatMap((c) => [c.svg, c.png]).map((relative) => [relative, sha(path.join(root, relative))]),
  );
  writeCacheFile(path.join(cacheDir, `${key}.json`), JSON.stringify({ charts, files } satisfies CacheEntry));
}
