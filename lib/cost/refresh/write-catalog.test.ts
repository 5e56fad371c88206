import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PriceCatalog, PriceEntry } from '../catalog/price-catalog.ts';
import { serializeCatalog, writeCatalogFile } from './write-catalog.ts';

const entry = (overrides: Partial<PriceEntry> = {}): PriceEntry => ({
  // Deliberately not in file order: the serializer decides the order.
  alwaysFree: { note: 'free', pool: 'lambda.duration', quantity: 400_000 },
  source:
    'AWS Price List API: offer AWSLambda, sku ABC, publicationDate 2026-11-20, effectiveDate 2026-11-01',
  effectiveDate: '2026-11-01',
  tiers: [
    { usd: 0.0000166667, to: 6e9, from: 0 },
    { usd: 0.0000133334, from: 6e9 },
  ],
  description: 'Lambda duration',
  unit: 'GB-Second',
  usageType: 'Lambda-GB-Second',
  serviceCode: 'AWSLambda',
  service: 'AWS Lambda',
  ...overrides,
});

const catalog = (prices: Record<string, PriceEntry>): PriceCatalog => ({
  prices,
  origin: 'price-list-api',
  generatedAt: '2026-11-25',
  currency: 'USD',
  region: 'eu-west-1',
  schemaVersion: 1,
});

describe('serializeCatalog', () => {
  it('writes keys in one fixed order, price ids in the order of the models’ price queries', () => {
    const text = serializeCatalog(
      catalog({
        'zz.unknown': entry(),
        'lambda.duration.x86_64': entry(),
        'aa.unknown': entry(),
        's3.storage.standard': entry({ alwaysFree: undefined }),
      }),
    );
    const parsed = JSON.parse(text);
    expect(Object.keys(parsed)).toEqual([
      '$schema',
      'schemaVersion',
      'region',
      'currency',
      'generatedAt',
      'origin',
      'prices',
    ]);
    expect(parsed.$schema).toBe('./catalog.schema.json');
    expect(Object.keys(parsed.prices)).toEqual([
      's3.storage.standard',
      'lambda.duration.x86_64',
      'aa.unknown',
      'zz.unknown',
    ]);
    expect(Object.keys(parsed.prices['lambda.duration.x86_64'])).toEqual([
      'service',
      'serviceCode',
      'source',
      'usageType',
      'unit',
      'description',
      'tiers',
      'alwaysFree',
      'effectiveDate',
    ]);
    expect(Object.keys(parsed.prices['s3.storage.standard'])).not.toContain('alwaysFree');
    expect(parsed.prices['lambda.duration.x86_64'].tiers.map((t: object) => Object.keys(t))).toEqual([
      ['from', 'to', 'usd'],
      ['from', 'usd'],
    ]);
    expect(Object.keys(parsed.prices['lambda.duration.x86_64'].alwaysFree)).toEqual([
      'quantity',
      'pool',
      'note',
    ]);
    expect(text.endsWith('}\n')).toBe(true);
    expect(text).toContain('\n  "prices": {\n    "s3.storage.standard": {\n');
  });

  it('writes the same text for the same prices however they were assembled', () => {
    const a = catalog({ 'sns.requests': entry(), 'lambda.requests': entry() });
    const b = catalog({ 'lambda.requests': entry(), 'sns.requests': entry() });
    expect(serializeCatalog(a)).toBe(serializeCatalog(b));
  });
});

describe('writeCatalogFile', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'catalog-write-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('replaces <dir>/<region>.json through a temporary file, leaving nothing else behind', async () => {
    writeFileSync(path.join(dir, 'eu-west-1.json'), 'old');
    const file = await writeCatalogFile(catalog({ 'lambda.requests': entry() }), dir);
    expect(file).toBe(path.join(dir, 'eu-west-1.json'));
    expect(readFileSync(file, 'utf8')).toBe(serializeCatalog(catalog({ 'lambda.requests': entry() })));
    expect(readdirSync(dir)).toEqual(['eu-west-1.json']);
  });

  it('creates the directory, and keeps the old file when the check refuses the text', async () => {
    const nested = path.join(dir, 'a', 'b');
    await writeCatalogFile(catalog({ 'lambda.requests': entry() }), nested);
    const before = readFileSync(path.join(nested, 'eu-west-1.json'), 'utf8');

    const refused = writeCatalogFile(catalog({ 'sns.requests': entry() }), nested, (text, file) => {
      expect(file).toBe(path.join(nested, 'eu-west-1.json'));
      expect(text).toContain('sns.requests');
      throw new Error('not valid');
    });

    await expect(refused).rejects.toThrow('not valid');
    expect(readFileSync(path.join(nested, 'eu-west-1.json'), 'utf8')).toBe(before);
    expect(readdirSync(nested)).toEqual(['eu-west-1.json']);
  });
});
