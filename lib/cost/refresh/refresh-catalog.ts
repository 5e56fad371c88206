/**
 * Rebuilds a region's price catalog from the AWS Price List Query API (GetProducts), one query set per
 * service, with the real SDK client: its signing, its standard retry with backoff (throttling, 5xx,
 * timeouts) and its paginator. Every price id the cost models query ({@link PRICE_QUERY_SETS}) either resolves to exactly one
 * price, is left out with a reason (optional ids whose service is absent in the region), or fails the
 * whole refresh with a message that names the id and the filters: a catalog is never half right.
 */
import { type Filter, PricingClient, paginateGetProducts } from '@aws-sdk/client-pricing';
import { type AwsClientOptions, awsClientConfig } from '../../aws/client-config.ts';
import type { PriceCatalog, PriceEntry, PriceTier } from '../catalog/price-catalog.ts';
import { PRICE_QUERY_SETS } from '../models/index.ts';
import type { DeclaredPriceQuery, ServiceQuerySet } from '../models/price-query.ts';
import {
  buildFilters,
  describeFilters,
  REGION_USAGE_TYPE_PREFIX,
  stripRegionPrefix,
  type TermMatch,
  UnknownRegionError,
  usageTypeCandidates,
} from './price-filters.ts';
import {
  currentOnDemandTerm,
  type OnDemandTerm,
  type PriceListProduct,
  parsePriceListItem,
} from './price-list.ts';
import { TierConversionError, toTiers } from './price-tiers.ts';

/** Regions that serve the Price List Query API; it prices every region from any of them. */
export const PRICING_API_REGIONS = ['us-east-1', 'eu-central-1', 'ap-south-1'] as const;

export type RefreshErrorKind = 'region' | 'credentials' | 'api' | 'not-found' | 'ambiguous' | 'format';

/** A refresh that cannot produce a correct catalog; the message says what and where, without a stack. */
export class PriceRefreshError extends Error {
  constructor(
    message: string,
    readonly kind: RefreshErrorKind,
    readonly priceId?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'PriceRefreshError';
  }
}

export interface OmittedPrice {
  readonly id: string;
  /** Why the id may be absent (from its query). */
  readonly reason: string;
  /** Every filter set that was tried, as `describeFilters` writes it. */
  readonly tried: readonly string[];
}

export interface RefreshNote {
  readonly id: string;
  readonly level: 'info' | 'warning';
  readonly text: string;
}

/** Reported once per service, when all its prices are read (or when one of them fails). */
export interface ServiceProgress {
  readonly label: string;
  readonly serviceCode: string;
  readonly status: 'ok' | 'failed';
  readonly prices: number;
  readonly omitted: readonly OmittedPrice[];
  readonly notes: readonly RefreshNote[];
  /** GetProducts calls made for this service (pages, not counting the SDK's retries). */
  readonly requests: number;
  readonly seconds: number;
  /** The line a person reads, e.g. `S3              11 prices … ok (11 requests, 0.8 s)`. */
  readonly line: string;
}

/** Where products come from: the Price List Query API (GetProducts) or the public bulk offer files. */
export interface ProductSource {
  /** Queries answered so far (API pages, or filter lookups in downloaded offer files). */
  readonly requests: number;
  read(
    serviceCode: string,
    filters: readonly TermMatch[],
    priceId: string,
    label: string,
  ): Promise<PriceListProduct[]>;
}

export interface RefreshOptions {
  /** The region to price, e.g. `eu-west-1` (not the region of the Pricing API endpoint). */
  readonly region: string;
  /** Read through the Price List Query API with this client (needs credentials); or give `source`. */
  readonly client?: PricingClient;
  /** Read from another source, e.g. the bulk offer files (offer-files.ts); used when there is no `client`. */
  readonly source?: ProductSource;
  readonly onProgress?: (progress: ServiceProgress) => void;
  /** Default: {@link PRICE_QUERY_SETS}. */
  readonly querySets?: readonly ServiceQuerySet[];
  /** Products per GetProducts page (the API allows at most 100). */
  readonly pageSize?: number;
  /** Clock for `generatedAt`. */
  readonly now?: () => Date;
}

export interface PricingClientOptions extends Omit<AwsClientOptions, 'region'> {
  /** Region of the Pricing API endpoint: us-east-1 (default), eu-central-1 or ap-south-1. */
  readonly apiRegion?: string;
}

/**
 * A Pricing API client. The Price List Query API is served only from us-east-1, eu-central-1 and
 * ap-south-1; each of them prices every region, so the client's region is never the priced region.
 */
