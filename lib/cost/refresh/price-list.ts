/**
 * The product documents of the AWS Price List API. GetProducts answers with `PriceList`, an array of JSON
 * strings, each one product with its terms:
 *
 * ```json
 * { "product": { "productFamily": "Storage", "sku": "WP9ANXZGBYYSGJEA",
 *                "attributes": { "usagetype": "TimedStorage-ByteHrs", "regionCode": "us-east-1", ... } },
 *   "serviceCode": "AmazonS3", "version": "20251120200000", "publicationDate": "2025-11-20T20:00:00Z",
 *   "terms": { "OnDemand": { "WP9ANXZGBYYSGJEA.JRTCKXETXF": {
 *       "sku": "WP9ANXZGBYYSGJEA", "offerTermCode": "JRTCKXETXF", "effectiveDate": "2025-11-01T00:00:00Z",
 *       "priceDimensions": { "WP9ANXZGBYYSGJEA.JRTCKXETXF.PGHJ3S3EYE": {
 *           "unit": "GB-Mo", "beginRange": "0", "endRange": "51200", "pricePerUnit": { "USD": "0.0230000000" },
 *           "description": "$0.023 per GB - first 50 TB / month of storage used", "rateCode": "..." } } } } } }
 * ```
 */
import type { PriceDimension } from './price-tiers.ts';

export interface OnDemandTerm {
  readonly sku: string;
  readonly offerTermCode: string;
  readonly effectiveDate: string;
  readonly priceDimensions: readonly PriceDimension[];
}

export interface PriceListProduct {
  readonly sku: string;
  readonly productFamily?: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly serviceCode: string;
  readonly version?: string;
  readonly publicationDate?: string;
  /** OnDemand terms only (Reserved and other purchase options are not what the catalog prices). */
  readonly onDemand: readonly OnDemandTerm[];
  /** The bulk offer file it was read from; absent when it came from GetProducts. */
  readonly offerUrl?: string;
}

/** A PriceList item that is not a product document of the shape above. */
export class PriceListFormatError extends Error {
  override name = 'PriceListFormatError';
}

/** Parses one `PriceList` string into a product with its OnDemand terms. */
export function parsePriceListItem(item: string): PriceListProduct {
  let document: unknown;
  try {
    document = JSON.parse(item);
  } catch (error) {
    throw new PriceListFormatError(
      `a PriceList item is not JSON (${(error as Error).message}): ${preview(item)}`,
    );
  }
  const root = asRecord(document, 'the PriceList item');
  const product = asRecord(root.product, 'product');
  const sku = asString(product.sku, 'product.sku');
  const attributes = asRecord(product.attributes, `product.attributes of sku ${sku}`);
  const stringAttributes: Record<string, string> = {};
  for (const [name, value] of Object.entries(attributes)) {
    if (typeof value === 'string') stringAttributes[name] = value;
  }
  const terms = root.terms === undefined ? {} : asRecord(root.terms, `terms of sku ${sku}`);
  const onDemand =
    terms.OnDemand === undefined ? {} : asRecord(terms.OnDemand, `terms.OnDemand of sku ${sku}`);
  return {
    sku,
    productFamily: typeof product.productFamily === 'string' ? product.productFamily : undefined,
    attributes: stringAttributes,
    serviceCode:
      typeof root.serviceCode === 'string' ? root.serviceCode : (stringAttributes.servicecode ?? ''),
    version: typeof root.version === 'string' ? root.version : undefined,
    publicationDate: typeof root.publicationDate === 'string' ? root.publicationDate : undefined,
    onDemand: Object.entries(onDemand).map(([key, value]) => parseTerm(sku, key, value)),
  };
}

function parseTerm(sku: string, key: string, value: unknown): OnDemandTerm {
  const where = `terms.OnDemand["${key}"] of sku ${sku}`;
  const term = asRecord(value, where);
  const dimensions = asRecord(term.priceDimensions, `${where}.priceDimensions`);
  return {
    sku,
    offerTermCode: typeof term.offerTermCode === 'string' ? term.offerTermCode : (key.split('.')[1] ?? key),
    effectiveDate: typeof term.effectiveDate === 'string' ? term.effectiveDate : '',
    priceDimensions: Object.entries(dimensions).map(([rateCode, raw]) => {
      const at = `${where}.priceDimensions["${rateCode}"]`;
      const dimension = asRecord(raw, at);
      const price = asRecord(dimension.pricePerUnit, `${at}.pricePerUnit`);
      return {
        unit: asString(dimension.unit, `${at}.unit`),
        beginRange: typeof dimension.beginRange === 'string' ? dimension.beginRange : '0',
        endRange: typeof dimension.endRange === 'string' ? dimension.endRange : 'Inf',
        pricePerUnit: Object.fromEntries(
          Object.entries(price).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
        ),
        description: typeof dimension.description === 'string' ? dimension.description : undefined,
        rateCode,
      };
    }),
  };
}

/**
 * The OnDemand term a price is read from: the one in effect at `now` (the latest effective date not in the
 * future; ties: the lowest offer term code), so that a product listing an upcoming price beside the
 * current one resolves the same way every time. When every term is in the future, the earliest.
 */
export function currentOnDemandTerm(
  product: PriceListProduct,
  now: Date = new Date(),
): OnDemandTerm | undefined {
  const time = (term: OnDemandTerm) => {
    const parsed = Date.parse(term.effectiveDate);
    return Number.isNaN(parsed) ? 0 : parsed;
  };
  const byCode = (a: OnDemandTerm, b: OnDemandTerm) => a.offerTermCode.localeCompare(b.offerTermCode);
  const inEffect = product.onDemand.filter((term) => time(term) <= now.getTime());
  if (inEffect.length > 0) return [...inEffect].sort((a, b) => time(b) - time(a) || byCode(a, b))[0];
  return [...product.onDemand].sort((a, b) => time(a) - time(b) || byCode(a, b))[0];
}

function asRecord(value: unknown, what: string): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new PriceListFormatError(`${what} is ${value === undefined ? 'missing' : 'not an object'}`);
  }
  return value as Record<string, unknown>;
}

function asString(value: unknown, what: string): string {
  if (typeof value !== 'string' || value === '')
    throw new PriceListFormatError(`${what} is missing or not a string`);
  return value;
}

function preview(text: string): string {
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
