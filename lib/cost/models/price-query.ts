/**
 * Where a catalog price lives in the AWS Price List API: the service code and the GetProducts filters that
 * single it out, and how its OnDemand price dimensions become catalog tiers. Each cost model declares the
 * queries of the price ids it uses; `npm run prices:refresh` runs them (lib/cost/refresh/).
 *
 * Usage types are the stable key: they are what the AWS bill shows, and they change far less often than
 * SKUs or descriptions. Outside us-east-1 they carry a region prefix (`EUW2-TimedStorage-ByteHrs`); in
 * us-east-1 some services have none (`TimedStorage-ByteHrs`) and others `USE1-` (`USE1-StateTransition`),
 * so the us-east-1 query tries both spellings, the service's usual one first. Ids whose product is not
 * reliably told apart by its usage type alone carry extra attributes (operation, group, instance type, ...).
 *
 * The free allowances (`alwaysFree`) are not in the Price List API: the queries state them.
 */
import type { AlwaysFree } from '../catalog/price-catalog.ts';

export type AttributeFilters = Readonly<Record<string, string>>;

export interface PriceQuery {
  /** Catalog price id, e.g. `lambda.requests`. */
  readonly id: string;
  /** Catalog unit: every tier's `usd` is per one of these. */
  readonly unit: string;
  readonly description: string;
  /** Usage type without region prefix; matched with the priced region's prefix. */
  readonly usageType?: string;
  /** Further TERM_MATCH filters, attribute name → value. */
  readonly attributes?: AttributeFilters;
  /** Overrides the service's code (VPC prices live in both AmazonVPC and AmazonEC2). */
  readonly serviceCode?: string;
  /**
   * API units this id accepts, each with how many catalog units one API unit is (1 when the same, 1e6 for
   * a per-million unit). Default: the synonyms of `unit` (lib/cost/refresh/api-units.ts). Any other unit fails.
   */
  readonly apiUnits?: Readonly<Record<string, number>>;
  /** Priced once for all regions (no `regionCode`, no usage-type prefix), e.g. CloudWatch dashboards. */
  readonly global?: boolean;
  /** Why the product may be missing in a region; such an id is left out of that region's catalog. */
  readonly optional?: string;
  readonly alwaysFree?: AlwaysFree;
  /**
   * Why the bundled us-east-1 snapshot leaves this price out: no AWS page or independent cross-check confirmed
   * it, and a guessed price is worse than none. The estimate names it as missing until `npm run prices:refresh`
   * reads it from the Price List.
   */
  readonly unverified?: string;
}

/** An AWS service as the Price List API knows it. */
export interface PriceService {
  /** Short name for progress lines, e.g. `S3`. */
  readonly label: string;
  /** Human service name written to every catalog entry, e.g. `Amazon S3`. */
  readonly service: string;
  readonly serviceCode: string;
  /** In us-east-1 this service's usage types usually carry `USE1-` (try that spelling first). */
  readonly usEast1Prefixed?: boolean;
}

/** The queries a cost model declares for one service. */
export interface ServicePrices {
  readonly service: PriceService;
  readonly queries: readonly PriceQuery[];
}

/** A query as the refresh reads it: with the model file that declares it, which its errors name. */
export interface DeclaredPriceQuery extends PriceQuery {
  /** Repository path of the model file, e.g. `lib/cost/models/s3-bucket.ts`. */
  readonly declaredIn: string;
}

/** Every query of one service, collected from the models: the refresh reads one set at a time. */
export interface ServiceQuerySet extends PriceService {
  readonly queries: readonly DeclaredPriceQuery[];
}
