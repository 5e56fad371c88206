/**
 * How much of a folder of CloudFormation/SAM templates the cost engine can account for: each resource is either
 * priced, declared free with a reason, or not priced. Measured to find the types worth a model or a free entry;
 * one template that cannot be read is counted and named, never the end of the run. A Rain template the reader
 * cannot read is no failure of the engine: it becomes CloudFormation only once `rain pkg` runs, so it is
 * counted apart and left out of the templates.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { readTemplateFile } from '../assembly/index.ts';
import { loadCatalog } from './catalog/load-catalog.ts';
import type { PriceCatalog } from './catalog/price-catalog.ts';
import { estimate } from './estimate/estimate.ts';

const TEMPLATE_EXTENSIONS = ['.json', '.yaml', '.yml', '.template'];

export interface CoverageOptions {
  /** Region the templates are priced in. @default us-east-1 */
  readonly region?: string;
  /** Where prices come from. @default the bundled catalogs */
  readonly catalogFor?: (region: string) => PriceCatalog;
  /** Called after each template with how many are done of how many. */
  readonly onProgress?: (done: number, total: number, file: string) => void;
}

export interface UnpricedType {
  readonly type: string;
  readonly count: number;
  /** How many templates it appears in. */
  readonly templates: number;
  /** Why, as the estimate says it (the most frequent reason). */
  readonly reason: string;
}

export interface CoverageReport {
  readonly folder: string;
  /** Files with a template's extension whose text has a `Resources` section, Rain templates left out. */
  readonly templates: number;
  /** Files with a template's extension that are no CloudFormation template (buildspecs, package.json, ...). */
  readonly skipped: number;
  readonly unreadable: readonly { readonly file: string; readonly error: string }[];
  /** Templates unreadable because of Rain directives (`!Rain::Embed`, `Rain::Module` types): not CloudFormation yet. */
  readonly rain: readonly string[];
  readonly resources: { readonly total: number; readonly priced: number; readonly free: number };
  /** Templates read whose every resource is priced or free. */
  readonly fullyCovered: number;
  readonly unpriced: readonly UnpricedType[];
}

/** Reads every template under `folder` (recursively) and counts what the estimate prices, calls free, or leaves. */
export function measureCoverage(folder: string, options: CoverageOptions = {}): CoverageReport {
  const region = options.region ?? 'us-east-1';
  const catalogs = new Map<string, PriceCatalog>();
  const catalogFor = (name: string) => {
    let found = catalogs.get(name);
    if (!found) {
      found = (options.catalogFor ?? loadCatalog)(name);
      catalogs.set(name, found);
    }
    return found;
  };
  const candidates = templateFiles(folder);
  const files = candidates.filter(looksLikeTemplate);
  const unreadable: { file: string; error: string }[] = [];
  const rain: string[] = [];
  const resources = { total: 0, priced: 0, free: 0 };
  const unpriced = new Map<string, { count: number; templates: number; reasons: Map<string, number> }>();
  let fullyCovered = 0;
  files.forEach((file, i) => {
    const shown = path.relative(folder, file);
    try {
      const inventory = readTemplateFile(file, { region, deployable: true });
      const result = estimate(inventory, { catalogFor, defaultRegion: region });
      const seen = new Set<string>();
      for (const resource of result.resources) {
        resources.total++;
        if (resource.status === 'priced') resources.priced++;
        else if (resource.status === 'free') resources.free++;
        else {
          const entry = unpriced.get(resource.type) ?? { count: 0, templates: 0, reasons: new Map() };
          entry.count++;
          if (!seen.has(resource.type)) entry.templates++;
          seen.add(resource.type);
          const reason = resource.reason ?? 'not priced';
          entry.reasons.set(reason, (entry.reasons.get(reason) ?? 0) + 1);
          unpriced.set(resource.type, entry);
        }
      }
      if (seen.size === 0) fullyCovered++;
    } catch (error) {
      if (hasRainDirectives(file)) rain.push(shown);
      else unreadable.push({ file: shown, error: firstLine(error) });
    }
    options.onProgress?.(i + 1, files.length, shown);
  });
  return {
    folder,
    templates: files.length - rain.length,
    skipped: candidates.length - files.length,
    unreadable,
    rain,
    resources,
    fullyCovered,
    unpriced: [...unpriced]
      .map(([type, { count, templates, reasons }]) => ({
        type,
        count,
        templates,
        reason: [...reasons].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 'not priced',
      }))
      .sort((a, b) => b.count - a.count || a.type.localeCompare(b.type)),
  };
}

