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
 * Offer files are read as they stream in (json-picker.ts), never parsed whole: the AmazonEC2 file of one
 * region is hundreds of MB. Only the products that one of the queries' TERM_MATCH filter sets matches are
 * kept (compared case-insensitively, as the Price List Query API does), then the OnDemand terms of those
 * SKUs; Reserved terms are skipped unread. Failed downloads (5xx, throttling, network, a body shorter than
 * its Content-Length or that is not JSON) are retried with backoff before failing.
 */
import { fullJitterDelay } from '../../aws/backoff.ts';
import { PRICE_QUERY_SETS } from '../models/index.ts';
import type { ServiceQuerySet } from '../models/price-query.ts';
import { JsonPicker, type PickDecision } from './json-picker.ts';
import { buildFilters, type TermMatch, usageTypeCandidates } from './price-filters.ts';
import { type PriceListProduct, parsePriceListItem } from './price-list.ts';
import { PriceRefreshError, type ProductSource } from './refresh-catalog.ts';

/** The top-level fields of an offer file kept besides its products and terms. */
const HEADER_FIELDS = new Set(['offerCode', 'version', 'publicationDate']);

/** Where AWS publishes the offer files. */
export const OFFER_FILES_URL = 'https://pricing.us-east-1.amazonaws.com';
const OFFER_INDEX_PATH = '/offers/v1.0/aws/index.json';

/** How far a large offer file has been read. */
export interface OfferReading {
  readonly what: string;
  readonly bytes: number;
  /** From Content-Length, when the server sent it. */
  readonly total?: number;
}

/** Bytes between two `onReading` calls: the AmazonEC2 file of a region takes minutes to read. */
export const READING_STEP = 64 * 1_048_576;

/** A downloaded offer file, for progress lines. */
export interface OfferDownload {
  readonly url: string;
  /** e.g. "the AmazonS3 offer file of eu-west-1" */
  readonly what: string;
  readonly bytes: number;
  readonly seconds: number;
  /** Products in the file, and those kept because a query may ask for them (offer files only). */
  readonly products?: number;
  readonly kept?: number;
}

export interface OfferFileOptions {
  /** Host of the offer files (a mirror, or a local test server). @default {@link OFFER_FILES_URL} */
  readonly baseUrl?: string;
  /** Attempts per download, the first included. @default 5 */
  readonly attempts?: number;
  /**
   * Backoff before the first retry: a random wait up to it, the bound doubled each time and capped at 30 s
   * (a Retry-After header wins). @default 1000
   */
  readonly backoffMs?: number;
  readonly fetch?: typeof fetch;
  /**
   * The queries that will be asked: products none of their filter sets match are dropped while the file
   * streams in. Must hold every query given to `refreshCatalog`. @default {@link PRICE_QUERY_SETS}
   */
  readonly querySets?: readonly ServiceQuerySet[];
  /** Called after each download, e.g. to print its size and speed. */
  readonly onDownload?: (download: OfferDownload) => void;
  /** Called every `readingStep` bytes of an offer file while it downloads. */
  readonly onReading?: (reading: OfferReading) => void;
  /** @default {@link READING_STEP} */
  readonly readingStep?: number;
}

interface OfferFile {
  readonly url: string;
  readonly products: readonly PriceListProduct[];
}

/** Every filter set the queries may ask for, by service code (all usage-type spellings of each query). */
function wantedFilters(region: string, querySets: readonly ServiceQuerySet[]): Map<string, TermMatch[][]> {
  const wanted = new Map<string, TermMatch[][]>();
  for (const set of querySets) {
    for (const query of set.queries) {
      const serviceCode = query.serviceCode ?? set.serviceCode;
      const list = wanted.get(serviceCode) ?? [];
      wanted.set(serviceCode, list);
      const spellings = query.usageType === undefined ? [undefined] : usageTypeCandidates(region, set, query);
      for (const spelling of spellings) list.push(buildFilters(region, query, spelling));
    }
  }
  return wanted;
}

const filterKey = (filters: readonly TermMatch[]) =>
  JSON.stringify(filters.map((f) => [f.Field, f.Value.toLowerCase()]));