export function createPricingClient(options: PricingClientOptions = {}): PricingClient {
  const apiRegion = options.apiRegion ?? 'us-east-1';
  if (!(PRICING_API_REGIONS as readonly string[]).includes(apiRegion)) {
    throw new PriceRefreshError(
      `The Price List API has no endpoint in ${apiRegion}; use one of ${PRICING_API_REGIONS.join(', ')} (each prices every region).`,
      'region',
    );
  }
  return new PricingClient(awsClientConfig({ ...options, region: apiRegion }));
}

/** Throws a PriceRefreshError when the region cannot be priced (its usage-type prefix is not known). */
export function checkRegion(region: string): void {
  if (REGION_USAGE_TYPE_PREFIX[region] === undefined) {
    throw new PriceRefreshError(new UnknownRegionError(region).message, 'region');
  }
}

/**
 * Resolves the client's credentials before the first call, so that a machine without any fails at once
 * with one clear message rather than in the middle of a service.
 */
async function checkCredentials(client: PricingClient): Promise<void> {
  const provider = (client.config as { credentials?: unknown }).credentials;
  if (typeof provider !== 'function') return;
  try {
    await provider();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new PriceRefreshError(
      `No AWS credentials for the Price List API: ${message}`,
      'credentials',
      undefined,
      {
        cause: error,
      },
    );
  }
}

/** Reads every price of {@link PRICE_QUERY_SETS} for one region and returns the catalog. */
export async function refreshCatalog(options: RefreshOptions): Promise<PriceCatalog> {
  const { region, client } = options;
  checkRegion(region);
  let reader: ProductSource;
  if (client) {
    await checkCredentials(client);
    reader = new ProductReader(client, options.pageSize ?? 100);
  } else if (options.source) {
    reader = options.source;
  } else {
    throw new Error('refreshCatalog needs a client or a source');
  }
  const now = (options.now ?? (() => new Date()))();
  const prices: Record<string, PriceEntry> = {};
  for (const set of options.querySets ?? PRICE_QUERY_SETS) {
    const started = performance.now();
    const requestsBefore = reader.requests;
    const omitted: OmittedPrice[] = [];
    const notes: RefreshNote[] = [];
    let count = 0;
    const report = (status: 'ok' | 'failed') => {
      const progress = {
        label: set.label,
        serviceCode: set.serviceCode,
        status,
        prices: count,
        omitted,
        notes,
        requests: reader.requests - requestsBefore,
        seconds: (performance.now() - started) / 1000,
      };
      options.onProgress?.({ ...progress, line: progressLine(progress) });
    };
    try {
      for (const query of set.queries) {
        const result = await resolvePrice(reader, region, set, query, now);
        notes.push(...result.notes);
        if ('omitted' in result) {
          omitted.push(result.omitted);
        } else {
          prices[query.id] = result.entry;
          count += 1;
        }
      }
    } catch (error) {
      report('failed');
      throw error;
    }
    report('ok');
  }
  return {
    schemaVersion: 1,
    region,
    currency: 'USD',
    generatedAt: isoDate(now),
    origin: 'price-list-api',
    prices,
  };
}

function progressLine(progress: Omit<ServiceProgress, 'line'>): string {
  const prices = `${String(progress.prices).padStart(3)} ${progress.prices === 1 ? 'price ' : 'prices'}`;
  const omitted = progress.omitted.length > 0 ? `, ${progress.omitted.length} omitted` : '';
  const timing = `(${progress.requests} ${progress.requests === 1 ? 'request' : 'requests'}, ${progress.seconds.toFixed(1)} s)`;
  return `${progress.label.padEnd(16)}${prices}${omitted} … ${progress.status} ${timing}`;
}

type Resolution =
  | { readonly entry: PriceEntry; readonly notes: RefreshNote[] }
  | { readonly omitted: OmittedPrice; readonly notes: RefreshNote[] };

