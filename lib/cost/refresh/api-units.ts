/** The units the Price List API writes, and how many catalog units one of them is. */
import type { PriceQuery } from '../models/price-query.ts';

/**
 * API unit spellings accepted for a catalog unit, each meaning one catalog unit. Compared after
 * {@link normalizeUnit}, so case, punctuation and a plural `s` do not matter.
 */
export const UNIT_SYNONYMS: Readonly<Record<string, readonly string[]>> = {
  'GB-Mo': ['GB-Mo', 'GB-Month'],
  GB: ['GB', 'GigaBytes'],
  TB: ['TB', 'Terabytes'],
  Requests: ['Requests', 'API Requests', 'API Calls'],
  Hrs: ['Hrs', 'Hours', 'Hour'],
  'GB-Second': ['GB-Second', 'GB-Seconds', 'Lambda-GB-Second'],
  'DPU-Hour': ['DPU-Hour', 'DPU-Hours'],
  Objects: ['Objects', 'Obj-Month', 'Objects-Month'],
  Transitions: ['Transitions', 'State Transitions', 'StateTransitions'],
  Events: ['Events'],
  Metrics: ['Metrics'],
  Alarms: ['Alarms'],
  Dashboards: ['Dashboards'],
  Traces: ['Traces'],
  Keys: ['Keys'],
  Secrets: ['Secrets'],
  Notifications: ['Notifications'],
  Invocations: ['Invocations'],
  'Budget-days': ['Budget-days', 'Days'],
  Users: ['Users', 'User-Month'],
  Pipelines: ['Pipelines', 'Active Pipelines'],
  Minutes: ['Minutes', 'Build-Minutes'],
};

/** Case, punctuation and a plural `s` do not matter: `API Requests` → `apirequest`, `Hrs` → `hr`. */
export function normalizeUnit(unit: string): string {
  return unit
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '')
    .replace(/s$/, '');
}

/** The API units a query accepts: its unit, that unit's synonyms and its own `apiUnits`. */
export function acceptedUnits(query: PriceQuery): string[] {
  return [
    ...new Set([query.unit, ...(UNIT_SYNONYMS[query.unit] ?? []), ...Object.keys(query.apiUnits ?? {})]),
  ];
}

/** How many catalog units one API unit is, or undefined when the API unit is not one this id accepts. */
export function catalogUnitsPerApiUnit(query: PriceQuery, apiUnit: string): number | undefined {
  const accepted: Record<string, number> = {};
  const synonyms = UNIT_SYNONYMS[query.unit] ?? [query.unit];
  for (const unit of [query.unit, ...synonyms]) accepted[normalizeUnit(unit)] = 1;
  for (const [unit, factor] of Object.entries(query.apiUnits ?? {})) accepted[normalizeUnit(unit)] = factor;
  return accepted[normalizeUnit(apiUnit)];
}
