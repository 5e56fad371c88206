import { mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  bundledRegions,
  CatalogError,
  clearCatalogCache,
  DEFAULT_CATALOG_DIR,
  loadCatalog,
} from './load-catalog.ts';

const BUNDLED = readFileSync(path.join(DEFAULT_CATALOG_DIR, 'us-east-1.json'), 'utf8');

/** A small valid catalog for `region`, to be broken by each test. */
function sampleCatalog(region = 'eu-west-1'): Record<string, any> {
  return {
    $schema: './catalog.schema.json',
    schemaVersion: 1,
    region,
    currency: 'USD',
    generatedAt: '2026-11-25',
    origin: 'price-list-api',
    prices: {
      'lambda.requests': {
        service: 'AWS Lambda',
        serviceCode: 'AWSLambda',
        usageType: 'Request',
        unit: 'Requests',
        description: 'Requests.',
        tiers: [{ from: 0, usd: 0.0000002 }],
        effectiveDate: '2026-11-01',
        source: 'AWSLambda offer 20261101, SKU ABC123',
        alwaysFree: { quantity: 1000000, note: 'Free.' },
      },
      's3.storage.standard': {
        service: 'Amazon S3',
        serviceCode: 'AmazonS3',
        usageType: 'TimedStorage-ByteHrs',
        unit: 'GB-Mo',
        description: 'Storage.',
        tiers: [
          { from: 0, to: 51200, usd: 0.023 },
          { from: 51200, to: 512000, usd: 0.022 },
          { from: 512000, usd: 0.021 },
        ],
        effectiveDate: '2026-11-01',
        source: 'https://aws.amazon.com/s3/pricing/',
      },
    },
  };
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'catalog-'));
  clearCatalogCache();
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, content: unknown): string {
  const file = path.join(dir, name);
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return file;
}

function loadError(region: string): CatalogError {
  try {
    loadCatalog(region, dir);
  } catch (error) {
    if (error instanceof CatalogError) return error;
    throw error;
  }
  throw new Error(`loading ${region} did not fail`);
}