async function resolvePrice(
  reader: ProductSource,
  region: string,
  set: ServiceQuerySet,
  query: DeclaredPriceQuery,
  now: Date,
): Promise<Resolution> {
  const serviceCode = query.serviceCode ?? set.serviceCode;
  const spellings: (string | undefined)[] =
    query.usageType === undefined ? [undefined] : usageTypeCandidates(region, set, query);
  const tried: string[] = [];
  const rejected: string[] = [];
  for (const spelling of spellings) {
    const filters = buildFilters(region, query, spelling);
    const where = describeFilters(serviceCode, filters);
    tried.push(where);
    const products = await reader.read(serviceCode, filters, query.id, set.label);
    const candidates = products.filter((product) => {
      const usageType = product.attributes.usagetype ?? '';
      if (query.usageType !== undefined && !sameUsageType(usageType, query.usageType, region, query.global)) {
        rejected.push(`sku ${product.sku} has usagetype ${usageType}`);
        return false;
      }
      if (currentOnDemandTerm(product, now) === undefined) {
        rejected.push(`sku ${product.sku} has no OnDemand term`);
        return false;
      }
      return true;
    });
    if (candidates.length > 0) return choose(region, set, query, serviceCode, where, candidates, now);
  }
  if (query.optional !== undefined) {
    return {
      omitted: { id: query.id, reason: query.optional, tried },
      notes: [
        {
          id: query.id,
          level: 'warning',
          text: `left out: no product (${query.optional}); tried ${tried.join(' | ')}`,
        },
      ],
    };
  }
  const lines = [
    `No product in the AWS Price List matches price id "${query.id}" (${query.description}) in ${region}.`,
    ...tried.map((filters) => `  tried: ${filters}`),
    ...(rejected.length > 0 ? [`  returned but not usable: ${rejected.slice(0, 5).join('; ')}`] : []),
    `Fix the query of "${query.id}" in ${query.declaredIn}. The API lists what exists with:`,
    `  aws pricing get-attribute-values --region us-east-1 --service-code ${serviceCode} --attribute-name usagetype`,
    'If the service is not offered in this region, mark the id optional there.',
  ];
  throw new PriceRefreshError(lines.join('\n'), 'not-found', query.id);
}

function sameUsageType(found: string, wanted: string, region: string, global: boolean | undefined): boolean {
  const bare = global ? found : stripRegionPrefix(found, region);
  return bare.toLowerCase() === wanted.toLowerCase();
}

/**
 * Picks the product when several match: they are sorted by SKU; if they all convert to the same tiers the
 * lowest SKU is taken (a duplicate listing cannot change the price), otherwise the refresh fails and names
 * the attributes that differ, so the query can be narrowed. Never a silent guess between two prices.
 */
function choose(
  region: string,
  set: ServiceQuerySet,
  query: DeclaredPriceQuery,
  serviceCode: string,
  where: string,
  products: readonly PriceListProduct[],
  now: Date,
): Resolution {
  const read = [...products]
    .sort((a, b) => a.sku.localeCompare(b.sku))
    .map((product) => {
      const term = currentOnDemandTerm(product, now) as OnDemandTerm;
      try {
        return { product, term, ...toTiers(query, term.priceDimensions) };
      } catch (error) {
        if (!(error instanceof TierConversionError)) throw error;
        throw new PriceRefreshError(
          `Price id "${query.id}": sku ${product.sku} (${where}) cannot become catalog tiers: ${error.message} (in ${query.declaredIn}).`,
          'format',
          query.id,
          { cause: error },
        );
      }
    });
  const [first] = read;
  if (first === undefined) throw new Error('choose() needs at least one product');
  const notes: RefreshNote[] = first.notes.map((text) => ({
    id: query.id,
    level: text.includes('differs') ? 'warning' : 'info',
    text,
  }));
  if (read.length > 1) {
    const distinct = new Set(read.map((r) => tierKey(r.tiers)));
    if (distinct.size > 1) {
      const differing = differingAttributes(read.map((r) => r.product));
      const lines = [
        `Price id "${query.id}" is ambiguous in ${region}: ${read.length} products match ${where} with different prices.`,
        ...read.map(
          (r) =>
            `  sku ${r.product.sku}: ${describeTiers(r.tiers, query.unit)}` +
            (differing.length > 0
              ? ` (${differing.map((name) => `${name}=${r.product.attributes[name] ?? '—'}`).join(', ')})`
              : ''),
        ),
        `Add the attribute that tells them apart to the query of "${query.id}" in ${query.declaredIn}.`,
      ];
      throw new PriceRefreshError(lines.join('\n'), 'ambiguous', query.id);
    }
    notes.push({
      id: query.id,
      level: 'info',
      text: `${read.length} SKUs match with identical prices (${read.map((r) => r.product.sku).join(', ')}); took the lowest, ${first.product.sku}`,
    });
  }
  const { product, term, tiers } = first;
  const effectiveDate =
    isoDatePart(term.effectiveDate) ?? isoDatePart(product.publicationDate) ?? isoDate(now);
  const publication = isoDatePart(product.publicationDate) ?? 'unknown';
  const usageType = product.attributes.usagetype;
  const entry: PriceEntry = {
    service: set.service,
    serviceCode,
    usageType: usageType
      ? query.global
        ? usageType
        : stripRegionPrefix(usageType, region)
      : (query.usageType ?? ''),
    unit: query.unit,
    description: query.description,
    tiers,
    effectiveDate,
    source: `${product.offerUrl ? `AWS Price List bulk offer file ${product.offerUrl}` : 'AWS Price List API'}: offer ${product.serviceCode || serviceCode}, sku ${product.sku}, publicationDate ${publication}, effectiveDate ${effectiveDate}`,
    ...(query.alwaysFree ? { alwaysFree: query.alwaysFree } : {}),
  };
  return { entry, notes };
}

