/**
 * The price catalog of one region: a versioned JSON data file per region (`<region>.json` beside this
 * file), bundled as a snapshot of AWS's public pricing pages and rebuilt from the AWS Price List API by
 * `npm run prices:refresh`. Cost models look prices up by a stable price id such as `lambda.requests`.
 */

/** One band of a tiered price. Quantities are in the entry's unit, per account per month. */
export interface PriceTier {
  /** First quantity this band applies to (inclusive). */
  readonly from: number;
  /** Quantity where the next band starts (exclusive); absent for the last band. */
  readonly to?: number;
  /** US dollars per one unit within this band. */
  readonly usd: number;
}

/** An always-free monthly allowance, per account, that applies whether or not the account is new. */
export interface AlwaysFree {
  /** Free quantity per month, in the entry's unit. */
  readonly quantity: number;
  /** Entries with the same pool share one allowance (e.g. Lambda GB-seconds of x86_64 and arm64). */
  readonly pool?: string;
  readonly note: string;
}

export interface PriceEntry {
  /** Human service name, e.g. "Amazon S3". */
  readonly service: string;
  /** AWS Price List API service code, e.g. "AmazonS3". */
  readonly serviceCode: string;
  /** Usage type without the region prefix, as in the AWS bill, e.g. "TimedStorage-ByteHrs". */
  readonly usageType: string;
  /** Unit of quantity: "GB-Mo", "Requests", "Hrs", "GB-Second", "DPU-Hour", "Events", ... */
  readonly unit: string;
  readonly description: string;
  /** Ordered, contiguous bands starting at 0. A flat price is one band. */
  readonly tiers: readonly PriceTier[];
  /** Date the price took effect or was read, YYYY-MM-DD. */
  readonly effectiveDate: string;
  /** Where the figure comes from: the public pricing page URL, or the Price List API offer and SKU. */
  readonly source: string;
  readonly alwaysFree?: AlwaysFree;
}

export interface PriceCatalog {
  readonly schemaVersion: 1;
  readonly region: string;
  readonly currency: 'USD';
  /** When the file was written, YYYY-MM-DD. */
  readonly generatedAt: string;
  readonly origin: 'bundled-snapshot' | 'price-list-api';
  readonly prices: Readonly<Record<string, PriceEntry>>;
}
