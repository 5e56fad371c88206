/**
 * What an environment really cost, from Cost Explorer: month to date and last month, per service, for the
 * resources tagged with the environment's `project` and `environment` tags (the StandardTags aspect puts both
 * on every resource). One GetCostAndUsage request covers both months (MONTHLY granularity, grouped by SERVICE);
 * Cost Explorer charges $0.01 per request (each page counts), so the answer is kept for the day in
 * `.cache/cost-explorer/<env>-<date>.json` and a second run that day asks nothing.
 *
 * Cost Explorer only filters by a tag once it is an active cost-allocation tag. Until then it answers with
 * no costs at all, so an empty answer is followed by one ListCostAllocationTags request that tells whether
 * that is why.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  CostExplorerClient,
  type Expression,
  GetCostAndUsageCommand,
  type GetCostAndUsageCommandOutput,
  ListCostAllocationTagsCommand,
} from '@aws-sdk/client-cost-explorer';
import { type AwsClientOptions, awsClientConfig } from '../../aws/client-config.ts';
import { describeSdkError } from '../../aws/sdk-error.ts';
import { CostExplorerError } from './cost-explorer-error.ts';

/** The US dollars Cost Explorer charges for each API request (AWS Cost Management pricing). */
export const COST_PER_REQUEST_USD = 0.01;

/** Cost Explorer's API has one endpoint, in us-east-1, whatever region the resources are in. */
const COST_EXPLORER_REGION = 'us-east-1';

/** Where each day's answers are kept (gitignored), relative to the working directory. */
export const DEFAULT_CACHE_DIR = '.cache/cost-explorer';

/** The metric a bill shows: what was charged, before credits are shared out or discounts amortized. */
const METRIC = 'UnblendedCost';

export interface Money {
  readonly amount: number;
  /** The currency Cost Explorer answered in, e.g. USD: amounts of different units are never added. */
  readonly unit: string;
}

export interface DateRange {
  /** First day, YYYY-MM-DD. */
  readonly start: string;
  /** The day after the last one (Cost Explorer's end is exclusive), YYYY-MM-DD. */
  readonly end: string;
}

export interface ServiceActualCost {
  /** The SERVICE dimension's value, e.g. `Amazon Simple Storage Service`. */
  readonly costExplorerService: string;
  /** One amount per currency; empty when nothing was billed. */
  readonly monthToDate: readonly Money[];
  readonly lastMonth: readonly Money[];
}

export type TagCheck =
  /** The answer had costs: the tags work. */
  | { readonly state: 'active' }
  /** No costs, and these tag keys are not active cost-allocation tags. */
  | { readonly state: 'inactive'; readonly keys: readonly string[] }
  /** No costs though the tags are active: nothing tagged was billed in these months. */
  | { readonly state: 'no-costs' }
  /** No costs, and ListCostAllocationTags failed (often a missing permission): the reason. */
  | { readonly state: 'unknown'; readonly reason: string };

export interface ActualCost {
  readonly environment: string;
  /** The tags the costs are filtered by. */
  readonly tags: readonly { readonly key: string; readonly value: string }[];
  /** Null on the first day of a month: no whole day has passed yet. */
  readonly monthToDate: DateRange | null;
  readonly lastMonth: DateRange;
  readonly services: readonly ServiceActualCost[];
  /** Cost Explorer marks the current month estimated until the bill is final. */
  readonly monthToDateEstimated: boolean;
  readonly tagCheck: TagCheck;
  /** The day (UTC) the answers were fetched. */
  readonly fetchedOn: string;
}

export interface ActualCostResult {
  readonly actual: ActualCost;
  /** Requests made by this run: each cost $0.01. 0 when the day's cache answered. */
  readonly requests: number;
  /** The cache file read or written. */
  readonly cacheFile: string;
  readonly fromCache: boolean;
}