function tierKey(tiers: readonly PriceTier[]): string {
  return JSON.stringify(tiers.map((t) => [t.from, t.to ?? null, t.usd]));
}

function describeTiers(tiers: readonly PriceTier[], unit: string): string {
  return tiers
    .map((t) => `$${t.usd}/${unit} from ${t.from}${t.to === undefined ? '' : ` to ${t.to}`}`)
    .join(', ');
}

function differingAttributes(products: readonly PriceListProduct[]): string[] {
  const names = new Set(products.flatMap((p) => Object.keys(p.attributes)));
  return [...names].filter((name) => new Set(products.map((p) => p.attributes[name])).size > 1).sort();
}

/** Reads GetProducts pages, parses each product document, and turns SDK failures into clear messages. */
class ProductReader implements ProductSource {
  requests = 0;

  constructor(
    private readonly client: PricingClient,
    private readonly pageSize: number,
  ) {}

  async read(
    serviceCode: string,
    filters: readonly TermMatch[],
    priceId: string,
    label: string,
  ): Promise<PriceListProduct[]> {
    const products: PriceListProduct[] = [];
    const where = describeFilters(serviceCode, filters);
    try {
      const pages = paginateGetProducts(
        { client: this.client, pageSize: this.pageSize },
        { ServiceCode: serviceCode, Filters: filters as Filter[], FormatVersion: 'aws_v1' },
      );
      for await (const page of pages) {
        this.requests += 1;
        for (const item of page.PriceList ?? []) {
          try {
            products.push(parsePriceListItem(item));
          } catch (error) {
            throw new PriceRefreshError(
              `The AWS Price List API answered ${where} (price id "${priceId}") with an unreadable product: ${(error as Error).message}`,
              'format',
              priceId,
              { cause: error },
            );
          }
        }
      }
    } catch (error) {
      if (error instanceof PriceRefreshError) throw error;
      throw apiFailure(error, label, where, priceId);
    }
    return products;
  }
}

interface SdkError {
  name?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number; attempts?: number; totalRetryDelay?: number };
}

function apiFailure(error: unknown, label: string, where: string, priceId: string): PriceRefreshError {
  const e = (error ?? {}) as SdkError;
  const name = e.name ?? 'Error';
  const message = e.message ?? String(error);
  if (name === 'CredentialsProviderError' || /could not load credentials/i.test(message)) {
    return new PriceRefreshError(
      `No AWS credentials for the Price List API: ${message}`,
      'credentials',
      undefined,
      {
        cause: error,
      },
    );
  }
  const status = e.$metadata?.httpStatusCode;
  const attempts = e.$metadata?.attempts;
  const throttled = /throttl|rate exceeded|too many requests/i.test(`${name} ${message}`) || status === 429;
  const serverSide =
    (status !== undefined && status >= 500) ||
    /timeout|ECONNRESET|socket hang up|ECONNREFUSED/i.test(`${name} ${message}`);
  const lines = [
    `The AWS Price List API failed while reading ${label} prices (price id "${priceId}"): ${name}${status === undefined ? '' : ` (HTTP ${status})`}: ${message}`,
    `  request: GetProducts ${where}`,
  ];
  if (attempts !== undefined && attempts > 1) {
    const waited = e.$metadata?.totalRetryDelay;
    lines.push(
      `  gave up after ${attempts} attempts${waited ? ` and ${(waited / 1000).toFixed(1)} s of backoff` : ''} (the SDK's standard retry).`,
    );
  }
  if (throttled) lines.push('The API limits how fast it is called; wait a minute and run the refresh again.');
  else if (serverSide) lines.push('The service or the network had a problem; run the refresh again later.');
  else if (/AccessDenied|UnrecognizedClient|InvalidSignature|ExpiredToken/i.test(name))
    lines.push(
      'The credentials were refused: they need the pricing:GetProducts permission and must not be expired.',
    );
  return new PriceRefreshError(lines.join('\n'), 'api', priceId, { cause: error });
}

function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function isoDatePart(text: string | undefined): string | undefined {
  const match = text === undefined ? null : /^\d{4}-\d{2}-\d{2}/.exec(text);
  return match?.[0];
}
