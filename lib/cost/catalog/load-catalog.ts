import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { ValidateFunction } from 'ajv';
import { type ParseError, parse } from 'jsonc-parser';
import { type ConfigProblem, problemLines } from '../../config/config-error.ts';
import { JsonLocations, pointerSegment } from '../../config/json-locations.ts';
import { schemaProblems } from '../../config/schema-problems.ts';
import { schemaFileValidator } from '../../config/schema-validator.ts';
import type { PriceCatalog, PriceEntry } from './price-catalog.ts';

/** The folder of the bundled catalogs (this file's folder): one `<region>.json` per region. */
export const DEFAULT_CATALOG_DIR = import.meta.dirname;
/** The schema every catalog is validated against, whichever folder the catalog comes from. */
export const CATALOG_SCHEMA_FILE = path.join(import.meta.dirname, 'catalog.schema.json');

const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;
const REFRESH_COMMAND = 'npm run prices:refresh -- --region';

/**
 * Thrown for a region without a catalog and for a catalog file that is not valid. Its problems are located
 * and worded as config files' are (file, line, JSON pointer, expected, found, what the field is for).
 */
export class CatalogError extends Error {
  constructor(
    message: string,
    /** The catalog file concerned, relative to the working directory when possible. */
    readonly file: string,
    readonly problems: readonly ConfigProblem[] = [],
  ) {
    super(message);
    this.name = 'CatalogError';
  }
}

/** Regions that have a catalog file in `dir`, sorted. */
export function bundledRegions(dir = DEFAULT_CATALOG_DIR): string[] {
  let files: string[];
  try {
    files = readdirSync(dir);
  } catch {
    return [];
  }
  return files
    .filter((f) => f.endsWith('.json') && REGION.test(f.slice(0, -'.json'.length)))
    .map((f) => f.slice(0, -'.json'.length))
    .sort();
}

interface CacheSlot {
  readonly mtimeMs: number;
  readonly size: number;
  readonly catalog: PriceCatalog;
}
const cache = new Map<string, CacheSlot>();

/** Forgets every loaded catalog, e.g. after a refresh rewrote the files. */
export function clearCatalogCache(): void {
  cache.clear();
}

/**
 * The price catalog of `region`, read from `<dir>/<region>.json` and validated (schema, then bands
 * contiguous from 0). Loaded once per file and kept while the file is unchanged; the returned object is
 * frozen because every caller shares it. Throws CatalogError when the region has no catalog (never
 * falls back to zero prices) or when the file is not valid.
 */
export function loadCatalog(region: string, dir = DEFAULT_CATALOG_DIR): PriceCatalog {
  const absolute = path.resolve(dir, `${region}.json`);
  const file = displayPath(absolute);
  if (!REGION.test(region)) {
    throw new CatalogError(
      `"${region}" is not an AWS region code (expected something like us-east-1). ${bundledSentence(dir)}`,
      file,
    );
  }
  const stat = statSync(absolute, { throwIfNoEntry: false });
  if (!stat?.isFile()) throw missingRegionError(region, dir, file);

  const cached = cache.get(absolute);
  if (cached && cached.mtimeMs === stat.mtimeMs && cached.size === stat.size) return cached.catalog;

  const catalog = parseCatalog(readFileSync(absolute, 'utf8'), file, region);
  cache.set(absolute, { mtimeMs: stat.mtimeMs, size: stat.size, catalog });
  return catalog;
}

/**
 * Validates the text of one catalog file and returns it without its `$schema` key. `region` is the
 * region the file name promises; the file's own `region` must match it.
 */
export function parseCatalog(text: string, file: string, region: string): PriceCatalog {
  const locations = new JsonLocations(text);
  const syntaxErrors: ParseError[] = [];
  const data: unknown = parse(text, syntaxErrors, { disallowComments: true, allowTrailingComma: false });
  if (syntaxErrors.length > 0) throw invalid(file, region, locations.syntaxProblems(syntaxErrors));

  const validate = catalogValidator();
  if (!validate(data)) throw invalid(file, region, schemaProblems(validate.errors ?? [], locations));
  const { $schema: _editorHint, ...catalog } = data as PriceCatalog & { $schema?: string };
  const problems = semanticProblems(catalog, region).map((p) => ({ ...p, ...locations.locate(p.pointer) }));
  if (problems.length > 0) throw invalid(file, region, problems);
  return deepFreeze(catalog);
}

