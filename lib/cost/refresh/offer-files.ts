/**
 * Reads prices from the AWS Price List bulk offer files, which are public: no credentials, no signing.
 * Three documents per service, as AWS publishes them under https://pricing.us-east-1.amazonaws.com:
 *
 * - the offer index `/offers/v1.0/aws/index.json`: `offers.<serviceCode>.currentRegionIndexUrl`;
 * - the service's region index: `regions.<region>.currentVersionUrl`;
 * - the region's offer file: `products.<sku>` (sku, productFamily, attributes) and
 *   `terms.OnDemand.<sku>.<sku.offerTermCode>` (the same terms GetProducts returns), with the offer's
 *   `version` and `publicationDate`.
 *
 * Each offer file is downloaded once per refresh and the queries' TERM_MATCH filters are applied here, as
 * the Price List Query API applies them (case-insensitive). Failed downloads (5xx, throttling, network,
 * a body shorter than its Content-Length or that is not JSON) are retried with backoff before failing.
 */
import type { TermMatch } from './price-filters.ts';
import { type PriceListProduct, parsePriceListItem } from './price-list.ts';
import { PriceRefreshError, type ProductSource } from './refresh-catalog.ts';

/** Where AWS publishes the offer files. */
export const OFFER_FILES_URL = 'https://pricing.us-east-1.amazonaws.com';
const OFFER_INDEX_PATH = '/offers/v1.0/aws/index.json';

export interface OfferFileOptions {
  /** Host of the offer files (a mirror, or a local test server). @default {@link OFFER_FILES_URL} */
  readonly baseUrl?: string;
  /** Attempts per download, the first included. @default 5 */
  readonly attempts?: number;
  /** Backoff before the first retry, doubled each time (a Retry-After header wins). @default 1000 */
  readonly backoffMs?: number;
  readonly fetch?: typeof fetch;
}

interface OfferFile {
  readonly url: string;
  readonly products: readonly PriceListProduct[];
}

/** A product source over the bulk offer files of one region, for `refreshCatalog`. */
export function offerFileSource(
  region: string,
  options: OfferFileOptions = {},
): ProductSource & {
  /** Files downloaded, for the progress line. */
  readonly downloads: string[];
} {
  const base = (options.baseUrl ?? OFFER_FILES_URL).replace(/\/+$/, '');
  const download = downloader(options);
  const downloads: string[] = [];
  const json = async (url: string, what: string): Promise<Record<string, unknown>> => {
    downloads.push(url);
    return download(url, what);
  };
  let offerIndex: Promise<Record<string, unknown>> | undefined;
  const files = new Map<string, Promise<OfferFile | undefined>>();

  const offerFile = (serviceCode: string, fileRegion: string): Promise<OfferFile | undefined> => {
    const key = `${serviceCode}|${fileRegion}`;
    let file = files.get(key);
    if (!file) {
      file = (async () => {
        offerIndex ??= json(`${base}${OFFER_INDEX_PATH}`, 'the offer index');
        const offers = record((await offerIndex).offers, `offers of ${base}${OFFER_INDEX_PATH}`);
        const offer = offers[serviceCode];
        if (offer === undefined) {
          throw new PriceRefreshError(
            `The AWS offer index (${base}${OFFER_INDEX_PATH}) lists no offer ${serviceCode}; check the service code of its queries.`,
            'not-found',
          );
        }
        const regionIndexUrl = text(
          record(offer, `offers.${serviceCode}`).currentRegionIndexUrl,
          `offers.${serviceCode}.currentRegionIndexUrl`,
        );
        const regionIndex = await json(`${base}${regionIndexUrl}`, `the ${serviceCode} region index`);
        const entry = record(regionIndex.regions, `regions of ${base}${regionIndexUrl}`)[fileRegion];
        // A service the region does not offer: no file, so its optional prices are left out.
        if (entry === undefined) return undefined;
        const url = `${base}${text(record(entry, `regions.${fileRegion}`).currentVersionUrl, `regions.${fileRegion}.currentVersionUrl`)}`;
        return {
          url,
          products: productsOf(await json(url, `the ${serviceCode} offer file of ${fileRegion}`), url),
        };
      })();
      files.set(key, file);
    }
    return file;
  };

  const source = {
    requests: 0,
    downloads,
    async read(serviceCode: string, filters: readonly TermMatch[]): Promise<PriceListProduct[]> {
      source.requests += 1;
      // Account-wide products (queries without a region filter) may sit in the offer's "global" file.
      const regional = filters.some((f) => f.Field === 'regionCode');
      const places = regional ? [region] : [region, 'global'];
      for (const place of places) {
        const file = await offerFile(serviceCode, place);
        const found = file?.products.filter((product) => filters.every((f) => matches(product, f))) ?? [];
        if (found.length > 0) return found;
      }
      return [];
    },
  };
  return source;
}

