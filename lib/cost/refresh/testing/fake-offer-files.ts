/**
 * A local server of AWS Price List bulk offer files, in their published shapes (offer index, region index
 * per service, offer file per service and region), built from product documents. Faults are scripted per
 * path: a 5xx, throttling (429 with Retry-After) or a body cut short after its Content-Length was sent.
 */
import { serveLocally } from '../../../testing/local-http-server.ts';
import type { PriceListDocument } from './price-list-fixture.ts';

export type OfferFault = 'server-error' | 'throttling' | 'truncated';

export interface FakeOfferFiles {
  readonly url: string;
  /** Paths requested, in order. */
  readonly requests: string[];
  /** The next requests of `path` fail this way, one fault per request. */
  fail(path: string, ...faults: OfferFault[]): void;
  close(): Promise<void>;
}

export const offerIndexPath = '/offers/v1.0/aws/index.json';
export const regionIndexPath = (code: string) => `/offers/v1.0/aws/${code}/current/region_index.json`;
export const offerFilePath = (code: string, version: string, region: string) =>
  `/offers/v1.0/aws/${code}/${version}/${region}/index.json`;

const DISCLAIMER = 'This pricing list is for informational purposes only.';

/** Serves `documents` (products without a regionCode go to the offer's "global" file). */
export async function startFakeOfferFiles(documents: readonly PriceListDocument[]): Promise<FakeOfferFiles> {
  const files = new Map<string, string>();
  const byOffer = new Map<string, Map<string, PriceListDocument[]>>();
  for (const document of documents) {
    const region = document.product.attributes.regionCode ?? 'global';
    const regions = byOffer.get(document.serviceCode) ?? new Map<string, PriceListDocument[]>();
    byOffer.set(document.serviceCode, regions);
    const list = regions.get(region) ?? [];
    regions.set(region, list);
    list.push(document);
  }
  const offers: Record<string, unknown> = {};
  for (const [code, regions] of byOffer) {
    const first = [...regions.values()][0]?.[0] as PriceListDocument;
    offers[code] = {
      offerCode: code,
      versionIndexUrl: `/offers/v1.0/aws/${code}/index.json`,
      currentVersionUrl: `/offers/v1.0/aws/${code}/current/index.json`,
      currentRegionIndexUrl: regionIndexPath(code),
    };
    const regionEntries: Record<string, unknown> = {};
    for (const [region, docs] of regions) {
      const path = offerFilePath(code, first.version, region);
      regionEntries[region] = { regionCode: region, currentVersionUrl: path };
      const terms: Record<string, Record<string, unknown>> = {};
      for (const doc of docs) {
        for (const [kind, byKey] of Object.entries(doc.terms)) {
          // Assigned in place: spreading the map for each product made a 5,000-product file take 20 s.
          terms[kind] ??= {};
          terms[kind][doc.product.sku] = byKey;
        }
      }
      files.set(
        path,
        JSON.stringify({
          formatVersion: 'v1.0',
          disclaimer: DISCLAIMER,
          offerCode: code,
          version: first.version,
          publicationDate: first.publicationDate,
          products: Object.fromEntries(docs.map((d) => [d.product.sku, d.product])),
          terms,
        }),
      );
    }
    files.set(
      regionIndexPath(code),
      JSON.stringify({
        formatVersion: 'v1.0',
        disclaimer: DISCLAIMER,
        publicationDate: first.publicationDate,
        regions: regionEntries,
      }),
    );
  }
  files.set(
    offerIndexPath,
    JSON.stringify({
      formatVersion: 'v1.0',
      disclaimer: DISCLAIMER,
      publicationDate: '2026-11-20T18:32:09Z',
      offers,
    }),
  );

  const requests: string[] = [];
  const faults = new Map<string, OfferFault[]>();
  const server = await serveLocally((request, _body, response) => {
    const path = request.url ?? '/';
    requests.push(path);
    const body = files.get(path);
    const fault = faults.get(path)?.shift();
    if (body === undefined) {
      response
        .writeHead(404, { 'content-type': 'application/xml' })
        .end('<Error><Code>NoSuchKey</Code></Error>');
    } else if (fault === 'server-error') {
      response
        .writeHead(503, { 'content-type': 'application/xml' })
        .end('<Error><Code>SlowDown</Code></Error>');
    } else if (fault === 'throttling') {
      response.writeHead(429, { 'retry-after': '0' }).end();
    } else if (fault === 'truncated') {
      const bytes = Buffer.from(body);
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': bytes.length });
      response.write(bytes.subarray(0, Math.floor(bytes.length / 2)), () => response.destroy());
    } else {
      response.writeHead(200, { 'content-type': 'application/json' }).end(body);
    }
  });
  return {
    url: server.url,
    requests,
    fail: (path, ...list) => faults.set(path, [...(faults.get(path) ?? []), ...list]),
    close: server.close,
  };
}
