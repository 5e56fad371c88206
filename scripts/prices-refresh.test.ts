import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_CATALOG_DIR, parseCatalog } from '../lib/cost/catalog/load-catalog.ts';
import { allPriceIds, PRICE_QUERY_SETS } from '../lib/cost/models/index.ts';
import {
  type FakeOfferFiles,
  offerFilePath,
  offerIndexPath,
  startFakeOfferFiles,
} from '../lib/cost/refresh/testing/fake-offer-files.ts';
import {
  type FakePricingServer,
  serviceUnavailable,
  startFakePricingServer,
} from '../lib/cost/refresh/testing/fake-pricing-server.ts';
import { fixtureDocuments } from '../lib/cost/refresh/testing/price-list-fixture.ts';
import { runScript } from '../test/run-script.ts';

const DUMMY_CREDENTIALS = { AWS_ACCESS_KEY_ID: 'AKIDCLITEST', AWS_SECRET_ACCESS_KEY: 'cli-test-secret' };
const VERSION = '20261120183209';

/** Runs the script as `npm run prices:refresh` does, with none of this machine's AWS or CI settings. */
const refresh = (args: string[], env: Record<string, string> = {}) =>
  runScript('prices-refresh', args, env, ['GITHUB_ACTIONS', 'PRICES_OFFER_FILES_URL']);

/** A catalog file as a refresh writes it, generated `daysAgo` days ago. */
function writeRefreshed(dir: string, region: string, daysAgo: number): void {
  const generatedAt = new Date(Date.now() - daysAgo * 86_400_000).toISOString().slice(0, 10);
  writeFileSync(
    path.join(dir, `${region}.json`),
    // The bundled prices under another region: a catalog that passes the same check the estimate makes.
    JSON.stringify({
      ...JSON.parse(readFileSync(path.join(DEFAULT_CATALOG_DIR, 'us-east-1.json'), 'utf8')),
      region,
      generatedAt,
      origin: 'price-list-api',
    }),
  );
}

let offers: FakeOfferFiles;
let api: FakePricingServer;
let out: string;
beforeAll(async () => {
  offers = await startFakeOfferFiles(fixtureDocuments());
  api = await startFakePricingServer(fixtureDocuments());
});
afterAll(async () => {
  await offers.close();
  await api.close();
});
beforeEach(() => {
  out = mkdtempSync(path.join(tmpdir(), 'prices-refresh-'));
});
afterEach(() => {
  offers.requests.length = 0;
  api.reset(fixtureDocuments());
  rmSync(out, { recursive: true, force: true });
});

describe('npm run prices:refresh from the public offer files (the default)', () => {
  it('writes a region’s catalog without credentials, each price with its offer file, SKU and publication date', async () => {
    const run = await refresh(['--region', 'eu-west-1', '--out', out, '--endpoint', offers.url]);

    expect(run.stderr).not.toMatch(/Error|\s+at /);
    expect(run.status).toBe(0);
    const lines = run.stderr.trim().split('\n');
    expect(lines[0]).toBe(
      `Reading eu-west-1 prices from the AWS Price List offer files (${offers.url}), no credentials needed ...`,
    );
    // Progress on stderr: one line per service, after the lines of the offer files it read.
    const services = lines.filter((l) => !l.startsWith('  ') && l !== lines[0]);
    expect(services.map((l) => l.split(/\s{2,}/)[0])).toEqual(PRICE_QUERY_SETS.map((s) => s.label));
    expect(services[0]).toMatch(/^S3\s+20 prices … ok \(20 requests, \d+\.\d s\)$/);
    expect(run.stderr).toMatch(
      /^ {2}read the AmazonS3 offer file of eu-west-1: \d+\.\d MB in \d+\.\d s(, \d+\.\d MB\/s)?; kept \d+ of \d+ products$/m,
    );
    const file = path.join(out, 'eu-west-1.json');
    expect(run.stdout.trim()).toMatch(
      new RegExp(`^Wrote ${file.replaceAll('.', '\\.')}: ${allPriceIds().length} prices in \\d+\\.\\d s\\.$`),
    );

    const catalog = parseCatalog(readFileSync(file, 'utf8'), file, 'eu-west-1');
    expect(Object.keys(catalog.prices)).toEqual(allPriceIds());
    expect(catalog.prices['s3.storage.standard']?.source).toMatch(
      new RegExp(
        `^AWS Price List bulk offer file ${offers.url}${offerFilePath('AmazonS3', VERSION, 'eu-west-1')}: offer AmazonS3, sku \\w+, publicationDate 2026-11-20, effectiveDate 2026-11-01$`,
      ),
    );
    expect(offers.requests[0]).toBe(offerIndexPath);
    expect(readdirSync(out)).toEqual(['eu-west-1.json']);
  });

  it('takes the offer files’ host from PRICES_OFFER_FILES_URL, and lists the price ids a region does not offer', async () => {
    const run = await refresh(['--region', 'eu-west-2', '--out', out], {
      PRICES_OFFER_FILES_URL: offers.url,
    });

    expect(run.status).toBe(0);
    expect(run.stderr).toMatch(/^QuickSight\s+0 prices, 3 omitted … ok/m);
    expect(run.stdout).toMatch(
      new RegExp(`: ${allPriceIds().length - 4} prices, 4 left out in \\d+\\.\\d s\\.$`, 'm'),
    );
    expect(run.stdout).toContain(
      'Left out (no product in eu-west-2): mwaa.environment.mw1.micro, quicksight.author, quicksight.reader, quicksight.spice.',
    );
  });

  it('keeps the old file and says why when the offer files cannot be read', async () => {
    writeFileSync(path.join(out, 'eu-west-1.json'), 'previous catalog');
    const run = await refresh(['--region', 'eu-west-1', '--out', out, '--endpoint', `${offers.url}/missing`]);

    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`Could not download ${offers.url}/missing${offerIndexPath}: HTTP 404.`);
    expect(run.stderr).toContain('Nothing was written; the eu-west-1 catalog file is unchanged.');
    expect(run.stderr).not.toMatch(/\s+at /);
    expect(readFileSync(path.join(out, 'eu-west-1.json'), 'utf8')).toBe('previous catalog');
  });
});

