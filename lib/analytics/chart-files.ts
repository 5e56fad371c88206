/**
 * The docs' charts: every SQL file that declares `-- chart: <id>` runs against the local catalog, and
 * its rows are drawn into docs/charts/<id>.svg and .png. Files are written only when their bytes
 * change. The PNG is drawn again only when its SVG changed or it is missing: PNG text depends on the
 * fonts of the machine, so a regeneration elsewhere would otherwise rewrite every PNG for nothing.
 */
import { existsSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_CONFIG_DIR } from '../config/load-config.ts';
import { findSansFont } from '../diagram/render/fonts.ts';
import { writeIfChanged } from '../render/write-if-changed.ts';
import { fillPlaceholders, readAllSqlFiles, SQL_DIR, type SqlFile } from '../sql/sql-files.ts';
import { CHARTS_DIR, cacheCharts, cachedCharts, chartInputsKey, SAMPLE_DIR } from './chart-inputs.ts';
import { CLOUDTRAIL_SAMPLE } from './cloudtrail-table.ts';
import type { LocalCatalogOptions } from './local-catalog.ts';

/** One chart as the docs show it. Paths are relative to the repository root. */
export interface ChartDoc {
  readonly id: string;
  readonly title: string;
  /** The SQL file's name and description: the view or saved query behind the chart. */
  readonly query: string;
  readonly description: string;
  readonly kind: SqlFile['kind'];
  /** pipeline/sql/<kind>/<name>.sql */
  readonly sqlFile: string;
  /** The statement with the dev environment's database names, ready for the Athena console. */
  readonly sql: string;
  readonly rows: number;
  readonly svg: string;
  readonly png: string;
}

export interface ChartFilesResult {
  readonly charts: readonly ChartDoc[];
  /** Files written this run, relative to the repository root. */
  readonly written: readonly string[];
  readonly removed: readonly string[];
}

export interface ChartFilesOptions
  extends Pick<LocalCatalogOptions, 'sampleDir' | 'cloudTrailFile' | 'project'> {
  /** Where the files go, relative to `root`. @default docs/charts */
  readonly outDir?: string;
  readonly sqlDir?: string;
  readonly chartsDir?: string;
  /** Font directories to search for the PNG's text (tests). @default the operating system's */
  readonly fontDirectories?: readonly string[];
  readonly onProgress?: (line: string) => void;
  /** Where the charts of earlier runs are kept. @default node_modules/.cache/launchpad/charts */
  readonly cacheDir?: string;
}

export async function writeChartFiles(
  root: string,
  options: ChartFilesOptions = {},
): Promise<ChartFilesResult> {
  const outDir = options.outDir ?? 'docs/charts';
  const sqlDir = options.sqlDir ?? SQL_DIR;
  const sources = readAllSqlFiles(sqlDir).filter((file) => file.chart !== undefined);
  const byChart = new Map<string, SqlFile>();
  for (const file of sources) {
    const other = byChart.get(file.chart ?? '');
    if (other) {
      throw new Error(
        `${file.file} and ${other.file} both declare "-- chart: ${file.chart}": a chart draws one query; give one of them another chart id.`,
      );
    }
    byChart.set(file.chart ?? '', file);
  }

  // The charts of the last run with these inputs, while the files it wrote are unchanged: nothing to draw.
  const inputs = [
    sqlDir,
    options.sampleDir ?? SAMPLE_DIR,
    options.chartsDir ?? CHARTS_DIR,
    options.cloudTrailFile ?? CLOUDTRAIL_SAMPLE,
    DEFAULT_CONFIG_DIR,
  ];
  const key = chartInputsKey(inputs, { outDir, project: options.project });
  const cached = cachedCharts(key, root, options.cacheDir);
  const { charts, written } = cached
    ? { charts: [...cached], written: [] }
    : await drawCharts(root, outDir, sqlDir, [...byChart], options);
  if (!cached) cacheCharts(key, root, charts, options.cacheDir);

  const dir = path.join(root, outDir);
  const ids = new Set(charts.map((c) => c.id));
  const removed = existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => /\.(svg|png)$/.test(f) && !ids.has(f.replace(/\.(svg|png)$/, '')))
        .sort()
        .map((f) => `${outDir}/${f}`)
    : [];
  for (const file of removed) rmSync(path.join(root, file));
  return { charts, written, removed };
}

/** Runs each chart's query on the samples and writes its SVG, and its PNG when the SVG changed or it is missing. */
async function drawCharts(
  root: string,
  outDir: string,
  sqlDir: string,
  byChart: [string, SqlFile][],
  options: ChartFilesOptions,
): Promise<{ charts: ChartDoc[]; written: string[] }> {
  const written: string[] = [];
  const write = (relative: string, content: string | Uint8Array) => {
    const bytes = typeof content === 'string' ? content : Buffer.from(content);
    if (writeIfChanged(path.join(root, relative), bytes) === 'written') written.push(relative);
  };
  const charts: ChartDoc[] = [];
  const { sampleDir, cloudTrailFile, project } = options;
  // Loaded only when something is drawn: DuckDB and Vega take a tenth of a second to load.
  const { chartPng, chartSvg, readChartSpec } = await import('./chart-render.ts');
  const { openLocalCatalog } = await import('./local-catalog.ts');
  const { runLocal } = await import('./run-local.ts');
  const catalog = await openLocalCatalog({ sampleDir, cloudTrailFile, project, sqlDir });
  try {
    for (const [id, file] of byChart.sort(([a], [b]) => a.localeCompare(b))) {
      const spec = readChartSpec(id, options.chartsDir ?? CHARTS_DIR, file.file);
      const result = await runLocal(catalog, file);
      const svgPath = `${outDir}/${id}.svg`;
      const pngPath = `${outDir}/${id}.png`;
      const svg = await chartSvg(spec, result.rows);
      write(svgPath, svg);
      if (written.includes(svgPath) || !existsSync(path.join(root, pngPath))) {
        const font = findSansFont(options.fontDirectories);
        if (!font) {
          throw new Error(
            `No font file found to draw the text of ${pngPath} (resvg draws none without one). Install fonts-liberation (Debian/Ubuntu: sudo apt-get install fonts-liberation).`,
          );
        }
        if (font.fallback) {
          options.onProgress?.(`No system sans-serif font found: ${pngPath} uses KaTeX's ${font.family}.`);
        }
        write(pngPath, chartPng(svg, font));
      }
      charts.push({
        id,
        title: spec.title,
        query: file.name,
        description: file.description,
        kind: file.kind,
        sqlFile: `pipeline/sql/${file.kind}/${file.name}.sql`,
        sql: fillPlaceholders(file.sql, catalog.placeholders, file.file),
        rows: result.rows.length,
        svg: svgPath,
        png: pngPath,
      });
    }
  } finally {
    catalog.close();
  }
  return { charts, written };
}
