import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { PriceCatalog } from '../catalog/price-catalog.ts';
import { allPriceIds, PRICE_QUERY_SETS } from '../models/index.ts';
import type { ServiceQuerySet } from '../models/price-query.ts';
import {
  createPricingClient,
  PriceRefreshError,
  type PricingClientOptions,
  type RefreshOptions,
  refreshCatalog,
  type ServiceProgress,
} from './refresh-catalog.ts';
import {
  type FakePricingServer,
  GET_PRODUCTS_TARGET,
  internalError,
  requestsFor,
  serviceUnavailable,
  startFakePricingServer,
  throttling,
} from './testing/fake-pricing-server.ts';
import { FIXTURE_ROWS, fixtureDocuments, priceDocument } from './testing/price-list-fixture.ts';

const NOW = new Date('2026-11-25T10:00:00Z');
const S3_ONLY = PRICE_QUERY_SETS.filter((set) => set.label === 'S3');

let server: FakePricingServer;
beforeAll(async () => {
  server = await startFakePricingServer(fixtureDocuments());
});
afterAll(() => server.close());
afterEach(() => server.reset(fixtureDocuments()));

function client(options: PricingClientOptions = {}) {
  return createPricingClient({
    endpoint: server.endpoint,
    credentials: { accessKeyId: 'AKIDLOCALTEST', secretAccessKey: 'local-test-secret' },
    ...options,
  });
}

async function refresh(
  options: Partial<RefreshOptions> & { region: string },
): Promise<{ catalog: PriceCatalog; progress: ServiceProgress[] }> {
  const progress: ServiceProgress[] = [];
  const catalog = await refreshCatalog({
    client: client(),
    now: () => NOW,
    onProgress: (p) => progress.push(p),
    ...options,
  });
  return { catalog, progress };
}

async function failure(promise: Promise<unknown>): Promise<PriceRefreshError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PriceRefreshError);
  return error as PriceRefreshError;
}