describe('npm run prices:refresh --if-missing-or-older-than (the workflows’ step)', () => {
  it('refreshes missing and stale catalogs, keeps fresh ones and bundled snapshots', async () => {
    writeRefreshed(out, 'eu-west-2', 3);
    writeRefreshed(out, 'eu-west-1', 45);
    copyFileSync(path.join(DEFAULT_CATALOG_DIR, 'us-east-1.json'), path.join(out, 'us-east-1.json'));
    const bundled = readFileSync(path.join(out, 'us-east-1.json'), 'utf8');

    const run = await refresh([
      ...['--region', 'us-east-1', '--region', 'eu-west-1', '--region', 'eu-west-2'],
      ...['--if-missing-or-older-than', '30', '--out', out, '--endpoint', offers.url],
    ]);

    expect(run.stderr).not.toMatch(/warning|Error/);
    expect(run.status).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/us-east-1\.json: bundled snapshot of \d{4}-\d{2}-\d{2}, kept .*; kept\.$/);
    expect(lines[1]).toMatch(
      /eu-west-1\.json: generated \d{4}-\d{2}-\d{2}, 45 days ago \(older than 30\); refreshing\.$/,
    );
    expect(lines[2]).toMatch(/^Wrote .*eu-west-1\.json: \d+ prices in/);
    expect(lines[3]).toMatch(/eu-west-2\.json: generated \d{4}-\d{2}-\d{2}, 3 days ago; kept\.$/);
    expect(lines).toHaveLength(4);
    expect(readFileSync(path.join(out, 'us-east-1.json'), 'utf8')).toBe(bundled);
    expect(
      Object.keys(JSON.parse(readFileSync(path.join(out, 'eu-west-1.json'), 'utf8')).prices),
    ).toHaveLength(allPriceIds().length);
    // Only eu-west-1's files were read.
    expect(offers.requests.filter((r) => r.includes('/us-east-1/') || r.includes('/eu-west-2/'))).toEqual([]);
  });

  it('reads the regions from config/, keeps a copy in --cache-dir and takes it from there next time', async () => {
    const configDir = path.join(out, 'config');
    cpSync(path.resolve(import.meta.dirname, '../config'), configDir, { recursive: true });
    const dev = JSON.parse(readFileSync(path.join(configDir, 'dev.json'), 'utf8'));
    writeFileSync(path.join(configDir, 'dev.json'), JSON.stringify({ ...dev, region: 'eu-west-1' }));
    const cache = path.join(out, 'cache');
    const args = (catalogs: string) => [
      ...['--regions-from-config', '--config-dir', configDir, '--if-missing-or-older-than', '30'],
      ...['--cache-dir', cache, '--out', catalogs, '--endpoint', offers.url],
    ];

    const first = await refresh(args(path.join(out, 'first')));
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(/first\/eu-west-1\.json: no catalog; refreshing\.\nWrote /);
    // stage and prod stay in us-east-1, whose catalog is bundled in lib/cost/catalog, not in this --out.
    expect(first.stdout).toMatch(/first\/us-east-1\.json: no catalog; refreshing\./);
    expect(readdirSync(cache).sort()).toEqual(['eu-west-1.json', 'us-east-1.json']);

    offers.requests.length = 0;
    const second = await refresh(args(path.join(out, 'second')));
    expect(second.status).toBe(0);
    expect(second.stdout).toMatch(
      /second\/eu-west-1\.json: no catalog; copied from .*cache \(generated \d{4}-\d{2}-\d{2}, 0 days ago\)\./,
    );
    expect(offers.requests).toEqual([]);
    expect(readFileSync(path.join(out, 'second', 'eu-west-1.json'), 'utf8')).toBe(
      readFileSync(path.join(cache, 'eu-west-1.json'), 'utf8'),
    );
  });

  it('only warns, and exits 0, when the offer files cannot be reached', async () => {
    const run = await refresh(
      [
        '--region',
        'eu-west-1',
        '--if-missing-or-older-than',
        '30',
        '--out',
        out,
        '--endpoint',
        `${offers.url}/missing`,
      ],
      { GITHUB_ACTIONS: 'true' },
    );

    expect(run.status).toBe(0);
    expect(run.stderr).toMatch(
      /^::warning title=Price refresh skipped::eu-west-1 prices were not refreshed; estimates for eu-west-1 say that no prices are bundled\.$/m,
    );
    expect(run.stderr).toContain('HTTP 404');
    expect(existsSync(path.join(out, 'eu-west-1.json'))).toBe(false);
  });
});

