/**
 * Cost Explorer as the scripted JSON server speaks it (AWS JSON 1.1, `X-Amz-Target:
 * AWSInsightsIndexService.<Operation>`), over a small bill of tagged line items: GetCostAndUsage with MONTHLY
 * granularity, a tag filter (`Tags` or an `And` of them) and SERVICE grouping, paged; and
 * ListCostAllocationTags. Like the real service, a filter on a tag that is not an active cost-allocation tag
 * matches nothing.
 */
import {
  awsError,
  ok,
  type ScriptedAnswer,
  type ScriptedJsonServer,
  startScriptedJsonServer,
} from '../../../aws/testing/scripted-json-server.ts';

export const GET_COST_AND_USAGE = 'AWSInsightsIndexService.GetCostAndUsage';
export const LIST_COST_ALLOCATION_TAGS = 'AWSInsightsIndexService.ListCostAllocationTags';

export interface BilledLine {
  readonly service: string;
  /** YYYY-MM */
  readonly month: string;
  readonly amount: number;
  readonly unit?: string;
  readonly tags: Readonly<Record<string, string>>;
}

export interface FakeBill {
  readonly lines: BilledLine[];
  /** Tag keys that are active cost-allocation tags. */
  readonly activeTags: Set<string>;
  /** Tag keys Cost Explorer has seen on billed resources (listed by ListCostAllocationTags). */
  readonly knownTags: Set<string>;
  /** Groups per GetCostAndUsage page, to make the client follow NextPageToken. */
  groupsPerPage: number;
  /** The month Cost Explorer still marks estimated, YYYY-MM. */
  openMonth?: string;
}

interface TagFilter {
  readonly Key: string;
  readonly Values: readonly string[];
}

type Body = Record<string, unknown>;

export async function startFakeCostExplorer(bill: FakeBill): Promise<ScriptedJsonServer> {
  return startScriptedJsonServer({
    [GET_COST_AND_USAGE]: (body) => getCostAndUsage(bill, body),
    [LIST_COST_ALLOCATION_TAGS]: (body) => {
      const keys = (body.TagKeys as string[] | undefined) ?? [...bill.knownTags];
      return ok({
        CostAllocationTags: keys
          .filter((k) => bill.knownTags.has(k))
          .map((k) => ({
            TagKey: k,
            Type: 'UserDefined',
            Status: bill.activeTags.has(k) ? 'Active' : 'Inactive',
          })),
      });
    },
  });
}

function getCostAndUsage(bill: FakeBill, body: Body): ScriptedAnswer {
  const period = body.TimePeriod as { Start?: string; End?: string } | undefined;
  if (!period?.Start || !period.End || !(period.Start < period.End))
    return awsError(400, 'ValidationException', 'Start date must be before end date');
  if (body.Granularity !== 'MONTHLY') return awsError(400, 'ValidationException', 'Granularity is required');
  const metrics = body.Metrics as string[] | undefined;
  if (!metrics?.length) return awsError(400, 'ValidationException', 'Metrics are required');
  const filters = tagFilters(body.Filter as Body | undefined);
  if (filters === undefined) return awsError(400, 'ValidationException', 'Only tag filters are scripted');
  const matching = bill.lines.filter((line) =>
    filters.every((f) => bill.activeTags.has(f.Key) && f.Values.includes(line.tags[f.Key] ?? '')),
  );
  const months: { start: string; end: string }[] = [];
  for (let start = period.Start; start < period.End; ) {
    const next = nextMonth(start);
    // ISO dates order as strings: the earlier of the month's end and the period's.
    months.push({ start, end: [next, period.End].sort()[0] ?? next });
    start = next;
  }
  const groupsByMonth = months.map((m) => {
    // One group per service and currency: a script may bill a service in two, which a client must not add.
    const byService = new Map<string, { service: string; amount: number; unit: string }>();
    for (const line of matching.filter((l) => m.start.startsWith(l.month))) {
      const unit = line.unit ?? 'USD';
      const key = `${line.service}\n${unit}`;
      const entry = byService.get(key) ?? { service: line.service, amount: 0, unit };
      entry.amount += line.amount;
      byService.set(key, entry);
    }
    return [...byService.values()].map(({ service, amount, unit }) => ({
      Keys: [service],
      Metrics: Object.fromEntries(metrics.map((name) => [name, { Amount: String(amount), Unit: unit }])),
    }));
  });
  // Pages run through the groups of all months in order, as a token's offset.
  const all = groupsByMonth.flatMap((groups, month) => groups.map((group) => ({ month, group })));
  const offset = body.NextPageToken ? Number(body.NextPageToken) : 0;
  const page = all.slice(offset, offset + bill.groupsPerPage);
  const more = offset + bill.groupsPerPage < all.length;
  return ok({
    GroupDefinitions: [{ Type: 'DIMENSION', Key: 'SERVICE' }],
    ResultsByTime: months.map((m, index) => ({
      TimePeriod: { Start: m.start, End: m.end },
      Total: {},
      Groups: page.filter((p) => p.month === index).map((p) => p.group),
      Estimated: bill.openMonth !== undefined && m.start.startsWith(bill.openMonth),
    })),
    DimensionValueAttributes: [],
    ...(more ? { NextPageToken: String(offset + bill.groupsPerPage) } : {}),
  });
}

/** The tag conditions of a filter, or undefined for a filter of another kind. */
function tagFilters(filter: Body | undefined): TagFilter[] | undefined {
  if (filter === undefined) return [];
  if (filter.Tags) return [filter.Tags as TagFilter];
  if (Array.isArray(filter.And)) {
    const parts = (filter.And as Body[]).map((f) => tagFilters(f));
    return parts.some((p) => p === undefined) ? undefined : parts.flatMap((p) => p ?? []);
  }
  return undefined;
}

function nextMonth(isoDay: string): string {
  const date = new Date(`${isoDay.slice(0, 7)}-01T00:00:00Z`);
  date.setUTCMonth(date.getUTCMonth() + 1);
  return date.toISOString().slice(0, 10);
}
