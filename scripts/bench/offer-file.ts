// Reading a large bulk offer file: a generated AmazonS3 offer file of eu-west-1 in the published shape
// (products, then OnDemand and Reserved terms, pretty-printed as AWS writes them) with 50,000 decoy
// products beside the real ones, served from disk by a local HTTP server and read by the price refresh as
// it streams in. Peak memory is this process's, the file never being in memory whole (the AmazonEC2 file
// of one region is hundreds of MB). Prints one JSON line for scripts/bench.ts.

import { spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PRICE_QUERY_SETS } from '../../lib/cost/models/index.ts';
import { type OfferDownload, offerFileSource } from '../../lib/cost/refresh/offer-files.ts';
import { refreshCatalog } from '../../lib/cost/refresh/refresh-catalog.ts';
import {
  offerFilePath,
  offerIndexPath,
  regionIndexPath,
} from '../../lib/cost/refresh/testing/fake-offer-files.ts';
import {
  fixtureDocuments,
  type PriceListDocument,
  PUBLICATION_DATE,
  priceDocument,
} from '../../lib/cost/refresh/testing/price-list-fixture.ts';
import type { FigureGroup } from './figures.ts';

const DECOYS = 50_000;
const REGION = 'eu-west-1';
const S3_ONLY = PRICE_QUERY_SETS.filter((set) => set.label === 'S3');
const VERSION = '20261120183209';
const OFFER_PATH = offerFilePath('AmazonS3', VERSION, REGION);

/** Writes the offer file product by product (never the whole text in memory). */
async function writeOfferFile(file: string): Promise<void> {
  const out = createWriteStream(file);
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  const documents: PriceListDocument[] = fixtureDocuments().filter(
    (d) => d.serviceCode === 'AmazonS3' && d.product.attributes.regionCode === REGION,
  );
  const decoy = (i: number) =>
    priceDocument(
      {
        serviceCode: 'AmazonS3',
        productFamily: 'Storage',
        usageType: `Decoy${i}-TimedStorage-ByteHrs`,
        unit: 'GB-Mo',
        price: 0.023,
        attributes: { storageClass: 'General Purpose', volumeType: 'Standard' },
        reserved: true,
      },
      REGION,
    );
  const all = function* () {
    yield* documents;
    for (let i = 0; i < DECOYS; i += 1) yield decoy(i);
  };
  const indent = (text: string, by: string) => text.replaceAll('\n', `\n${by}`);
  await write(
    '{\n  "formatVersion" : "v1.0",\n  "disclaimer" : "This pricing list is for informational purposes only.",\n' +
      `  "offerCode" : "AmazonS3",\n  "version" : "${VERSION}",\n  "publicationDate" : "${PUBLICATION_DATE}",\n  "products" : {\n`,
  );
  let first = true;
  for (const d of all()) {
    await write(
      `${first ? '' : ',\n'}    "${d.product.sku}" : ${indent(JSON.stringify(d.product, null, 2), '    ')}`,
    );
    first = false;
  }
  await write('\n  },\n  "terms" : {');
  for (const kind of ['OnDemand', 'Reserved']) {
    await write(`${kind === 'OnDemand' ? '' : ','}\n    "${kind}" : {\n`);
    first = true;
    for (const d of all()) {
      const terms = d.terms[kind];
      if (terms === undefined) continue;
      await write(
        `${first ? '' : ',\n'}      "${d.product.sku}" : ${indent(JSON.stringify(terms, null, 2), '      ')}`,
      );
      first = false;
    }
    await write('\n    }');
  }
  await write('\n  }\n}\n');
  out.end();
  await once(out, 'finish');
}

