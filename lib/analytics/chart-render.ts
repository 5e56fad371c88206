/**
 * Charts without a browser: a Vega-Lite spec (templates/charts/<id>.vl.json) and the rows of the query
 * that declares `-- chart: <id>` become SVG through Vega's headless renderer, and PNG through resvg.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import type { FontChoice } from '../diagram/render/fonts.ts';
import { rasterize } from '../diagram/render/rasterize.ts';
import { displayPath } from '../sql/sql-files.ts';
import { CHARTS_DIR } from './chart-inputs.ts';
import type { Row } from './run-local.ts';

/** PNG pixels per SVG pixel: sharp on high-density screens. */
export const CHART_PNG_SCALE = 2;

/** What every chart shares; a spec's own `config` wins. The font stack names what browsers have too. */
const BASE_CONFIG = {
  font: 'Liberation Sans, Arial, Helvetica, sans-serif',
  background: 'white',
  padding: 12,
  title: { anchor: 'start', fontSize: 15, subtitleFontSize: 12, subtitleColor: '#52525B' },
  axis: { labelFontSize: 11, titleFontSize: 12 },
  legend: { labelFontSize: 11, titleFontSize: 12 },
} as const;

export interface ChartSpec {
  readonly id: string;
  readonly file: string;
  readonly title: string;
  readonly spec: TopLevelSpec;
}

/** Ids of the specs in `dir` (<id>.vl.json), sorted. */
export function listChartSpecs(dir: string = CHARTS_DIR): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.vl.json'))
    .map((f) => f.slice(0, -'.vl.json'.length))
    .sort();
}

/** templates/charts/<id>.vl.json; throws naming the file and the fix when it is missing or has no title. */
export function readChartSpec(id: string, dir: string = CHARTS_DIR, usedBy = 'a SQL file'): ChartSpec {
  const file = path.join(dir, `${id}.vl.json`);
  const shown = displayPath(file);
  if (!existsSync(file)) {
    const known = listChartSpecs(dir).join(', ') || 'none';
    throw new Error(
      `${usedBy} asks for chart "${id}", but ${shown} does not exist: write a Vega-Lite spec there, or use one of: ${known}.`,
    );
  }
  let spec: TopLevelSpec & { title?: unknown };
  try {
    spec = JSON.parse(readFileSync(file, 'utf8')) as TopLevelSpec & { title?: unknown };
  } catch (error) {
    throw new Error(`${shown} is not valid JSON: ${(error as Error).message}`);
  }
  const title =
    typeof spec.title === 'string' ? spec.title : (spec.title as { text?: unknown } | undefined)?.text;
  if (typeof title !== 'string' || title === '') {
    throw new Error(`${shown}: "title" is missing: give the chart a title (a string, or { "text": ... }).`);
  }
  return { id, file: shown, title, spec };
}

/** The chart as SVG text. The same spec and rows give the same bytes, in any time zone. */
export async function chartSvg(chart: ChartSpec, rows: readonly Row[]): Promise<string> {
  const spec = {
    ...chart.spec,
    data: { values: rows },
    config: { ...BASE_CONFIG, ...(chart.spec as { config?: object }).config },
  } as TopLevelSpec;
  // Warnings (a field that does not exist, conflicting sorts) fail the chart instead of scrolling by.
  const warnings: string[] = [];
  const logger = vega.logger(vega.Warn, undefined, (_method, _level, args) => {
    warnings.push(args.map(String).join(' '));
  });
  const fail = (what: string) =>
    new Error(
      `${chart.file}: ${what}: ${warnings.join('; ')}. Fix the spec (https://vega.github.io/vega-lite/docs/).`,
    );
  let runtime: vega.Runtime;
  try {
    runtime = vega.parse(compile(spec, { logger }).spec);
  } catch (error) {
    warnings.push((error as Error).message);
    throw fail('Vega-Lite could not compile it');
  }
  if (warnings.length > 0) throw fail('Vega-Lite warns');
  const view = new vega.View(runtime, { renderer: 'none', logger });
  try {
    const svg = await view.toSVG();
    if (warnings.length > 0) throw fail('Vega warns while drawing it');
    return numberIds(svg);
  } finally {
    view.finalize();
  }
}

/** PNG of an SVG at CHART_PNG_SCALE, on white. */
export function chartPng(svg: string, font: FontChoice, scale: number = CHART_PNG_SCALE): Uint8Array {
  return rasterize(svg, font, scale, 'white');
}

/**
 * Vega numbers clip paths and gradients from a counter that lives as long as the process, so the
 * second chart drawn would differ from the same chart drawn first: renumber them in document order.
 */
function numberIds(svg: string): string {
  const ids = new Map<string, string>();
  for (const [, id = ''] of svg.matchAll(/\bid="([^"]+)"/g)) {
    if (!ids.has(id)) ids.set(id, `${id.replace(/\d+$/, '')}${ids.size + 1}`);
  }
  return svg.replace(/(\bid="|url\(#|href="#)([^")]+)/g, (whole, prefix: string, id: string) => {
    const renamed = ids.get(id);
    return renamed ? `${prefix}${renamed}` : whole;
  });
}
