import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { PriceCatalog } from '../catalog/price-catalog.ts';
import { allPriceIds, PRICE_QUERY_SETS } from '../models/index.ts';
import { type OfferDownload, type OfferReading, offerFileSource } from './offer-files.ts';
import { createPricingClient, PriceRefreshError, refreshCatalog } from './refresh-catalog.ts';
import {
  type FakeOfferFiles,
  offerFilePath,
  offerIndexPath,
  regionIndexPath,
  startFakeOfferFiles,
} from './testing/fake-offer-files.ts';
import { type FakePricingServer, startFakePricingServer } from './testing/fake-pricing-server.ts';
import { type FixtureRow, fixtureDocuments, priceDocument } from './testing/price-list-fixture.ts';

const NOW = new Date('2026-11-25T10:00:00Z');
const VERSION = '20261120183209';
const S3_ONLY = PRICE_QUERY_SETS.filter((set) => set.label === 'S3');

let offers: FakeOfferFiles;
let api: FakePricingServer;
beforeAll(async () => {
  offers = await startFakeOfferFiles(fixtureDocuments());
  api = await startFakePricingServer(fixtureDocuments());
});
afterAll(async () => {
  await offers.close();
  await api.close();
});
afterEach(() => {
  offers.requests.length = 0;
});

const fromOfferFiles = (region: string, files = offers, querySets = PRICE_QUERY_SETS) =>
  refreshCatalog({
    region,
    source: offerFileSource(region, { baseUrl: files.url, attempts: 3, backoffMs: 1 }),
    querySets,
    now: () => NOW,
  });

/** The catalog without its sources, which name where each price was read. */
const prices = (catalog: PriceCatalog) =>
  Object.fromEntries(Object.entries(catalog.prices).map(([id, { source: _, ...entry }]) => [id, entry]));

describe('refreshCatalog from the public bulk offer files', () => {
  it.each(['eu-west-1', 'us-east-1'])(
    'reads every price of %s without credentials, the same prices as the Price List API',
    async (region) => {
      const catalog = await fromOfferFiles(region);
      const viaApi = await refreshCatalog({
        region,
        client: createPricingClient({
          endpoint: api.endpoint,
          credentials: { accessKeyId: 'AKIDLOCALTEST', secretAccessKey: 'local-test-secret' },
        }),
        now: () => NOW,
      });
      expect(Object.keys(catalog.prices)).toEqual(Object.keys(viaApi.prices));
      expect(prices(catalog)).toEqual(prices(viaApi));
      expect(catalog).toMatchObject({ region, generatedAt: '2026-11-25', origin: 'price-list-api' });
      const storage = catalog.prices['s3.storage.standard'];
      expect(storage?.source).toBe(
        `AWS Price List bulk offer file ${offers.url}${offerFilePath('AmazonS3', VERSION, region)}: offer AmazonS3, sku ${storage?.source.match(/sku (\w+)/)?.[1]}, publicationDate 2026-11-20, effectiveDate 2026-11-01`,
      );
      // Each offer file is downloaded once, however many prices it holds.
      const offerFiles = offers.requests.filter((r) => /\/\d+\/[a-z0-9-]+\/index\.json$/.test(r));
      expect(new Set(offerFiles).size).toBe(offerFiles.length);
      expect(offers.requests[0]).toBe(offerIndexPath);
      if (region === 'us-east-1') expect(Object.keys(catalog.prices)).toEqual(allPriceIds());
    },
  );

  it('retries a 5xx, throttling and a download cut short, then succeeds', async () => {
    const s3File = offerFilePath('AmazonS3', VERSION, 'eu-west-1');
    offers.fail(offerIndexPath, 'server-error');
    offers.fail(regionIndexPath('AmazonS3'), 'throttling');
    offers.fail(s3File, 'truncated', 'truncated');
    const catalog = await fromOfferFiles('eu-west-1', offers, S3_ONLY);
    expect(Object.keys(catalog.prices).length).toBeGreaterThan(5);
    expect(offers.requests.slice(0, 7)).toEqual([
      offerIndexPath,
      offerIndexPath,
      regionIndexPath('AmazonS3'),
      regionIndexPath('AmazonS3'),
      s3File,
      s3File,
      s3File,
    ]);
  });

  it('gives up after its attempts with a message naming the file, and writes nothing', async () => {
    offers.fail(offerIndexPath, 'server-error', 'server-error', 'server-error');
    const error = await fromOfferFiles('eu-west-1', offers, S3_ONLY).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PriceRefreshError);
    expect((error as PriceRefreshError).kind).toBe('api');
    expect((error as Error).message).toContain(
      `Could not download the offer index (${offers.url}${offerIndexPath}) after 3 attempts: HTTP 503; HTTP 503; HTTP 503.`,
    );

    const s3File = offerFilePath('AmazonS3', VERSION, 'eu-west-1');
    offers.fail(s3File, 'truncated', 'truncated', 'truncated');
    const cut = await fromOfferFiles('eu-west-1', offers, S3_ONLY).catch((e: unknown) => e);
    expect((cut as Error).message).toMatch(
      /Could not download the AmazonS3 offer file of eu-west-1 .* after 3 attempts: /,
    );
  });

  it('finds the prices in a large offer file', async () => {
    // 5,000 decoy products beside the real ones, as the big offers (EC2, RDS) hold tens of thousands.
    const decoys: FixtureRow[] = Array.from({ length: 5_000 }, (_, i) => ({
      serviceCode: 'AmazonS3',
      productFamily: 'Storage',
      usageType: `Decoy-${i}-ByteHrs`,
      unit: 'GB-Mo',
      price: 1,
      attributes: { storageClass: 'General Purpose', volumeType: 'Standard' },
    }));
    const big = await startFakeOfferFiles([
      ...fixtureDocuments(),
      ...decoys.map((row) => priceDocument(row, 'eu-west-1')),
    ]);
    try {
      const started = performance.now();
      const downloads: OfferDownload[] = [];
      const readings: OfferReading[] = [];
      const catalog = await refreshCatalog({
        region: 'eu-west-1',
        source: offerFileSource('eu-west-1', {
          baseUrl: big.url,
          onDownload: (d) => downloads.push(d),
          onReading: (r) => readings.push(r),
          readingStep: 256 * 1024,
        }),
        querySets: S3_ONLY,
        now: () => NOW,
      });
      const small = await fromOfferFiles('eu-west-1', offers, S3_ONLY);
      expect(prices(catalog)).toEqual(prices(small));
      // Streamed: only the products a query may ask for are kept, of the 5,000 and more in the file.
      const regional = downloads.find((d) => d.what === 'the AmazonS3 offer file of eu-west-1');
      expect(regional?.products).toBeGreaterThan(5_000);
      expect(regional?.kept).toBeLessThan(60);
      expect(regional?.bytes).toBeGreaterThan(1_000_000);
      // Progress while it streams in: every 256 KiB here (64 MiB by default).
      const reads = readings.filter((r) => r.what === regional?.what);
      expect(reads.length).toBe(Math.floor((regional?.bytes ?? 0) / (256 * 1024)));
      expect(reads.map((r) => r.bytes)).toEqual([...reads.map((r) => r.bytes)].sort((a, b) => a - b));
      expect(performance.now() - started).toBeLessThan(10_000);
    } finally {
      await big.close();
    }
  });
});