export interface ActualCostRequest {
  readonly environment: string;
  /** The `project` tag's value: the config's project. */
  readonly project: string;
  /** Default: now. Its UTC date picks the months and the cache file. */
  readonly now?: Date;
  /** Default {@link DEFAULT_CACHE_DIR}. */
  readonly cacheDir?: string;
  /** Endpoint, retries and timeouts; the region is always Cost Explorer's. */
  readonly aws?: Omit<AwsClientOptions, 'region'>;
  readonly onProgress?: (line: string) => void;
}

/** Reads the environment's actual cost: from today's cache when there is one, else from Cost Explorer. */
export async function readActualCost(request: ActualCostRequest): Promise<ActualCostResult> {
  const now = request.now ?? new Date();
  const today = isoDate(now);
  const tags = [
    { key: 'project', value: request.project },
    { key: 'environment', value: request.environment },
  ];
  const cacheFile = path.join(request.cacheDir ?? DEFAULT_CACHE_DIR, `${request.environment}-${today}.json`);
  const cached = readCache(cacheFile, tags);
  if (cached) return { actual: cached, requests: 0, cacheFile, fromCache: true };

  const progress = request.onProgress ?? (() => {});
  const client = new CostExplorerClient(awsClientConfig({ ...request.aws, region: COST_EXPLORER_REGION }));
  let requests = 0;
  try {
    const { monthToDate, lastMonth } = monthsOf(now);
    const filter: Expression = {
      And: tags.map(({ key, value }) => ({ Tags: { Key: key, Values: [value], MatchOptions: ['EQUALS'] } })),
    };
    const pages: GetCostAndUsageCommandOutput[] = [];
    let token: string | undefined;
    do {
      progress(
        `Asking Cost Explorer for ${request.environment}'s costs (request ${requests + 1}, $${COST_PER_REQUEST_USD.toFixed(2)} each) ...`,
      );
      requests += 1;
      const page = await send('GetCostAndUsage', () =>
        client.send(
          new GetCostAndUsageCommand({
            TimePeriod: { Start: lastMonth.start, End: monthToDate?.end ?? lastMonth.end },
            Granularity: 'MONTHLY',
            Metrics: [METRIC],
            GroupBy: [{ Type: 'DIMENSION', Key: 'SERVICE' }],
            Filter: filter,
            NextPageToken: token,
          }),
        ),
      );
      pages.push(page);
      token = page.NextPageToken;
    } while (token);

    const services = servicesOf(pages, monthToDate);
    let tagCheck: TagCheck = { state: 'active' };
    if (!services.some((s) => [...s.monthToDate, ...s.lastMonth].some((m) => m.amount !== 0))) {
      requests += 1;
      tagCheck = await checkTags(
        client,
        tags.map((t) => t.key),
      );
    }
    const actual: ActualCost = {
      environment: request.environment,
      tags,
      monthToDate,
      lastMonth,
      services,
      monthToDateEstimated: pages.some((p) =>
        (p.ResultsByTime ?? []).some((r) => r.Estimated && r.TimePeriod?.Start === monthToDate?.start),
      ),
      tagCheck,
      fetchedOn: today,
    };
    mkdirSync(path.dirname(cacheFile), { recursive: true });
    writeFileSync(cacheFile, `${JSON.stringify(actual, null, 2)}\n`);
    return { actual, requests, cacheFile, fromCache: false };
  } finally {
    client.destroy();
  }
}

/** This month up to today (exclusive: today is not over) and the whole of last month, in UTC. */
export function monthsOf(now: Date): { monthToDate: DateRange | null; lastMonth: DateRange } {
  const year = now.getUTCFullYear();
  const month = now.getUTCMonth();
  const firstOfMonth = isoDate(new Date(Date.UTC(year, month, 1)));
  const today = isoDate(now);
  return {
    monthToDate: today === firstOfMonth ? null : { start: firstOfMonth, end: today },
    lastMonth: { start: isoDate(new Date(Date.UTC(year, month - 1, 1))), end: firstOfMonth },
  };
}