/** Thrown for a region without a catalog file: callers that can go on without prices (docs, review) catch this one. */
export class MissingCatalogError extends CatalogError {
  constructor(
    message: string,
    file: string,
    readonly region: string,
  ) {
    super(message, file);
    this.name = 'MissingCatalogError';
  }
}

function missingRegionError(region: string, dir: string, file: string): MissingCatalogError {
  return new MissingCatalogError(
    [
      `No price catalog for region ${region} (looked for ${file}). ${bundledSentence(dir)}`,
      `To create one, run: ${REFRESH_COMMAND} ${region}`,
      "(it reads AWS's public price list files: no AWS account or credentials needed).",
      'Costs are not estimated for a region without a catalog: they would otherwise show as zero.',
    ].join('\n'),
    file,
    region,
  );
}

function bundledSentence(dir: string): string {
  const regions = bundledRegions(dir);
  return regions.length === 0
    ? `No catalog is bundled in ${displayPath(dir)}.`
    : `Bundled catalogs: ${regions.join(', ')}.`;
}

function invalid(file: string, region: string, problems: readonly ConfigProblem[]): CatalogError {
  const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
  const lines = [
    `${file} is not a valid price catalog (${count}):`,
    ...problems.flatMap((p) => problemLines(file, p)),
    `Fix the file (catalog.schema.json describes every field) or rebuild it: ${REFRESH_COMMAND} ${region}`,
  ];
  return new CatalogError(lines.join('\n'), file, problems);
}

let validator: ValidateFunction | undefined;

function catalogValidator(): ValidateFunction {
  validator ??= schemaFileValidator(CATALOG_SCHEMA_FILE, { formats: ['date'] });
  return validator;
}

/** Rules a JSON Schema cannot state: the file's region, contiguous bands, one quantity per free pool. */
function semanticProblems(catalog: PriceCatalog, region: string): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  if (catalog.region !== region) {
    problems.push({
      pointer: '/region',
      expected: `"${region}" (the file name's region)`,
      found: JSON.stringify(catalog.region),
    });
  }
  const pools = new Map<string, { id: string; quantity: number }>();
  for (const [id, entry] of Object.entries(catalog.prices)) {
    const at = `/prices/${pointerSegment(id)}`;
    problems.push(...tierProblems(entry, `${at}/tiers`));
    const free = entry.alwaysFree;
    if (free?.pool !== undefined) {
      const first = pools.get(free.pool);
      if (!first) pools.set(free.pool, { id, quantity: free.quantity });
      else if (first.quantity !== free.quantity) {
        problems.push({
          pointer: `${at}/alwaysFree/quantity`,
          expected: `${first.quantity}, the quantity of pool "${free.pool}" stated by ${first.id}`,
          found: String(free.quantity),
        });
      }
    }
  }
  return problems;
}

function tierProblems(entry: PriceEntry, at: string): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const tiers = entry.tiers;
  tiers.forEach((tier, i) => {
    const last = i === tiers.length - 1;
    if (i === 0 && tier.from !== 0) {
      problems.push({
        pointer: `${at}/0/from`,
        expected: '0 (the first band starts at 0)',
        found: String(tier.from),
      });
    }
    if (i > 0) {
      const previousTo = tiers[i - 1]?.to;
      if (previousTo !== undefined && tier.from !== previousTo) {
        problems.push({
          pointer: `${at}/${i}/from`,
          expected: `${previousTo} (where band ${i - 1} ends)`,
          found: String(tier.from),
        });
      }
    }
    if (last && tier.to !== undefined) {
      problems.push({
        pointer: `${at}/${i}/to`,
        expected: 'no "to" on the last band (it has no upper end)',
        found: String(tier.to),
      });
    }
    if (!last && tier.to === undefined) {
      problems.push({
        pointer: `${at}/${i}`,
        expected: `a "to" where band ${i + 1} starts`,
        found: 'a band without "to" before the last one',
      });
    }
    if (tier.to !== undefined && tier.to <= tier.from) {
      problems.push({
        pointer: `${at}/${i}/to`,
        expected: `a number > ${tier.from} (bands ascend)`,
        found: String(tier.to),
      });
    }
  });
  return problems;
}

function displayPath(absolute: string): string {
  const relative = path.relative(process.cwd(), absolute);
  return relative === '' || relative.startsWith('..') ? absolute : relative;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
