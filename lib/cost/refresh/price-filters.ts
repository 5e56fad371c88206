/**
 * The GetProducts filters of one price query in one region: its usage type in the spellings that region
 * uses, and TERM_MATCH filters on the region, the usage type and the query's further attributes.
 */
import type { PriceQuery, PriceService } from '../models/price-query.ts';

/** Region → usage-type prefix, as in the AWS bill and the Price List (`EU-`, not `EUW1-`, for Ireland). */
export const REGION_USAGE_TYPE_PREFIX: Readonly<Record<string, string>> = {
  'us-east-1': 'USE1',
  'us-east-2': 'USE2',
  'us-west-1': 'USW1',
  'us-west-2': 'USW2',
  'ca-central-1': 'CAN1',
  'ca-west-1': 'CAW1',
  'sa-east-1': 'SAE1',
  'mx-central-1': 'MXC1',
  'eu-west-1': 'EU',
  'eu-west-2': 'EUW2',
  'eu-west-3': 'EUW3',
  'eu-central-1': 'EUC1',
  'eu-central-2': 'EUC2',
  'eu-north-1': 'EUN1',
  'eu-south-1': 'EUS1',
  'eu-south-2': 'EUS2',
  'ap-east-1': 'APE1',
  'ap-northeast-1': 'APN1',
  'ap-northeast-2': 'APN2',
  'ap-northeast-3': 'APN3',
  'ap-southeast-1': 'APS1',
  'ap-southeast-2': 'APS2',
  'ap-south-1': 'APS3',
  'ap-southeast-3': 'APS4',
  'ap-south-2': 'APS5',
  'ap-southeast-4': 'APS6',
  'me-south-1': 'MES1',
  'me-central-1': 'MEC1',
  'af-south-1': 'AFS1',
  'il-central-1': 'ILC1',
};

/** A GetProducts filter, as the SDK sends it. */
export interface TermMatch {
  readonly Type: 'TERM_MATCH';
  readonly Field: string;
  readonly Value: string;
}

/** Thrown when the priced region has no known usage-type prefix. */
export class UnknownRegionError extends Error {
  constructor(readonly region: string) {
    super(
      `No usage-type prefix is known for region "${region}". Known regions: ${Object.keys(REGION_USAGE_TYPE_PREFIX).join(', ')}. ` +
        'Add it to REGION_USAGE_TYPE_PREFIX in lib/cost/refresh/price-filters.ts (the prefix is the one the AWS bill shows, e.g. EUW2 for eu-west-2).',
    );
    this.name = 'UnknownRegionError';
  }
}

/**
 * The usage-type spellings to query for, in order: the region-prefixed one, and in us-east-1 both the bare
 * and the `USE1-` spelling, the service's usual one first.
 */
export function usageTypeCandidates(region: string, service: PriceService, query: PriceQuery): string[] {
  const usageType = query.usageType;
  if (usageType === undefined) return [];
  if (query.global) return [usageType];
  const prefix = REGION_USAGE_TYPE_PREFIX[region];
  if (prefix === undefined) throw new UnknownRegionError(region);
  if (region !== 'us-east-1') return [`${prefix}-${usageType}`];
  const prefixed = `${prefix}-${usageType}`;
  return service.usEast1Prefixed ? [prefixed, usageType] : [usageType, prefixed];
}

/** The GetProducts filters of one query, with one usage-type spelling (if the query has a usage type). */
export function buildFilters(region: string, query: PriceQuery, usageTypeSpelling?: string): TermMatch[] {
  const filters: TermMatch[] = [];
  if (!query.global) filters.push({ Type: 'TERM_MATCH', Field: 'regionCode', Value: region });
  if (usageTypeSpelling !== undefined)
    filters.push({ Type: 'TERM_MATCH', Field: 'usagetype', Value: usageTypeSpelling });
  for (const [field, value] of Object.entries(query.attributes ?? {})) {
    filters.push({ Type: 'TERM_MATCH', Field: field, Value: value });
  }
  return filters;
}

/** `regionCode=eu-west-1, usagetype=EU-Request` — filters as a person reads them in an error message. */
export function describeFilters(serviceCode: string, filters: readonly TermMatch[]): string {
  return `ServiceCode=${serviceCode}, ${filters.map((f) => `${f.Field}=${f.Value}`).join(', ')}`;
}

/** The usage type as the catalog keeps it: without the region prefix (`EU-Request` → `Request`). */
export function stripRegionPrefix(usageType: string, region: string): string {
  const prefixes = new Set([REGION_USAGE_TYPE_PREFIX[region], 'USE1'].filter((p) => p !== undefined));
  const dash = usageType.indexOf('-');
  if (dash > 0 && prefixes.has(usageType.slice(0, dash))) return usageType.slice(dash + 1);
  return usageType;
}