describe('loadCatalog', () => {
  it('loads a valid file, without its $schema key, frozen', () => {
    write('eu-west-1.json', sampleCatalog());
    const catalog = loadCatalog('eu-west-1', dir);
    expect(catalog.region).toBe('eu-west-1');
    expect(catalog).not.toHaveProperty('$schema');
    expect(catalog.prices['lambda.requests']?.tiers[0]?.usd).toBe(0.0000002);
    expect(Object.isFrozen(catalog)).toBe(true);
    expect(Object.isFrozen(catalog.prices['s3.storage.standard']?.tiers[1])).toBe(true);
  });

  it('loads the bundled us-east-1 catalog by default', () => {
    expect(loadCatalog('us-east-1').prices['lambda.requests']).toBeDefined();
  });

  it('reads each file once and serves later calls from the cache', () => {
    write('eu-west-1.json', sampleCatalog());
    const first = loadCatalog('eu-west-1', dir);
    expect(loadCatalog('eu-west-1', dir)).toBe(first);
    expect(loadCatalog('eu-west-1', `${dir}${path.sep}`)).toBe(first);
  });

  it('reloads a file that changed since it was cached', () => {
    const file = write('eu-west-1.json', sampleCatalog());
    const first = loadCatalog('eu-west-1', dir);
    const changed = sampleCatalog();
    changed.prices['lambda.requests'].tiers[0].usd = 0.0000003;
    writeFileSync(file, JSON.stringify(changed));
    const later = new Date(Date.now() + 5000);
    utimesSync(file, later, later);
    const second = loadCatalog('eu-west-1', dir);
    expect(second).not.toBe(first);
    expect(second.prices['lambda.requests']?.tiers[0]?.usd).toBe(0.0000003);
  });

  it('never returns zeros for a region without a catalog: it says which are bundled and how to get one', () => {
    write('us-east-1.json', BUNDLED);
    write('eu-west-1.json', sampleCatalog());
    const error = loadError('ap-southeast-2');
    expect(error.message).toContain('No price catalog for region ap-southeast-2');
    expect(error.message).toContain('ap-southeast-2.json');
    expect(error.message).toContain('Bundled catalogs: eu-west-1, us-east-1.');
    expect(error.message).toContain('npm run prices:refresh -- --region ap-southeast-2');
    expect(error.message).toContain('no AWS account or credentials needed');
    expect(error.file).toMatch(/ap-southeast-2\.json$/);
  });

  it('says when a folder has no catalog at all', () => {
    expect(loadError('eu-west-1').message).toContain('No catalog is bundled in');
  });

  it('rejects a region name that is not a region code', () => {
    expect(loadError('../us-east-1').message).toMatch(/not an AWS region code.*Bundled|No catalog/s);
    expect(loadError('US-EAST-1').message).toContain('not an AWS region code');
  });

  it('names the file, line and column of a JSON syntax error', () => {
    const text = JSON.stringify(sampleCatalog(), null, 2).replace(
      '"currency": "USD",',
      '"currency": "USD",,',
    );
    write('eu-west-1.json', text);
    const error = loadError('eu-west-1');
    expect(error.message).toMatch(/eu-west-1\.json is not a valid price catalog/);
    const line = text.split('\n').findIndex((l) => l.includes('"USD",,')) + 1;
    expect(error.problems[0]).toMatchObject({ pointer: '', line });
    expect(error.message).toMatch(
      new RegExp(
        `eu-west-1\\.json:${line}:\\d+ \\(document\\): expected a key in double quotes, found ","\\.`,
      ),
    );
    expect(error.message).toContain('The file is not valid JSON: no comments, no trailing commas');
    expect(error.message).toContain('npm run prices:refresh -- --region eu-west-1');
  });

  it('names the JSON pointer, what was expected and what was found for a schema violation', () => {
    const catalog = sampleCatalog();
    catalog.prices['s3.storage.standard'].tiers[1].usd = '0.022';
    write('eu-west-1.json', catalog);
    const error = loadError('eu-west-1');
    const problem = error.problems.find((p) => p.pointer === '/prices/s3.storage.standard/tiers/1/usd');
    expect(problem).toMatchObject({ expected: 'a value of type number', found: 'string "0.022"' });
    expect(problem?.line).toBeGreaterThan(1);
    expect(error.message).toContain(
      '/prices/s3.storage.standard/tiers/1/usd: expected a value of type number, found string "0.022".\n' +
        '      US dollars per one unit within this band',
    );
  });

  it('reports every schema problem at once: missing keys, unknown keys, bad values', () => {
    const catalog = sampleCatalog();
    delete catalog.prices['lambda.requests'].unit;
    catalog.prices['lambda.requests'].price = 1;
    catalog.origin = 'guess';
    catalog.generatedAt = '25/11/2026';
    catalog.prices['s3.storage.standard'].usageType = 'USE1-TimedStorage-ByteHrs';
    catalog.prices['Bad Id'] = catalog.prices['lambda.requests'];
    write('eu-west-1.json', catalog);
    const byPointer = Object.fromEntries(loadError('eu-west-1').problems.map((p) => [p.pointer, p]));
    expect(byPointer['/prices/lambda.requests/unit']).toMatchObject({
      expected: 'the required key "unit"',
      found: 'no such key',
    });
    expect(byPointer['/prices/lambda.requests/price']?.found).toBe('the unknown key "price"');
    expect(byPointer['/origin']?.expected).toBe('one of "bundled-snapshot", "price-list-api"');
    expect(byPointer['/generatedAt']).toMatchObject({
      expected: 'a date YYYY-MM-DD',
      found: 'string "25/11/2026"',
    });
    expect(byPointer['/prices/s3.storage.standard/usageType']?.hint).toContain(
      'without the region prefix ("TimedStorage-ByteHrs", not "USE1-TimedStorage-ByteHrs")',
    );
    expect(byPointer['/prices/Bad Id']).toMatchObject({
      expected: 'a key matching ^[a-z0-9]+(?:[._-][a-z0-9]+)*$',
      found: 'the key "Bad Id"',
      hint: expect.stringContaining('A price id: words of lower-case letters and digits'),
    });
  });

  it('rejects bands that do not start at 0, leave gaps, overlap or close the last band', () => {
    const catalog = sampleCatalog();
    catalog.prices['lambda.requests'].tiers = [{ from: 1, usd: 0.0000002 }];
    catalog.prices['s3.storage.standard'].tiers = [
      { from: 0, to: 51200, usd: 0.023 },
      { from: 51000, to: 512000, usd: 0.022 },
      { from: 512000, to: 600000, usd: 0.021 },
    ];
    write('eu-west-1.json', catalog);
    const error = loadError('eu-west-1');
    const byPointer = Object.fromEntries(error.problems.map((p) => [p.pointer, p]));
    expect(byPointer['/prices/lambda.requests/tiers/0/from']).toMatchObject({
      expected: '0 (the first band starts at 0)',
      found: '1',
    });
    expect(byPointer['/prices/s3.storage.standard/tiers/1/from']).toMatchObject({
      expected: '51200 (where band 0 ends)',
      found: '51000',
    });
    expect(byPointer['/prices/s3.storage.standard/tiers/2/to']?.expected).toContain(
      'no "to" on the last band',
    );
    expect(byPointer['/prices/s3.storage.standard/tiers/1/from']?.line).toBeGreaterThan(1);
  });

  it('rejects descending bands and a missing "to" before the last band', () => {
    const catalog = sampleCatalog();
    catalog.prices['s3.storage.standard'].tiers = [
      { from: 0, to: 51200, usd: 0.023 },
      { from: 51200, to: 40000, usd: 0.022 },
      { from: 40000, usd: 0.021 },
    ];
    catalog.prices['lambda.requests'].tiers = [
      { from: 0, usd: 0.0000002 },
      { from: 10, usd: 0.0000001 },
    ];
    write('eu-west-1.json', catalog);
    const byPointer = Object.fromEntries(loadError('eu-west-1').problems.map((p) => [p.pointer, p]));
    expect(byPointer['/prices/s3.storage.standard/tiers/1/to']?.expected).toBe(
      'a number > 51200 (bands ascend)',
    );
    expect(byPointer['/prices/lambda.requests/tiers/0']?.expected).toBe('a "to" where band 1 starts');
  });

  it("rejects a file whose region is not its file name's", () => {
    write('eu-west-1.json', sampleCatalog('eu-west-2'));
    expect(loadError('eu-west-1').problems).toContainEqual(
      expect.objectContaining({ pointer: '/region', expected: '"eu-west-1" (the file name\'s region)' }),
    );
  });

  it('rejects entries of one free pool that state different quantities', () => {
    const catalog = sampleCatalog();
    catalog.prices['lambda.requests'].alwaysFree.pool = 'shared';
    catalog.prices['s3.storage.standard'].alwaysFree = { quantity: 5, pool: 'shared', note: 'Free.' };
    write('eu-west-1.json', catalog);
    expect(loadError('eu-west-1').problems).toContainEqual(
      expect.objectContaining({
        pointer: '/prices/s3.storage.standard/alwaysFree/quantity',
        found: '5',
      }),
    );
  });
});

describe('bundledRegions', () => {
  it('lists the regions that have a catalog file, sorted, ignoring other files', () => {
    write('us-east-1.json', BUNDLED);
    write('eu-west-1.json', sampleCatalog());
    write('catalog.schema.json', '{}');
    write('notes.json', '{}');
    expect(bundledRegions(dir)).toEqual(['eu-west-1', 'us-east-1']);
  });

  it('is empty for a folder that does not exist', () => {
    expect(bundledRegions(path.join(dir, 'missing'))).toEqual([]);
  });

  it('includes the bundled us-east-1 by default', () => {
    expect(bundledRegions()).toContain('us-east-1');
  });
});