// The file is written by a child process of this script, so that writing it does not count in the peak.
if (process.argv[2] === '--write') {
  await writeOfferFile(process.argv[3] as string);
  process.exit(0);
}
const dir = mkdtempSync(path.join(tmpdir(), 'launchpad-bench-offer-'));
const file = path.join(dir, 'index.json');
const writer = spawnSync(process.execPath, [...process.execArgv, import.meta.filename, '--write', file], {
  encoding: 'utf8',
});
if (writer.status !== 0) throw new Error(`writing the offer file failed:\n${writer.stderr}`);
const bytes = statSync(file).size;
// The other offers the S3 queries read (Glacier Deep Archive) are small: served from memory.
const otherOffers = [
  ...new Set(S3_ONLY.flatMap((set) => set.queries.map((q) => q.serviceCode ?? set.serviceCode))),
].filter((code) => code !== 'AmazonS3');
const small: Record<string, string> = {
  [offerIndexPath]: JSON.stringify({
    offers: Object.fromEntries(
      ['AmazonS3', ...otherOffers].map((code) => [
        code,
        { offerCode: code, currentRegionIndexUrl: regionIndexPath(code) },
      ]),
    ),
  }),
  [regionIndexPath('AmazonS3')]: JSON.stringify({
    regions: { [REGION]: { regionCode: REGION, currentVersionUrl: OFFER_PATH } },
  }),
};
for (const code of otherOffers) {
  const docs = fixtureDocuments().filter(
    (d) => d.serviceCode === code && d.product.attributes.regionCode === REGION,
  );
  const offerPath = offerFilePath(code, VERSION, REGION);
  small[regionIndexPath(code)] = JSON.stringify({
    regions: { [REGION]: { regionCode: REGION, currentVersionUrl: offerPath } },
  });
  small[offerPath] = JSON.stringify({
    offerCode: code,
    version: VERSION,
    publicationDate: PUBLICATION_DATE,
    products: Object.fromEntries(docs.map((d) => [d.product.sku, d.product])),
    terms: { OnDemand: Object.fromEntries(docs.map((d) => [d.product.sku, d.terms.OnDemand])) },
  });
}
const server = createServer((request, response) => {
  const url = request.url ?? '';
  if (url === OFFER_PATH) {
    response.writeHead(200, { 'content-type': 'application/json', 'content-length': bytes });
    createReadStream(file).pipe(response);
  } else if (small[url] !== undefined) {
    response.writeHead(200, { 'content-type': 'application/json' }).end(small[url]);
  } else {
    response.writeHead(404).end();
  }
});
server.listen(0, '127.0.0.1');
await once(server, 'listening');
const { port } = server.address() as AddressInfo;

const rssBefore = process.memoryUsage().rss / 1048576;
const downloads: OfferDownload[] = [];
const started = performance.now();
const catalog = await refreshCatalog({
  region: REGION,
  source: offerFileSource(REGION, {
    baseUrl: `http://127.0.0.1:${port}`,
    querySets: S3_ONLY,
    onDownload: (d) => downloads.push(d),
  }),
  querySets: S3_ONLY,
});
const seconds = (performance.now() - started) / 1000;
const peak = process.resourceUsage().maxRSS / 1024;
server.close();
rmSync(dir, { recursive: true, force: true });
const offer = downloads.find((d) => d.url.endsWith(OFFER_PATH));
if (offer === undefined || Object.keys(catalog.prices).length === 0)
  throw new Error('the offer file was not read');

const group: FigureGroup = {
  title: `Price refresh from a large offer file (${(bytes / 1048576).toFixed(0)} MiB, ${offer.products?.toLocaleString('en-US')} products, streamed from a local server)`,
  figures: [
    { id: 'offer-file.seconds', label: 'whole refresh of the S3 prices', value: seconds, unit: 's' },
    {
      id: 'offer-file.rate',
      label: '  offer file read per second',
      value: bytes / 1048576 / offer.seconds,
      unit: 'MiB',
    },
    {
      id: 'offer-file.kept',
      label: '  products kept (a query may ask for them)',
      value: offer.kept ?? 0,
      unit: '',
    },
    {
      id: 'offer-file.peak',
      label: 'peak resident memory of the process',
      value: peak,
      unit: 'MB',
      note: `(${rssBefore.toFixed(0)} MB before the refresh)`,
    },
  ],
};
console.log(JSON.stringify(group));
