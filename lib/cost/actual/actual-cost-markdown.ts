/**
 * The estimate beside the bill, as Markdown: one row per service with the estimate's monthly figure, the
 * month-to-date charges and last month's. Amounts keep Cost Explorer's currency and are only added within one
 * currency (decision 0015); the estimate is in US dollars.
 */
import { usd } from '../../render/liquid.ts';
import type { Estimate } from '../estimate/estimate-types.ts';
import { comparedServiceName, ourServiceName } from './cost-explorer-services.ts';
import { type ActualCost, COST_PER_REQUEST_USD, type Money } from './read-actual-cost.ts';

export interface ComparisonRow {
  /** Our service name, or Cost Explorer's where we have no match. */
  readonly service: string;
  /** Monthly US dollars after always-free allowances; null when the estimate has no such service. */
  readonly estimate: number | null;
  readonly monthToDate: readonly Money[];
  readonly lastMonth: readonly Money[];
}

/** Rows of the comparison: the estimate's services and the bill's, matched by the tested name map. */
export function comparisonRows(actual: ActualCost, estimate: Estimate): ComparisonRow[] {
  const rows = new Map<string, { estimate: number | null; monthToDate: Money[]; lastMonth: Money[] }>();
  const row = (service: string) => {
    let found = rows.get(service);
    if (!found) {
      found = { estimate: null, monthToDate: [], lastMonth: [] };
      rows.set(service, found);
    }
    return found;
  };
  const environment = estimate.environments.find((e) => e.name === actual.environment);
  for (const service of environment?.services ?? []) {
    const entry = row(comparedServiceName(service.name));
    entry.estimate = (entry.estimate ?? 0) + service.monthly;
  }
  for (const billed of actual.services) {
    const entry = row(ourServiceName(billed.costExplorerService) ?? billed.costExplorerService);
    for (const money of billed.monthToDate) add(entry.monthToDate, money);
    for (const money of billed.lastMonth) add(entry.lastMonth, money);
  }
  const largest = (r: ComparisonRow) =>
    Math.max(r.estimate ?? 0, ...r.monthToDate.map((m) => m.amount), ...r.lastMonth.map((m) => m.amount));
  return [...rows.entries()]
    .map(([service, r]) => ({ service, ...r }))
    .sort((a, b) => largest(b) - largest(a) || a.service.localeCompare(b.service));
}

function add(list: Money[], money: Money): void {
  const index = list.findIndex((m) => m.unit === money.unit);
  if (index < 0) list.push({ ...money });
  else list[index] = { unit: money.unit, amount: (list[index]?.amount ?? 0) + money.amount };
}

export interface ComparisonContext {
  /** Requests this run made (0 when the day's cache answered). */
  readonly requests: number;
  readonly fromCache: boolean;
}

/** The comparison as Markdown; without `context` (the docs page), the requests line says how often the docs ask. */
export function actualCostMarkdown(
  actual: ActualCost,
  estimate: Estimate,
  context?: ComparisonContext,
): string {
  const rows = comparisonRows(actual, estimate);
  const mtdHeading = actual.monthToDate
    ? `Month to date (${actual.monthToDate.start} to ${dayBefore(actual.monthToDate.end)}${actual.monthToDateEstimated ? ', estimated' : ''})`
    : 'Month to date (no whole day yet)';
  const lastHeading = `Last month (${actual.lastMonth.start.slice(0, 7)})`;
  const tagText = actual.tags.map((t) => `\`${t.key}=${t.value}\``).join(' and ');
  const lines = [
    `### ${actual.environment}: the estimate beside the bill`,
    '',
    `Actual costs from Cost Explorer (unblended, before credits) of the resources tagged ${tagText}, fetched ${actual.fetchedOn}.`,
    '',
    `| Service | Estimate (monthly) | ${mtdHeading} | ${lastHeading} |`,
    '|---|--:|--:|--:|',
    ...rows.map(
      (r) =>
        `| ${r.service} | ${r.estimate === null ? '—' : usd(r.estimate)} | ${moneyText(r.monthToDate)} | ${moneyText(r.lastMonth)} |`,
    ),
    `| **Total** | **${usd(rows.reduce((n, r) => n + (r.estimate ?? 0), 0))}** | **${moneyText(totals(rows, 'monthToDate'))}** | **${moneyText(totals(rows, 'lastMonth'))}** |`,
    '',
    ...tagNotes(actual),
    `- The estimate assumes the usage in \`config/usage/${actual.environment}.yml\` (or the models' defaults) over a whole month, after the always-free allowances; a month to date covers part of one. A service with "—" as its estimate is billed but not in the estimate.`,
    `- Each Cost Explorer request costs $${COST_PER_REQUEST_USD.toFixed(2)}. ${requestsNote(actual, context)}`,
  ];
  return `${lines.join('\n')}\n`;
}

function requestsNote(actual: ActualCost, context: ComparisonContext | undefined): string {
  if (!context)
    return `The docs workflow asks at most once a day (answers are cached for the day); \`npm run cost -- --actual --env ${actual.environment}\` shows the same with your own credentials.`;
  if (context.fromCache)
    return `This run made none: it read the answers fetched ${actual.fetchedOn} from the day's cache.`;
  return `This run made ${context.requests} (${usd(context.requests * COST_PER_REQUEST_USD)}); the answers are cached for the day, so another run today makes none.`;
}

function tagNotes(actual: ActualCost): string[] {
  const keys = actual.tags.map((t) => t.key);
  const activate = (missing: readonly string[]) =>
    `Activate them in the Billing console → Cost allocation tags (select them, then Activate), or with \`aws ce update-cost-allocation-tags-status --cost-allocation-tags-status ${missing.map((k) => `TagKey=${k},Status=Active`).join(' ')}\`. A tag is listed there once a tagged resource has been billed; activation takes up to 24 hours and costs from before it stay untagged.`;
  switch (actual.tagCheck.state) {
    case 'active':
      return [];
    case 'inactive':
      return [
        `- **No costs shown: ${actual.tagCheck.keys.map((k) => `\`${k}\``).join(' and ')} ${actual.tagCheck.keys.length === 1 ? 'is not an active cost-allocation tag' : 'are not active cost-allocation tags'}**, and Cost Explorer filters only by active ones. ${activate(actual.tagCheck.keys)}`,
      ];
    case 'no-costs':
      return [
        `- No costs were billed for these tags in these months (the tags are active): nothing deployed yet, or all within the free tier.`,
      ];
    case 'unknown':
      return [
        `- **No costs shown**, and whether the tags are active could not be checked (${actual.tagCheck.reason}). If ${keys.map((k) => `\`${k}\``).join(' and ')} are not active cost-allocation tags: ${activate(keys)}`,
      ];
  }
}

function totals(rows: readonly ComparisonRow[], field: 'monthToDate' | 'lastMonth'): Money[] {
  const sums: Money[] = [];
  for (const row of rows) for (const money of row[field]) add(sums, money);
  return sums;
}

/** `$1,234.56` (as the estimate's reports write it); other currencies as `1.23 EUR`; several listed side by side, never added. */
function moneyText(list: readonly Money[]): string {
  if (list.length === 0) return usd(0);
  return list
    .map((m) => (m.unit === 'USD' ? usd(m.amount) : `${m.amount.toFixed(2)} ${m.unit}`))
    .join(' and ');
}

function dayBefore(isoDay: string): string {
  const date = new Date(`${isoDay}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - 1);
  return date.toISOString().slice(0, 10);
}