describe('npm run prices:refresh --source pricing-api', () => {
  it('writes a region’s catalog from the Price List API, signed with the caller’s credentials', async () => {
    const run = await refresh(
      ['--source', 'pricing-api', '--region', 'eu-west-1', '--out', out, '--endpoint', api.endpoint],
      DUMMY_CREDENTIALS,
    );

    expect(run.stderr).not.toMatch(/Error|\s+at /);
    expect(run.status).toBe(0);
    expect(run.stderr.split('\n')[0]).toBe(
      `Reading eu-west-1 prices from the AWS Price List API (${api.endpoint}) ...`,
    );
    const file = path.join(out, 'eu-west-1.json');
    const catalog = parseCatalog(readFileSync(file, 'utf8'), file, 'eu-west-1');
    expect(Object.keys(catalog.prices)).toEqual(allPriceIds());
    expect(catalog.prices['s3.storage.standard']?.source).toMatch(
      /^AWS Price List API: offer AmazonS3, sku \w+, publicationDate 2026-11-20/,
    );
    expect(
      api.requests.every((r) => String(r.headers.authorization).includes('Credential=AKIDCLITEST/')),
    ).toBe(true);
  });

  it('says that the API needs credentials and the default source does not', async () => {
    const run = await refresh([
      '--source',
      'pricing-api',
      '--region',
      'eu-west-1',
      '--out',
      out,
      '--endpoint',
      api.endpoint,
    ]);

    expect(run.status).toBe(1);
    expect(run.stderr).toContain('No AWS credentials found.');
    expect(run.stderr).toContain(
      'The default source, the public offer files, needs no credentials: leave out --source.',
    );
    expect(run.stderr).not.toMatch(/\s+at /);
    expect(api.requests).toHaveLength(0);
    expect(existsSync(path.join(out, 'eu-west-1.json'))).toBe(false);
  });

  it('keeps the old file and explains the failure when the API keeps failing', async () => {
    writeFileSync(path.join(out, 'eu-west-1.json'), 'previous catalog');
    api.addFault({ answer: serviceUnavailable(), times: Infinity });

    const run = await refresh(
      ['--source', 'pricing-api', '--region', 'eu-west-1', '--out', out, '--endpoint', api.endpoint],
      DUMMY_CREDENTIALS,
    );

    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^S3\s+0 prices … failed/m);
    expect(run.stderr).toMatch(
      /The AWS Price List API failed while reading S3 prices \(price id "s3\.storage\.standard"\)/,
    );
    expect(run.stderr).toMatch(/gave up after 5 attempts/);
    expect(run.stderr).toContain('Nothing was written; the eu-west-1 catalog file is unchanged.');
    expect(readFileSync(path.join(out, 'eu-west-1.json'), 'utf8')).toBe('previous catalog');
  });
});

describe('npm run prices:refresh arguments', () => {
  it('explains itself with --help, and names what is wrong with the arguments', async () => {
    const help = await refresh(['--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^Usage: npm run prices:refresh -- --region <region> \[options\]/);
    expect(help.stdout).toContain('public: no AWS account and no\ncredentials');

    const missing = await refresh([]);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(
      /^Missing --region \(or --regions-from-config\)\.\n\nUsage: npm run prices:refresh/,
    );

    const source = await refresh(['--region', 'eu-west-1', '--source', 'csv']);
    expect(source.stderr).toMatch(
      /^--source is "csv"; expected offer-files \(the default\) or pricing-api\./,
    );
    const days = await refresh(['--region', 'eu-west-1', '--if-missing-or-older-than', 'month']);
    expect(days.stderr).toMatch(/^--if-missing-or-older-than is "month"; expected a whole number of days/);

    const unknown = await refresh(['--region', 'eu-west-1', '--endpoints', 'x']);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toMatch(/Unknown option '--endpoints'[\s\S]*Usage: npm run prices:refresh/);
  });
});
