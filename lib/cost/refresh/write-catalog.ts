/**
 * Writes a price catalog as `<dir>/<region>.json`: pretty JSON with a `$schema` key for editors, keys in
 * one fixed order so that the diff of two refreshes (or of a refresh and the bundled snapshot) shows only
 * what changed: price ids in the order of the models' query sets (grouped by service, as the bundled file
 * is), ids no model queries after them in alphabetical order, and every entry's fields in the order the
 * bundled file uses. Written to a temporary file and renamed over the old one, so a reader never sees half
 * a file.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { AlwaysFree, PriceCatalog, PriceEntry, PriceTier } from '../catalog/price-catalog.ts';
import { allPriceIds } from '../models/index.ts';

export const CATALOG_SCHEMA_REF = './catalog.schema.json';

/** The catalog as the file holds it, ending with a newline. */
export function serializeCatalog(catalog: PriceCatalog): string {
  const prices: Record<string, unknown> = {};
  const queryOrder = new Map(allPriceIds().map((id, index) => [id, index]));
  const position = (id: string) => queryOrder.get(id) ?? Number.MAX_SAFE_INTEGER;
  const ids = Object.keys(catalog.prices).sort((a, b) => position(a) - position(b) || a.localeCompare(b));
  for (const id of ids) {
    prices[id] = orderedEntry(catalog.prices[id] as PriceEntry);
  }
  const document = {
    $schema: CATALOG_SCHEMA_REF,
    schemaVersion: catalog.schemaVersion,
    region: catalog.region,
    currency: catalog.currency,
    generatedAt: catalog.generatedAt,
    origin: catalog.origin,
    prices,
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

function orderedEntry(entry: PriceEntry): Record<string, unknown> {
  return {
    service: entry.service,
    serviceCode: entry.serviceCode,
    source: entry.source,
    usageType: entry.usageType,
    unit: entry.unit,
    description: entry.description,
    tiers: entry.tiers.map(orderedTier),
    ...(entry.alwaysFree ? { alwaysFree: orderedAllowance(entry.alwaysFree) } : {}),
    effectiveDate: entry.effectiveDate,
  };
}

function orderedTier(tier: PriceTier): PriceTier {
  return tier.to === undefined
    ? { from: tier.from, usd: tier.usd }
    : { from: tier.from, to: tier.to, usd: tier.usd };
}

function orderedAllowance(free: AlwaysFree): AlwaysFree {
  return {
    quantity: free.quantity,
    ...(free.pool === undefined ? {} : { pool: free.pool }),
    note: free.note,
  };
}

/**
 * Writes `<dir>/<region>.json` atomically (temporary file in the same directory, then rename). `check`
 * sees the exact text first and may throw to keep the old file, e.g. the catalog loader's validation.
 */
export async function writeCatalogFile(
  catalog: PriceCatalog,
  dir: string,
  check?: (text: string, file: string) => void,
): Promise<string> {
  const target = path.join(dir, `${catalog.region}.json`);
  const text = serializeCatalog(catalog);
  check?.(text, target);
  await mkdir(dir, { recursive: true });
  const temporary = path.join(
    dir,
    `.${catalog.region}.json.${process.pid}.${randomBytes(4).toString('hex')}.tmp`,
  );
  try {
    await writeFile(temporary, text, { encoding: 'utf8', flag: 'wx' });
    await rename(temporary, target);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
  return target;
}
