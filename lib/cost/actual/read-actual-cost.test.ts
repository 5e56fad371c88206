import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  awsError,
  type ScriptedJsonServer,
  serviceUnavailable,
} from '../../aws/testing/scripted-json-server.ts';
import type { Estimate } from '../estimate/estimate-types.ts';
import { actualCostMarkdown, comparisonRows } from './actual-cost-markdown.ts';
import { CostExplorerError } from './cost-explorer-error.ts';
import { monthsOf, readActualCost } from './read-actual-cost.ts';
import {
  type FakeBill,
  GET_COST_AND_USAGE,
  LIST_COST_ALLOCATION_TAGS,
  startFakeCostExplorer,
} from './testing/fake-cost-explorer.ts';

const NOW = new Date('2026-12-07T15:00:00Z');
const dev = { project: 'launchpad', environment: 'dev' };
const stage = { project: 'launchpad', environment: 'stage' };

const bill: FakeBill = {
  lines: [],
  activeTags: new Set(),
  knownTags: new Set(['project', 'environment']),
  groupsPerPage: 100,
};
let server: ScriptedJsonServer;

beforeAll(async () => {
  server = await startFakeCostExplorer(bill);
});
afterAll(() => server.close());
beforeEach(() => {
  server.reset();
  bill.lines.length = 0;
  bill.lines.push(
    { service: 'Amazon Simple Storage Service', month: '2026-11', amount: 1.5, tags: dev },
    { service: 'Amazon Simple Storage Service', month: '2026-12', amount: 0.25, tags: dev },
    { service: 'AWS Glue', month: '2026-11', amount: 4.4, tags: dev },
    { service: 'AmazonCloudWatch', month: '2026-12', amount: 0.1, tags: dev },
    { service: 'Amazon Kinesis', month: '2026-12', amount: 3, tags: stage },
  );
  bill.activeTags.clear();
  bill.activeTags.add('project').add('environment');
  bill.groupsPerPage = 100;
  bill.openMonth = '2026-12';
});

const request = (cacheDir = mkdtempSync(path.join(tmpdir(), 'ce-cache-')), maxAttempts = 3) => ({
  environment: 'dev',
  project: 'launchpad',
  now: NOW,
  cacheDir,
  aws: {
    endpoint: server.endpoint,
    credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
    maxAttempts,
    requestTimeoutMs: 500,
  },
});

const estimate = {
  environments: [
    {
      name: 'dev',
      services: [
        { name: 'Amazon S3', monthly: 0.8, monthlyBeforeFreeTier: 0.8, idle: 0.1 },
        { name: 'AWS Glue', monthly: 3.96, monthlyBeforeFreeTier: 3.96, idle: 0 },
        { name: 'Amazon RDS for MySQL', monthly: 12, monthlyBeforeFreeTier: 12, idle: 12 },
      ],
    },
  ],
} as unknown as Estimate;