/** The report as people read it: the two headline shares, then the types worth a model or a free entry. */
export function coverageText(report: CoverageReport, top = 25): string {
  const read = report.templates - report.unreadable.length;
  const { total, priced, free } = report.resources;
  const lines = [
    `Templates: ${report.templates} found, ${read} read, ${report.unreadable.length} unreadable` +
      (report.skipped ? ` (${report.skipped} other .json/.yaml files skipped: no Resources section)` : ''),
    ...(report.rain.length
      ? [`Rain templates left out: ${report.rain.length} (${RAIN_REASON}; not counted among the templates)`]
      : []),
    `Resources: ${total}; priced ${priced}, free ${free}, not priced ${total - priced - free}`,
    `Resources priced or declared free: ${percent(priced + free, total)}`,
    `Templates fully covered: ${percent(report.fullyCovered, read)} (${report.fullyCovered} of ${read} read` +
      (report.unreadable.length
        ? `; ${percent(report.fullyCovered, report.templates)} counting the unreadable as not covered)`
        : ')'),
  ];
  if (report.unpriced.length > 0) {
    lines.push('', `Top unpriced types (${report.unpriced.length} in all): count, templates, type, why`);
    for (const t of report.unpriced.slice(0, top))
      lines.push(`${String(t.count).padStart(6)} ${String(t.templates).padStart(5)}  ${t.type}: ${t.reason}`);
  }
  if (report.unreadable.length > 0) {
    lines.push('', 'Unreadable templates:');
    for (const { file, error } of report.unreadable) lines.push(`  ${file}: ${error}`);
  }
  if (report.rain.length > 0) {
    lines.push('', `Rain templates (${RAIN_REASON}):`);
    for (const file of report.rain) lines.push(`  ${file}`);
  }
  return lines.join('\n');
}

function templateFiles(folder: string): string[] {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && TEMPLATE_EXTENSIONS.includes(path.extname(entry.name).toLowerCase()))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .filter((file) => !file.split(path.sep).includes('node_modules'))
    .sort();
}

/**
 * A template has a top-level `Resources` key; package.json, buildspecs, workflow files and sample events have
 * none. JSON is parsed (a nested "Resources" key is no template's); a file that does not parse is the reader's
 * to report.
 */
function looksLikeTemplate(file: string): boolean {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return true;
  }
  if (path.extname(file).toLowerCase() === '.json') {
    try {
      const parsed: unknown = JSON.parse(text);
      return !!parsed && typeof parsed === 'object' && 'Resources' in parsed;
    } catch {
      return /^\s*"Resources"\s*:/m.test(text);
    }
  }
  return /^(?:Resources\s*:|\s*"Resources"\s*:)/m.test(text);
}

const RAIN_REASON = 'not CloudFormation: Rain directives, run rain pkg first';

/**
 * Rain (the CloudFormation CLI) packs a template before deploying it: `!Rain::Embed`/`!Rain::S3` tags in YAML,
 * `"Rain::Module"` types and `"Rain::Embed"` keys in JSON. Only asked of a template the reader failed on, so a
 * genuinely broken template with no directive stays unreadable.
 */
function hasRainDirectives(file: string): boolean {
  try {
    return /!Rain::\w|(?:^|[\s{,"'])Rain::\w+["']?\s*:/m.test(readFileSync(file, 'utf8'));
  } catch {
    return false;
  }
}

const percent = (part: number, whole: number) =>
  whole === 0 ? 'n/a' : `${((100 * part) / whole).toFixed(1)} %`;

const firstLine = (error: unknown) =>
  (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? 'unknown error';