/** The products of one offer file, each with its OnDemand terms, as GetProducts would return them. */
function productsOf(offer: Record<string, unknown>, url: string): PriceListProduct[] {
  const products = record(offer.products, `products of ${url}`);
  const terms = offer.terms === undefined ? {} : record(offer.terms, `terms of ${url}`);
  const onDemand = terms.OnDemand === undefined ? {} : record(terms.OnDemand, `terms.OnDemand of ${url}`);
  return Object.entries(products).map(([sku, product]) => {
    const document = {
      product,
      serviceCode: offer.offerCode,
      version: offer.version,
      publicationDate: offer.publicationDate,
      terms: onDemand[sku] === undefined ? {} : { OnDemand: onDemand[sku] },
    };
    try {
      return { ...parsePriceListItem(JSON.stringify(document)), offerUrl: url };
    } catch (error) {
      throw new PriceRefreshError(
        `${url}: product ${sku} is not readable: ${(error as Error).message}`,
        'format',
      );
    }
  });
}

function matches(product: PriceListProduct, filter: TermMatch): boolean {
  const value = filter.Field === 'productFamily' ? product.productFamily : product.attributes[filter.Field];
  return value !== undefined && value.toLowerCase() === filter.Value.toLowerCase();
}

/** Failures worth another try: the server's, the network's, throttling, a cut-off body. */
class Retryable extends Error {
  constructor(
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

function downloader(options: OfferFileOptions) {
  const attempts = options.attempts ?? 5;
  const backoffMs = options.backoffMs ?? 1000;
  const get = options.fetch ?? fetch;
  return async (url: string, what: string): Promise<Record<string, unknown>> => {
    const problems: string[] = [];
    for (let attempt = 1; attempt <= attempts; attempt += 1) {
      try {
        return await once(get, url);
      } catch (error) {
        if (!(error instanceof Retryable)) throw error;
        problems.push(error.message);
        if (attempt < attempts) {
          const wait = error.retryAfterMs ?? backoffMs * 2 ** (attempt - 1);
          await new Promise((resolve) => setTimeout(resolve, wait));
        }
      }
    }
    const throttled = problems.some((p) => p.includes('HTTP 429') || p.includes('HTTP 503'));
    throw new PriceRefreshError(
      [
        `Could not download ${what} (${url}) after ${attempts} attempts: ${problems.join('; ')}.`,
        throttled
          ? 'AWS limits how fast the offer files are downloaded; wait a minute and run the refresh again.'
          : 'The server or the network had a problem; run the refresh again later. Nothing was written.',
      ].join('\n'),
      'api',
    );
  };
}

async function once(get: typeof fetch, url: string): Promise<Record<string, unknown>> {
  let response: Response;
  let body: string;
  try {
    response = await get(url);
    if (response.status === 429 || response.status >= 500) {
      const seconds = Number(response.headers.get('retry-after'));
      await response.body?.cancel();
      throw new Retryable(
        `HTTP ${response.status}`,
        Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : undefined,
      );
    }
    if (!response.ok) {
      await response.body?.cancel();
      throw new PriceRefreshError(`Could not download ${url}: HTTP ${response.status}.`, 'api');
    }
    body = await response.text();
  } catch (error) {
    if (error instanceof Retryable || error instanceof PriceRefreshError) throw error;
    // fetch fails this way on a refused connection and on a body cut short (fewer bytes than Content-Length).
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    throw new Retryable(`${(error as Error).message}${cause ? ` (${cause.code ?? cause.message})` : ''}`);
  }
  const length = Number(response.headers.get('content-length'));
  if (Number.isFinite(length) && length > 0 && Buffer.byteLength(body) < length) {
    throw new Retryable(`download cut short: ${Buffer.byteLength(body)} of ${length} bytes`);
  }
  try {
    return record(JSON.parse(body), url);
  } catch (error) {
    if (error instanceof PriceRefreshError) throw error;
    throw new Retryable(`not JSON, perhaps cut short (${(error as Error).message})`);
  }
}

function record(value: unknown, what: string): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new PriceRefreshError(
      `${what} is ${value === undefined ? 'missing' : 'not an object'} in the offer file.`,
      'format',
    );
  }
  return value as Record<string, unknown>;
}

function text(value: unknown, what: string): string {
  if (typeof value !== 'string' || value === '') {
    throw new PriceRefreshError(`${what} is missing or not a string in the offer file.`, 'format');
  }
  return value;
}