/** A product source over the bulk offer files of one region, for `refreshCatalog`. */
export function offerFileSource(
  region: string,
  options: OfferFileOptions = {},
): ProductSource & {
  /** Files downloaded, for the progress line. */
  readonly downloads: string[];
} {
  const base = (options.baseUrl ?? OFFER_FILES_URL).replace(/\/+$/, '');
  const wanted = wantedFilters(region, options.querySets ?? PRICE_QUERY_SETS);
  const anticipated = new Set([...wanted.values()].flat().map(filterKey));
  const downloads: string[] = [];
  const json = async (url: string, what: string): Promise<Record<string, unknown>> => {
    downloads.push(url);
    return retried(options, url, what, (response) => wholeJson(response, url));
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
        downloads.push(url);
        const sets = wanted.get(serviceCode) ?? [];
        const keep = (product: Matchable) => sets.some((set) => set.every((f) => matches(product, f)));
        const what = `the ${serviceCode} offer file of ${fileRegion}`;
        const reading =
          options.onReading &&
          ((bytes: number, total?: number) => options.onReading?.({ what, bytes, total }));
        return {
          url,
          products: await retried(options, url, what, (response) =>
            streamedProducts(response, url, keep, reading, options.readingStep ?? READING_STEP),
          ),
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
      if (!anticipated.has(filterKey(filters))) {
        // The products were filtered while streaming; a filter set nobody announced would find nothing.
        throw new Error(
          `offerFileSource was not given the query asking ${JSON.stringify(filters)} (options.querySets)`,
        );
      }
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

/**
 * The products of one offer file that `keep` accepts, each with its OnDemand terms, as GetProducts would
 * return them; read while the body streams in.
 */
async function streamedProducts(
  response: Response,
  url: string,
  keep: (product: Matchable) => boolean,
  onReading: ((bytes: number, total?: number) => void) | undefined,
  readingStep: number,
): Promise<Downloaded<PriceListProduct[]>> {
  const header: Record<string, unknown> = {};
  const kept = new Map<string, unknown>();
  // OnDemand terms by SKU. Offer files list products before terms, so once the products are read only the
  // kept SKUs' terms are held; a file in the other order has all its OnDemand terms held until the end.
  const terms = new Map<string, unknown>();
  let productsSeen = false;
  let productsDone = false;
  let productsRead = 0;
  const decide = (path: readonly string[]): PickDecision => {
    const [top, second, sku] = path;
    if (path.length === 0) return 'descend';
    if (path.length === 1) {
      if (top === 'products') productsSeen = true;
      else if (productsSeen) productsDone = true;
      if (top === 'products' || top === 'terms') return 'descend';
      // The header's dates and version; anything else at the top is skipped, never held whole.
      return HEADER_FIELDS.has(top as string) ? 'capture' : 'skip';
    }
    if (top === 'products') return path.length === 2 ? 'capture' : 'skip';
    if (top === 'terms' && path.length === 2) return second === 'OnDemand' ? 'descend' : 'skip';
    if (top === 'terms' && path.length === 3 && (!productsDone || kept.has(sku as string))) return 'capture';
    return 'skip';
  };
  const picker = new JsonPicker(decide, (path, value) => {
    const [top, sku] = path as [string, string, string];
    if (path.length === 1) header[top] = value;
    else if (top === 'products') {
      productsRead += 1;
      // Matched on the raw product: most are dropped, so only the kept ones are converted.
      if (keep(value as Matchable)) kept.set(sku, value);
    } else terms.set(path[2] as string, value);
  });
  const bytes = await readBody(response, (chunk) => picker.write(chunk), onReading, readingStep);
  try {
    picker.end();
  } catch (error) {
    throw new Retryable(`not JSON, perhaps cut short (${(error as Error).message})`);
  }
  const value = [...kept].map(([sku, raw]) => productOf(sku, raw, header, url, terms.get(sku)));
  return { value, bytes, products: productsRead };
}

function productOf(
  sku: string,
  product: unknown,
  header: Record<string, unknown>,
  url: string,
  onDemand?: unknown,
): PriceListProduct {
  const document = {
    product,
    serviceCode: header.offerCode,
    version: header.version,
    publicationDate: header.publicationDate,
    terms: onDemand === undefined ? {} : { OnDemand: onDemand },
  };
  try {
    return { ...parsePriceListItem(JSON.stringify(document)), offerUrl: url };
  } catch (error) {
    throw new PriceRefreshError(
      `${url}: product ${sku} is not readable: ${(error as Error).message}`,
      'format',
    );
  }
}

/** A product as the offer file or GetProducts holds it: the fields the filters look at. */
interface Matchable {
  readonly productFamily?: unknown;
  readonly attributes?: Readonly<Record<string, unknown>>;
}

function matches(product: Matchable, filter: TermMatch): boolean {
  const value = filter.Field === 'productFamily' ? product.productFamily : product.attributes?.[filter.Field];
  return typeof value === 'string' && value.toLowerCase() === filter.Value.toLowerCase();
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

interface Downloaded<T> {
  readonly value: T;
  readonly bytes: number;
  readonly products?: number;
}

/** Downloads `url` and reads it with `consume`, retrying what is worth retrying with backoff. */
async function retried<T>(
  options: OfferFileOptions,
  url: string,
  what: string,
  consume: (response: Response) => Promise<Downloaded<T>>,
): Promise<T> {
  const attempts = options.attempts ?? 5;
  const backoffMs = options.backoffMs ?? 1000;
  const get = options.fetch ?? fetch;
  const problems: string[] = [];
  for (let attempt = 1; attempt <= attempts; attempt += 1) {
    const started = performance.now();
    try {
      const read = await consume(await answer(get, url));
      if (read.products !== undefined) {
        options.onDownload?.({
          url,
          what,
          bytes: read.bytes,
          seconds: (performance.now() - started) / 1000,
          products: read.products,
          kept: Array.isArray(read.value) ? read.value.length : undefined,
        });
      }
      return read.value;
    } catch (error) {
      const failure = retryable(error);
      if (failure === undefined) throw error;
      problems.push(failure.message);
      if (attempt < attempts) {
        const wait = failure.retryAfterMs ?? fullJitterDelay(attempt, backoffMs, 30_000);
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
}

/** The response of a successful request; a 5xx or 429 is Retryable, another failure status is final. */
async function answer(get: typeof fetch, url: string): Promise<Response> {
  const response = await get(url);
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
  return response;
}

/** The Retryable a failure amounts to, or undefined when another try cannot help. */
function retryable(error: unknown): Retryable | undefined {
  if (error instanceof Retryable) return error;
  if (error instanceof PriceRefreshError) return undefined;
  // Text that stops being JSON part-way: a corrupted or cut-off body.
  if (error instanceof SyntaxError) return new Retryable(`not JSON, perhaps cut short (${error.message})`);
  // fetch fails with a TypeError on a refused connection and on a body cut short (fewer bytes than
  // Content-Length), with the reason in its cause; a TypeError of our own code is no network fault.
  if (
    error instanceof TypeError &&
    (error.cause !== undefined || /^(fetch failed|terminated)$/.test(error.message))
  ) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    return new Retryable(`${error.message}${cause ? ` (${cause.code ?? cause.message})` : ''}`);
  }
  return undefined;
}

/**
 * Streams the body as text to `onChunk` (UTF-8 sequences split between chunks are joined) and returns its
 * size in bytes; a body shorter than its Content-Length is Retryable.
 */
async function readBody(
  response: Response,
  onChunk: (text: string) => void,
  onReading?: (bytes: number, total?: number) => void,
  readingStep = READING_STEP,
): Promise<number> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const length = Number(response.headers.get('content-length'));
  const total = Number.isFinite(length) && length > 0 ? length : undefined;
  let bytes = 0;
  let reported = 0;
  const decode = (chunk?: Uint8Array) => {
    try {
      return chunk === undefined ? decoder.decode() : decoder.decode(chunk, { stream: true });
    } catch (error) {
      throw new Retryable(`not UTF-8 text, perhaps corrupted (${(error as Error).message})`);
    }
  };
  if (response.body) {
    for await (const chunk of response.body) {
      bytes += chunk.byteLength;
      onChunk(decode(chunk));
      if (onReading && bytes - reported >= readingStep) {
        reported = bytes - (bytes % readingStep);
        onReading(bytes, total);
      }
    }
  }
  onChunk(decode());
  if (Number.isFinite(length) && length > 0 && bytes < length) {
    throw new Retryable(`download cut short: ${bytes} of ${length} bytes`);
  }
  return bytes;
}

/** A small document (offer index, region index), parsed whole. */
async function wholeJson(response: Response, url: string): Promise<Downloaded<Record<string, unknown>>> {
  const parts: string[] = [];
  const bytes = await readBody(response, (chunk) => parts.push(chunk));
  let value: unknown;
  try {
    value = JSON.parse(parts.join(''));
  } catch (error) {
    throw new Retryable(`not JSON, perhaps cut short (${(error as Error).message})`);
  }
  return { value: record(value, url), bytes };
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