describe('readActualCost', () => {
  it("asks once for both months, filtered by the environment's tags, grouped by service", async () => {
    const result = await readActualCost(request());
    expect(result.requests).toBe(1);
    const [sent] = server.requestsFor(GET_COST_AND_USAGE);
    expect(sent?.body).toMatchObject({
      TimePeriod: { Start: '2026-11-01', End: '2026-12-07' },
      Granularity: 'MONTHLY',
      GroupBy: [{ Type: 'DIMENSION', Key: 'SERVICE' }],
      Filter: {
        And: [
          { Tags: { Key: 'project', Values: ['launchpad'] } },
          { Tags: { Key: 'environment', Values: ['dev'] } },
        ],
      },
    });
    expect(result.actual.services).toEqual([
      {
        costExplorerService: 'Amazon Simple Storage Service',
        monthToDate: [{ amount: 0.25, unit: 'USD' }],
        lastMonth: [{ amount: 1.5, unit: 'USD' }],
      },
      { costExplorerService: 'AmazonCloudWatch', monthToDate: [{ amount: 0.1, unit: 'USD' }], lastMonth: [] },
      { costExplorerService: 'AWS Glue', monthToDate: [], lastMonth: [{ amount: 4.4, unit: 'USD' }] },
    ]);
    expect(result.actual.monthToDateEstimated).toBe(true);
    expect(result.actual.tagCheck).toEqual({ state: 'active' });
  });

  it('follows the pages, counting each as a request', async () => {
    bill.groupsPerPage = 1;
    const result = await readActualCost(request());
    expect(result.requests).toBe(4);
    expect(result.actual.services.map((s) => s.costExplorerService)).toHaveLength(3);
  });

  it('makes no request on a second run the same day: the cache answers', async () => {
    const cacheDir = mkdtempSync(path.join(tmpdir(), 'ce-cache-'));
    const first = await readActualCost(request(cacheDir));
    expect(first.cacheFile).toBe(path.join(cacheDir, 'dev-2026-12-07.json'));
    const second = await readActualCost(request(cacheDir));
    expect(second).toMatchObject({ requests: 0, fromCache: true });
    expect(second.actual).toEqual(first.actual);
    expect(server.requests).toHaveLength(1);
    expect(JSON.parse(readFileSync(first.cacheFile, 'utf8')).fetchedOn).toBe('2026-12-07');
  });

  it('says how to activate the tags when Cost Explorer filters by inactive ones', async () => {
    bill.activeTags.delete('environment');
    const result = await readActualCost(request());
    expect(result.requests).toBe(2);
    expect(server.requestsFor(LIST_COST_ALLOCATION_TAGS)[0]?.body).toEqual({
      TagKeys: ['project', 'environment'],
    });
    expect(result.actual.tagCheck).toEqual({ state: 'inactive', keys: ['environment'] });
    const text = actualCostMarkdown(result.actual, estimate, result);
    expect(text).toContain('`environment` is not an active cost-allocation tag');
    expect(text).toContain(
      'aws ce update-cost-allocation-tags-status --cost-allocation-tags-status TagKey=environment,Status=Active',
    );
    expect(text).toContain('Billing console → Cost allocation tags');
  });

  it('retries throttling (LimitExceededException) and 5xx answers with backoff', async () => {
    server.addFault({
      target: GET_COST_AND_USAGE,
      answer: awsError(400, 'LimitExceededException', 'Rate exceeded'),
    });
    server.addFault({ target: GET_COST_AND_USAGE, answer: serviceUnavailable() });
    const result = await readActualCost(request());
    expect(result.actual.services).toHaveLength(3);
    expect(server.requestsFor(GET_COST_AND_USAGE).map((r) => r.status)).toEqual([400, 503, 200]);
  });

  it('retries a reply that never comes, then answers', async () => {
    server.addFault({ target: GET_COST_AND_USAGE, answer: { delayMs: 1_500 } });
    const result = await readActualCost(request());
    expect(result.actual.services).toHaveLength(3);
    expect(server.requestsFor(GET_COST_AND_USAGE).map((r) => r.status)).toEqual([-1, 200]);
  });

  it('fails with a clear message after the retries, and caches nothing', async () => {
    server.addFault({
      target: GET_COST_AND_USAGE,
      times: Infinity,
      answer: awsError(400, 'LimitExceededException', 'Rate exceeded'),
    });
    const cacheDir = mkdtempSync(path.join(tmpdir(), 'ce-cache-'));
    const failure = readActualCost(request(cacheDir, 2));
    await expect(failure).rejects.toBeInstanceOf(CostExplorerError);
    await expect(failure).rejects.toThrow(
      /LimitExceededException \(HTTP 400\): Rate exceeded; gave up after 2 attempts.*throttling these calls even after the retries: wait a minute/,
    );
    server.reset();
    expect((await readActualCost(request(cacheDir))).requests).toBe(1);
  });

  it('names the permissions when access is refused', async () => {
    server.addFault({
      target: GET_COST_AND_USAGE,
      answer: awsError(400, 'AccessDeniedException', 'not authorized to perform ce:GetCostAndUsage'),
    });
    await expect(readActualCost(request())).rejects.toThrow(/lack ce:GetCostAndUsage/);
  });

  it('keeps currencies apart, in the rows and in the totals', async () => {
    bill.lines.push({ service: 'AWS Glue', month: '2026-11', amount: 2, unit: 'EUR', tags: dev });
    bill.lines.push({ service: 'AWS Lambda', month: '2026-11', amount: 1, unit: 'EUR', tags: dev });
    const result = await readActualCost(request());
    const glue = result.actual.services.find((s) => s.costExplorerService === 'AWS Glue');
    expect(glue?.lastMonth).toEqual([
      { amount: 4.4, unit: 'USD' },
      { amount: 2, unit: 'EUR' },
    ]);
    const text = actualCostMarkdown(result.actual, estimate, result);
    expect(text).toContain('| AWS Glue | $3.96 | $0.00 | $4.40 and 2.00 EUR |');
    expect(text).toMatch(
      /\| \*\*Total\*\* \| \*\*\$16\.76\*\* \| \*\*\$0\.35\*\* \| \*\*\$5\.90 and 3\.00 EUR\*\* \|/,
    );
  });
});

describe('the comparison', () => {
  it("puts the estimate's services beside the bill's, matched by name and folded (RDS engines)", async () => {
    const result = await readActualCost(request());
    const rows = comparisonRows(result.actual, estimate);
    expect(rows).toEqual([
      { service: 'Amazon RDS', estimate: 12, monthToDate: [], lastMonth: [] },
      { service: 'AWS Glue', estimate: 3.96, monthToDate: [], lastMonth: [{ amount: 4.4, unit: 'USD' }] },
      {
        service: 'Amazon S3',
        estimate: 0.8,
        monthToDate: [{ amount: 0.25, unit: 'USD' }],
        lastMonth: [{ amount: 1.5, unit: 'USD' }],
      },
      {
        service: 'Amazon CloudWatch',
        estimate: null,
        monthToDate: [{ amount: 0.1, unit: 'USD' }],
        lastMonth: [],
      },
    ]);
    const text = actualCostMarkdown(result.actual, estimate, result);
    expect(text).toContain(
      '| Service | Estimate (monthly) | Month to date (2026-12-01 to 2026-12-06, estimated) | Last month (2026-11) |',
    );
    expect(text).toContain('| Amazon CloudWatch | — | $0.10 | $0.00 |');
    expect(text).toContain('This run made 1 ($0.01)');
    const cached = await readActualCost({ ...request(path.dirname(result.cacheFile)) });
    expect(actualCostMarkdown(cached.actual, estimate, cached)).toContain('This run made none');
  });

  it('has no month to date on the first day of a month', () => {
    expect(monthsOf(new Date('2027-01-01T08:00:00Z'))).toEqual({
      monthToDate: null,
      lastMonth: { start: '2026-12-01', end: '2027-01-01' },
    });
  });
});