const isoDate = (date: Date) => date.toISOString().slice(0, 10);

/** Amounts per service and month, kept per currency. */
function servicesOf(
  pages: readonly GetCostAndUsageCommandOutput[],
  monthToDate: DateRange | null,
): ServiceActualCost[] {
  const byService = new Map<string, { monthToDate: Money[]; lastMonth: Money[] }>();
  for (const result of pages.flatMap((p) => p.ResultsByTime ?? [])) {
    const isMonthToDate = monthToDate !== null && result.TimePeriod?.Start === monthToDate.start;
    for (const group of result.Groups ?? []) {
      const name = group.Keys?.[0] ?? 'No service';
      const metric = group.Metrics?.[METRIC];
      if (metric?.Amount === undefined) continue;
      const amount = Number(metric.Amount);
      if (!Number.isFinite(amount)) {
        throw new CostExplorerError(
          `Cost Explorer answered ${METRIC} ${JSON.stringify(metric.Amount)} for ${name}, which is not a number.`,
        );
      }
      const entry = byService.get(name) ?? { monthToDate: [], lastMonth: [] };
      byService.set(name, entry);
      addMoney(isMonthToDate ? entry.monthToDate : entry.lastMonth, {
        amount,
        unit: metric.Unit ?? 'USD',
      });
    }
  }
  return [...byService.entries()]
    .map(([costExplorerService, amounts]) => ({ costExplorerService, ...amounts }))
    .sort((a, b) => a.costExplorerService.localeCompare(b.costExplorerService));
}

/** Adds to the amount of the same currency (pages may split one service), or keeps a new currency apart. */
function addMoney(list: Money[], money: Money): void {
  const index = list.findIndex((m) => m.unit === money.unit);
  if (index < 0) list.push(money);
  else list[index] = { unit: money.unit, amount: (list[index]?.amount ?? 0) + money.amount };
}

async function checkTags(client: CostExplorerClient, keys: readonly string[]): Promise<TagCheck> {
  try {
    const answer = await client.send(new ListCostAllocationTagsCommand({ TagKeys: [...keys] }));
    const active = new Set(
      (answer.CostAllocationTags ?? []).filter((t) => t.Status === 'Active').map((t) => t.TagKey),
    );
    const inactive = keys.filter((k) => !active.has(k));
    return inactive.length > 0 ? { state: 'inactive', keys: inactive } : { state: 'no-costs' };
  } catch (error) {
    return { state: 'unknown', reason: describeSdkError(error).summary };
  }
}

async function send<T>(operation: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    const failure = describeSdkError(error);
    // Cost Explorer's throttling error is LimitExceededException (the SDK retries it as throttling).
    const throttled = failure.kind === 'throttled' || /LimitExceeded/.test(failure.summary);
    const advice =
      failure.kind === 'access'
        ? 'The credentials were refused or lack ce:GetCostAndUsage and ce:ListCostAllocationTags: use a role that has them (Cost Explorer must also be enabled once in the Billing console).'
        : throttled
          ? 'Cost Explorer is throttling these calls even after the retries: wait a minute and run again.'
          : failure.advice;
    throw new CostExplorerError(`Cost Explorer ${operation} failed: ${failure.summary}. ${advice}`, {
      cause: error,
    });
  }
}

function readCache(file: string, tags: ActualCost['tags']): ActualCost | undefined {
  if (!existsSync(file)) return undefined;
  try {
    const actual = JSON.parse(readFileSync(file, 'utf8')) as ActualCost;
    // Another project name in config since the file was written: ask again rather than show the wrong tags.
    return JSON.stringify(actual.tags) === JSON.stringify(tags) ? actual : undefined;
  } catch {
    // A half-written file: ask again, and the new answer replaces it.
    return undefined;
  }
}