describe('refreshCatalog against the Price List wire protocol', () => {
  it('prices every id of us-east-1 from realistic product documents', async () => {
    const { catalog, progress } = await refresh({ region: 'us-east-1' });

    expect(catalog).toMatchObject({
      schemaVersion: 1,
      region: 'us-east-1',
      currency: 'USD',
      generatedAt: '2026-11-25',
      origin: 'price-list-api',
    });
    expect(Object.keys(catalog.prices)).toEqual(allPriceIds());
    const price = (id: string) => catalog.prices[id];

    // S3 tiered storage, with its offer, SKU and dates as the source.
    expect(price('s3.storage.standard')).toMatchObject({
      service: 'Amazon S3',
      serviceCode: 'AmazonS3',
      usageType: 'TimedStorage-ByteHrs',
      unit: 'GB-Mo',
      tiers: [
        { from: 0, to: 51200, usd: 0.023 },
        { from: 51200, to: 512000, usd: 0.022 },
        { from: 512000, usd: 0.021 },
      ],
      effectiveDate: '2026-11-01',
    });
    expect(price('s3.storage.standard')?.source).toMatch(
      /^AWS Price List API: offer AmazonS3, sku [A-Z0-9]{16}, publicationDate 2026-11-20, effectiveDate 2026-11-01$/,
    );
    // One usage type, several operations: the operation picks the transition's target class.
    expect(price('s3.transition.standard-ia')?.tiers).toEqual([{ from: 0, usd: 0.00001 }]);
    expect(price('s3.transition.glacier-ir')?.tiers).toEqual([{ from: 0, usd: 0.00002 }]);

    // Lambda requests and GB-seconds, x86_64 and arm64, with the free allowance from the table.
    expect(price('lambda.requests')).toMatchObject({
      usageType: 'Request',
      tiers: [{ from: 0, usd: 0.0000002 }],
      alwaysFree: { quantity: 1_000_000 },
    });
    expect(price('lambda.duration.x86_64')?.tiers).toEqual([
      { from: 0, to: 6e9, usd: 0.0000166667 },
      { from: 6e9, to: 15e9, usd: 0.000015 },
      { from: 15e9, usd: 0.0000133334 },
    ]);
    expect(price('lambda.duration.arm64')).toMatchObject({
      usageType: 'Lambda-GB-Second-ARM',
      tiers: [
        { from: 0, to: 7.5e9, usd: 0.0000133334 },
        { from: 7.5e9, to: 18.75e9, usd: 0.0000120001 },
        { from: 18.75e9, usd: 0.0000106667 },
      ],
      alwaysFree: { quantity: 400_000, pool: 'lambda.duration' },
    });
    expect(price('kinesis.provisioned.shard-hour')).toMatchObject({
      usageType: 'Storage-ShardHour',
      unit: 'Hrs',
      tiers: [{ from: 0, usd: 0.015 }],
    });

    // USE1- spellings are stripped; account-wide products are found without a region.
    expect(price('glue.crawler.dpu-hour')).toMatchObject({
      usageType: 'Crawler-DPU-Hour',
      tiers: [{ from: 0, usd: 0.44 }],
    });
    expect(price('xray.traces-recorded')).toMatchObject({
      usageType: 'XRay-TracesStored',
      tiers: [{ from: 0, usd: 0.000005 }],
    });
    expect(price('vpc.public-ipv4')?.usageType).toBe('PublicIPv4:InUseAddress');
    expect(price('cloudwatch.dashboards')).toMatchObject({
      usageType: 'DashboardsUsageHour-Basic',
      tiers: [{ from: 0, usd: 3 }],
    });
    // Found by attributes, the usage type read from the product.
    expect(price('cloudtrail.data-events')?.usageType).toBe('DataEventsRecorded');
    expect(price('dms.instance.dms.t3.small')).toMatchObject({
      usageType: 'InstanceUsg:dms.t3.small',
      tiers: [{ from: 0, usd: 0.036 }],
    });
    expect(price('mwaa.scheduler.mw1.large')).toMatchObject({
      usageType: 'Airflow-LargeScheduler',
      tiers: [{ from: 0, usd: 0.22 }],
    });
    // The MySQL product, its current term (not the one effective in 2027), not the Reserved terms.
    expect(price('rds.mysql.db.t3.micro')?.tiers).toEqual([{ from: 0, usd: 0.017 }]);
    // API units differing from the catalog's: Terabytes, Obj-Month, traces, Days.
    expect(price('athena.data-scanned')).toMatchObject({ unit: 'TB', tiers: [{ from: 0, usd: 5 }] });
    expect(price('budgets.budget-days')).toMatchObject({
      unit: 'Budget-days',
      alwaysFree: { quantity: 60.8333 },
    });
    // SNS publishes its free million as a $0 band: left to alwaysFree, not counted twice.
    expect(price('sns.requests')).toMatchObject({
      tiers: [{ from: 0, usd: 0.0000005 }],
      alwaysFree: { quantity: 1_000_000 },
    });
    expect(price('sqs.fifo.requests')?.tiers).toHaveLength(3);
    expect(price('apigateway.rest.requests')?.tiers[3]).toEqual({ from: 20e9, usd: 0.00000151 });

    // One line per service.
    expect(progress.map((p) => p.label)).toEqual(PRICE_QUERY_SETS.map((s) => s.label));
    expect(progress[0]?.line).toMatch(/^S3\s+20 prices … ok \(20 requests, \d+\.\d s\)$/);
    expect(progress.every((p) => p.status === 'ok' && p.omitted.length === 0)).toBe(true);
    expect(progress.find((p) => p.label === 'SNS')?.notes.map((n) => n.text)).toEqual([
      "dropped the API's free band (first 1000000 Requests); alwaysFree covers it",
      "dropped the API's free band (first 1000 Notifications); alwaysFree covers it",
    ]);
  });

  it('prices another region with its usage-type prefix, and leaves out what the region does not offer', async () => {
    const { catalog, progress } = await refresh({ region: 'eu-west-2' });

    expect(catalog.region).toBe('eu-west-2');
    expect(catalog.prices['s3.storage.standard']?.tiers[0]).toEqual({ from: 0, to: 51200, usd: 0.024 });
    expect(catalog.prices['kinesis.provisioned.shard-hour']?.tiers).toEqual([{ from: 0, usd: 0.017 }]);
    expect(catalog.prices['vpc.nat-gateway.hours']).toMatchObject({
      serviceCode: 'AmazonEC2',
      usageType: 'NatGateway-Hours',
    });
    const usagetypes = server.requests.flatMap((r) =>
      (r.body.Filters ?? []).filter((f) => f.Field === 'usagetype').map((f) => f.Value),
    );
    expect(usagetypes).toContain('EUW2-TimedStorage-ByteHrs');
    expect(usagetypes.filter((u) => !u.startsWith('EUW2-'))).toEqual([
      'DashboardsUsageHour-Basic',
      'ActionEnabledBudgetsUsage',
      'US-DataTransfer-Out-Bytes',
      'US-Requests-Tier2-HTTPS',
      'US-Requests-Tier1',
      'HostedZone',
      'DNS-Queries',
      'Health-Check-AWS',
      'Health-Check-Option-AWS',
      'Health-Check-NonAWS',
      'Health-Check-Option-NonAWS',
    ]);
    expect(
      server.requests.every(
        (r) =>
          (r.body.Filters ?? []).some((f) => f.Field === 'regionCode') ||
          r.body.ServiceCode === 'AWSBudgets' ||
          r.body.ServiceCode === 'AmazonCloudWatch' ||
          r.body.ServiceCode === 'AmazonCloudFront' ||
          r.body.ServiceCode === 'AmazonRoute53',
      ),
    ).toBe(true);

    const omitted = [
      'mwaa.environment.mw1.micro',
      'quicksight.author',
      'quicksight.reader',
      'quicksight.spice',
    ];
    expect(Object.keys(catalog.prices)).toEqual(allPriceIds().filter((id) => !omitted.includes(id)));
    const quicksight = progress.find((p) => p.label === 'QuickSight');
    expect(quicksight?.line).toMatch(/^QuickSight\s+0 prices, 3 omitted … ok/);
    expect(quicksight?.omitted[0]).toEqual({
      id: 'quicksight.author',
      reason: 'Amazon QuickSight is not offered in every region',
      tried: ['ServiceCode=AmazonQuickSight, regionCode=eu-west-2, usagetype=EUW2-QS-User-Enterprise-Month'],
    });
    expect(progress.find((p) => p.label === 'MWAA')?.omitted.map((o) => o.id)).toEqual([
      'mwaa.environment.mw1.micro',
    ]);
  });

  it('signs every call for the pricing service in us-east-1, whatever region it prices', async () => {
    await refresh({ region: 'eu-west-1', querySets: S3_ONLY });
    const first = server.requests[0];
    expect(first?.headers['x-amz-target']).toBe(GET_PRODUCTS_TARGET);
    expect(first?.headers['content-type']).toBe('application/x-amz-json-1.1');
    expect(first?.headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIDLOCALTEST\/\d{8}\/us-east-1\/pricing\/aws4_request, SignedHeaders=.*x-amz-target.*, Signature=[0-9a-f]{64}$/,
    );
    expect(first?.body).toMatchObject({
      ServiceCode: 'AmazonS3',
      FormatVersion: 'aws_v1',
      MaxResults: 100,
      Filters: [
        { Type: 'TERM_MATCH', Field: 'regionCode', Value: 'eu-west-1' },
        { Type: 'TERM_MATCH', Field: 'usagetype', Value: 'EU-TimedStorage-ByteHrs' },
      ],
    });
  });

  it('follows NextToken through several pages and takes the lowest SKU among identical prices', async () => {
    const tier1 = FIXTURE_ROWS.find((r) => r.serviceCode === 'AmazonS3' && r.usageType === 'Requests-Tier1');
    if (!tier1) throw new Error('fixture row missing');
    const duplicates = ['PutObject', 'ListBucket'].map((operation) =>
      priceDocument({ ...tier1, attributes: { ...tier1.attributes, operation } }, 'us-east-1'),
    );
    server.products = [...fixtureDocuments(), ...duplicates];
    server.pageSize = 1;

    const { catalog, progress } = await refresh({ region: 'us-east-1', querySets: S3_ONLY });

    const pages = requestsFor(server, 'usagetype', 'Requests-Tier1');
    expect(pages).toHaveLength(3);
    expect(pages[0]?.body.NextToken).toBeUndefined();
    expect(pages[1]?.body.NextToken).toEqual(expect.any(String));
    expect(pages[2]?.body.NextToken).toEqual(expect.any(String));
    expect(pages[1]?.body.NextToken).not.toBe(pages[2]?.body.NextToken);
    const skus = [...duplicates, ...fixtureDocuments()]
      .filter((d) => d.serviceCode === 'AmazonS3' && d.product.attributes.usagetype === 'Requests-Tier1')
      .map((d) => d.product.sku)
      .sort();
    expect(catalog.prices['s3.requests.tier1']?.source).toContain(`sku ${skus[0]},`);
    expect(progress[0]?.notes.find((n) => n.id === 's3.requests.tier1')?.text).toBe(
      `3 SKUs match with identical prices (${skus.join(', ')}); took the lowest, ${skus[0]}`,
    );
    expect(progress[0]?.requests).toBe(22);
  });

  it('retries throttling with backoff and succeeds', async () => {
    server.addFault({ answer: throttling(), times: 2 });

    const { catalog } = await refresh({ region: 'us-east-1', querySets: S3_ONLY });

    expect(Object.keys(catalog.prices)).toHaveLength(20);
    const [first, second, third] = server.requests;
    expect([first?.status, second?.status, third?.status]).toEqual([400, 400, 200]);
    expect(second?.body).toEqual(first?.body);
    expect(third?.body).toEqual(first?.body);
    expect([first, second, third].map((r) => r?.headers['amz-sdk-request'])).toEqual([
      'attempt=1; max=5',
      'attempt=2; max=5',
      'attempt=3; max=5',
    ]);
  });

  it('retries a server error and a reply that does not come in time', async () => {
    server.addFault({ answer: internalError() });
    server.addFault({ answer: { delayMs: 1500 } });
    server.addFault({ answer: 'drop' });

    const { catalog } = await refresh({
      region: 'us-east-1',
      querySets: S3_ONLY,
      client: client({ requestTimeoutMs: 250 }),
    });

    expect(Object.keys(catalog.prices)).toHaveLength(20);
    const retried = server.requests.slice(0, 4);
    expect(retried.map((r) => r.status)).toEqual([500, -1, -1, 200]);
    expect(new Set(retried.map((r) => JSON.stringify(r.body))).size).toBe(1);
    expect(retried.map((r) => r.headers['amz-sdk-request'])).toEqual(
      [1, 2, 3, 4].map((attempt) => `attempt=${attempt}; max=5`),
    );
  });

  it('gives up on a persistent 503 after the standard retries, with a clear message', async () => {
    server.addFault({ answer: serviceUnavailable(), times: Infinity });

    const error = await failure(refresh({ region: 'eu-west-1', querySets: S3_ONLY }));

    expect(error.kind).toBe('api');
    expect(error.priceId).toBe('s3.storage.standard');
    expect(error.message).toMatch(
      /^The AWS Price List API failed while reading S3 prices \(price id "s3\.storage\.standard"\): .* \(HTTP 503\): Service Unavailable/,
    );
    expect(error.message).toContain(
      'request: GetProducts ServiceCode=AmazonS3, regionCode=eu-west-1, usagetype=EU-TimedStorage-ByteHrs',
    );
    expect(error.message).toMatch(/gave up after 5 attempts/);
    expect(error.message).toMatch(/run the refresh again later/);
    expect(server.requests).toHaveLength(5);
  });

  it('reports throttling that does not stop as rate limiting', async () => {
    server.addFault({ answer: throttling(), times: Infinity });

    const error = await failure(
      refresh({ region: 'us-east-1', querySets: S3_ONLY, client: client({ maxAttempts: 2 }) }),
    );

    expect(error.message).toMatch(/ThrottlingException \(HTTP 400\): Rate exceeded/);
    expect(error.message).toMatch(/gave up after 2 attempts/);
    expect(error.message).toMatch(/wait a minute and run the refresh again/);
  });

  it('names the price id, every filter tried and the model file to fix when no product matches', async () => {
    // The S3 bucket model's storage query, pointed at a usage type the API does not have.
    const [s3] = S3_ONLY;
    const [storage] = s3?.queries ?? [];
    if (!s3 || !storage) throw new Error('no S3 query set');
    const sets: ServiceQuerySet[] = [
      {
        ...s3,
        queries: [
          {
            ...storage,
            id: 's3.storage.deep-archive',
            description: 'Deep Archive',
            usageType: 'TimedStorage-DeepArchive-ByteHrs',
          },
        ],
      },
    ];

    const error = await failure(refresh({ region: 'us-east-1', querySets: sets }));

    expect(error.kind).toBe('not-found');
    expect(error.priceId).toBe('s3.storage.deep-archive');
    expect(error.message.split('\n')).toEqual([
      'No product in the AWS Price List matches price id "s3.storage.deep-archive" (Deep Archive) in us-east-1.',
      '  tried: ServiceCode=AmazonS3, regionCode=us-east-1, usagetype=TimedStorage-DeepArchive-ByteHrs',
      '  tried: ServiceCode=AmazonS3, regionCode=us-east-1, usagetype=USE1-TimedStorage-DeepArchive-ByteHrs',
      'Fix the query of "s3.storage.deep-archive" in lib/cost/models/s3-bucket.ts. The API lists what exists with:',
      '  aws pricing get-attribute-values --region us-east-1 --service-code AmazonS3 --attribute-name usagetype',
      'If the service is not offered in this region, mark the id optional there.',
    ]);
  });

  it('refuses to guess between products with different prices and names what tells them apart', async () => {
    const sets: ServiceQuerySet[] = [
      {
        label: 'RDS',
        service: 'Amazon RDS',
        serviceCode: 'AmazonRDS',
        queries: [
          {
            id: 'rds.db.t3.micro',
            unit: 'Hrs',
            description: 'any engine',
            usageType: 'InstanceUsage:db.t3.micro',
            declaredIn: 'lib/cost/models/rds-db-instance.ts',
          },
        ],
      },
    ];

    const error = await failure(refresh({ region: 'eu-west-1', querySets: sets }));

    expect(error.kind).toBe('ambiguous');
    expect(error.message).toMatch(
      /^Price id "rds\.db\.t3\.micro" is ambiguous in eu-west-1: 2 products match ServiceCode=AmazonRDS, regionCode=eu-west-1, usagetype=EU-InstanceUsage:db\.t3\.micro with different prices\./,
    );
    expect(error.message).toMatch(/\$0\.017\/Hrs from 0 \(databaseEngine=MySQL\)/);
    expect(error.message).toMatch(/\$0\.018\/Hrs from 0 \(databaseEngine=PostgreSQL\)/);
    expect(error.message).toMatch(
      /Add the attribute that tells them apart to the query of "rds\.db\.t3\.micro" in lib\/cost\/models\/rds-db-instance\.ts\.$/,
    );
  });

  it('fails on a price in a unit the id does not accept, naming the id and the SKU', async () => {
    const sets: ServiceQuerySet[] = [
      {
        label: 'Lambda',
        service: 'AWS Lambda',
        serviceCode: 'AWSLambda',
        queries: [
          {
            id: 'lambda.duration.x86_64',
            unit: 'GB',
            description: 'wrong unit',
            usageType: 'Lambda-GB-Second',
            declaredIn: 'lib/cost/models/lambda-function.ts',
          },
        ],
      },
    ];

    const error = await failure(refresh({ region: 'us-east-1', querySets: sets }));

    expect(error.kind).toBe('format');
    expect(error.message).toMatch(
      /^Price id "lambda\.duration\.x86_64": sku [A-Z0-9]{16} \(ServiceCode=AWSLambda, regionCode=us-east-1, usagetype=Lambda-GB-Second\) cannot become catalog tiers: the API prices it per "Lambda-GB-Second"/,
    );
    expect(error.message).toMatch(
      /add the unit and its factor to the query's apiUnits \(in lib\/cost\/models\/lambda-function\.ts\)\.$/,
    );
  });

  it('fails on a PriceList item that is not a product document', async () => {
    server.addFault({
      answer: { status: 200, body: { FormatVersion: 'aws_v1', PriceList: ['{"product": {"sku": "X"'] } },
    });

    const error = await failure(refresh({ region: 'us-east-1', querySets: S3_ONLY }));

    expect(error.kind).toBe('format');
    expect(error.message).toMatch(
      /answered ServiceCode=AmazonS3, regionCode=us-east-1, usagetype=TimedStorage-ByteHrs \(price id "s3\.storage\.standard"\) with an unreadable product: a PriceList item is not JSON/,
    );
  });

  it('refuses a region it cannot price before calling the API', async () => {
    const error = await failure(refresh({ region: 'xx-west-9' }));
    expect(error.kind).toBe('region');
    expect(error.message).toMatch(/No usage-type prefix is known for region "xx-west-9"/);
    expect(server.requests).toHaveLength(0);
  });

  it('refuses a Pricing API region that has no endpoint', () => {
    expect(() => createPricingClient({ apiRegion: 'eu-west-1' })).toThrow(
      'The Price List API has no endpoint in eu-west-1; use one of us-east-1, eu-central-1, ap-south-1 (each prices every region).',
    );
  });

  it('fails at once, before any call, when there are no credentials', async () => {
    const noCredentials = createPricingClient({ endpoint: server.endpoint });
    noCredentials.config.credentials = async () => {
      throw Object.assign(new Error('Could not load credentials from any providers'), {
        name: 'CredentialsProviderError',
      });
    };

    const error = await failure(refresh({ region: 'us-east-1', client: noCredentials }));

    expect(error.kind).toBe('credentials');
    expect(error.message).toBe(
      'No AWS credentials for the Price List API: Could not load credentials from any providers',
    );
    expect(server.requests).toHaveLength(0);
  });
});
