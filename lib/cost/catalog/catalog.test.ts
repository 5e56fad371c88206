import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { bundledRegions, CATALOG_SCHEMA_FILE, DEFAULT_CATALOG_DIR, loadCatalog } from './load-catalog.ts';

const BUNDLED_FILE = path.join(DEFAULT_CATALOG_DIR, 'us-east-1.json');
const raw = JSON.parse(readFileSync(BUNDLED_FILE, 'utf8'));
const catalog = loadCatalog('us-east-1');
const entries = Object.entries(catalog.prices);

/** The agreed price ids (service code of each group in brackets), no more, no less. */
const PRICE_IDS: Record<string, readonly string[]> = {
  AmazonS3: [
    's3.storage.standard',
    's3.storage.standard-ia',
    's3.storage.glacier-ir',
    's3.requests.tier1',
    's3.requests.tier2',
    's3.requests.standard-ia.tier1',
    's3.requests.standard-ia.tier2',
    's3.retrieval.standard-ia',
    's3.retrieval.glacier-ir',
    's3.transition.standard-ia',
    's3.transition.glacier-ir',
    's3.storage.intelligent-tiering.frequent',
    's3.storage.intelligent-tiering.infrequent',
    's3.storage.intelligent-tiering.archive-instant',
    's3.intelligent-tiering.monitoring',
    's3.transition.intelligent-tiering',
    's3.storage.glacier-flexible',
    's3.transition.glacier-flexible',
    's3.transition.deep-archive',
  ],
  AmazonS3GlacierDeepArchive: ['s3.storage.deep-archive'],
  AWSLambda: ['lambda.requests', 'lambda.duration.x86_64', 'lambda.duration.arm64'],
  AmazonKinesis: [
    'kinesis.provisioned.shard-hour',
    'kinesis.provisioned.put-payload-units',
    'kinesis.on-demand.stream-hour',
    'kinesis.on-demand.ingest',
    'kinesis.on-demand.retrieval',
    'kinesis.extended-retention.shard-hour',
  ],
  AmazonKinesisFirehose: [
    'firehose.ingestion',
    'firehose.format-conversion',
    'firehose.dynamic-partitioning',
    'firehose.dynamic-partitioning.objects',
    'firehose.dynamic-partitioning.jq-hours',
  ],
  AWSGlue: [
    'glue.etl.dpu-hour',
    'glue.etl.flex.dpu-hour',
    'glue.crawler.dpu-hour',
    'glue.catalog.storage',
    'glue.catalog.requests',
  ],
  AmazonAthena: ['athena.data-scanned'],
  // The agreed list named AWSStepFunctions; the Price List API and the bill use AmazonStates.
  AmazonStates: ['sfn.standard.state-transitions', 'sfn.express.requests', 'sfn.express.duration'],
  AmazonCloudWatch: [
    'cloudwatch.logs.ingestion',
    'cloudwatch.logs.storage',
    'cloudwatch.metrics.custom',
    'cloudwatch.alarms.standard',
    'cloudwatch.alarms.high-resolution',
    'cloudwatch.dashboards',
  ],
  AWSCloudTrail: [
    'cloudtrail.management-events.additional',
    'cloudtrail.data-events',
    'cloudtrail.insights-events-analyzed',
  ],
  AWSXRay: ['xray.traces-recorded'],
  AmazonApiGateway: [
    'apigateway.rest.requests',
    'apigateway.http.requests',
    'apigateway.websocket.messages',
    'apigateway.websocket.connection-minutes',
  ],
  AWSDatabaseMigrationSvc: [
    'dms.instance.dms.t3.micro',
    'dms.instance.dms.t3.small',
    'dms.instance.dms.t3.medium',
    'dms.storage.gp2',
  ],
  AmazonMWAA: [
    'mwaa.environment.mw1.micro',
    'mwaa.environment.mw1.small',
    'mwaa.environment.mw1.medium',
    'mwaa.environment.mw1.large',
    'mwaa.worker.mw1.small',
    'mwaa.worker.mw1.medium',
    'mwaa.worker.mw1.large',
    'mwaa.scheduler.mw1.small',
    'mwaa.scheduler.mw1.medium',
    'mwaa.scheduler.mw1.large',
    'mwaa.metadb-storage',
  ],
  AmazonQuickSight: ['quicksight.author', 'quicksight.reader', 'quicksight.spice'],
  AWSCodePipeline: ['codepipeline.v1.active-pipeline', 'codepipeline.v2.action-minutes'],
  CodeBuild: [
    'codebuild.build_general1_small.linux',
    'codebuild.build_general1_medium.linux',
    'codebuild.build_general1_large.linux',
    'codebuild.build_general1_2xlarge.linux',
    'codebuild.build_arm1_small.linux',
    'codebuild.build_arm1_large.linux',
  ],
  AmazonSNS: ['sns.requests', 'sns.email'],
  AWSQueueService: ['sqs.standard.requests', 'sqs.fifo.requests'],
  awskms: ['kms.keys', 'kms.requests'],
  AWSSecretsManager: ['secretsmanager.secrets', 'secretsmanager.api-calls'],
  AWSEvents: [
    'eventbridge.custom-events',
    'eventbridge.scheduler.invocations',
    'eventbridge.pipes.requests',
    'eventbridge.api-destinations.invocations',
  ],
  AWSBudgets: ['budgets.budget-days'],
  AmazonRDS: [
    'rds.mysql.db.t3.micro',
    'rds.mysql.db.t4g.micro',
    'rds.mysql.db.t3.small',
    'rds.storage.gp2',
    'rds.storage.gp3',
    'rds.mysql.db.t3.large',
    'rds.mysql.db.m5.large',
    'rds.postgres.db.t3.micro',
    'rds.postgres.db.t3.large',
    'rds.mariadb.db.t3.large',
    'rds.aurora-postgresql.db.t3.large',
    'rds.mysql.db.t3.medium',
    'rds.storage.io1',
    'rds.io1.iops',
    'rds.aurora.serverless-v2',
    'rds.aurora.storage',
    'rds.aurora.io',
  ],
  AmazonEC2: [
    'vpc.nat-gateway.hours',
    'vpc.nat-gateway.data',
    'ec2.instance.t2.micro',
    'ec2.instance.t2.small',
    'ec2.instance.t2.nano',
    'ec2.instance.t2.large',
    'ec2.instance.t3.micro',
    'ec2.instance.t3.small',
    'ec2.instance.t3.medium',
    'ec2.instance.t3.large',
    'ec2.instance.m5.large',
    'ec2.instance.m7g.large',
    'ec2.instance.c4.xlarge',
    'ec2.instance.c4.2xlarge',
    'ec2.instance.t4g.nano',
    'ec2.instance.t4g.micro',
    'ec2.instance.m7i.xlarge',
    'ebs.gp2.storage',
    'ebs.gp3.storage',
    'ebs.gp3.iops',
    'ebs.gp3.throughput',
    'ebs.io1.storage',
    'ebs.io1.iops',
    'ebs.st1.storage',
    'ebs.sc1.storage',
    'ebs.standard.storage',
    'ebs.standard.io',
  ],
  AmazonVPC: ['vpc.interface-endpoint.hours', 'vpc.interface-endpoint.data', 'vpc.public-ipv4'],
  AWSELB: [
    'elb.application.hours',
    'elb.application.capacity-units',
    'elb.network.hours',
    'elb.network.capacity-units',
    'elb.classic.hours',
    'elb.classic.data',
  ],
  AmazonDynamoDB: [
    'dynamodb.on-demand.write',
    'dynamodb.on-demand.read',
    'dynamodb.provisioned.write',
    'dynamodb.provisioned.read',
    'dynamodb.storage',
  ],
  AmazonECS: ['fargate.x86_64.vcpu', 'fargate.x86_64.memory', 'fargate.arm64.vcpu', 'fargate.arm64.memory'],
  AmazonElastiCache: [
    'elasticache.redis.cache.t3.micro',
    'elasticache.memcached.cache.m4.large',
    'elasticache.serverless.redis.storage',
    'elasticache.serverless.redis.ecpu',
  ],
  AmazonES: [
    'opensearch.instance.c4.2xlarge.search',
    'opensearch.storage.gp2',
    'opensearch.storage.io1',
    'opensearch.storage.standard',
    'opensearch.io1.iops',
  ],
  AmazonMSK: ['msk.broker.kafka.t3.small', 'msk.storage'],
  AmazonCloudFront: ['cloudfront.data-out.us', 'cloudfront.requests.https.us', 'cloudfront.requests.http.us'],
  AmazonCognito: ['cognito.mau.essentials', 'cognito.mau.plus'],
  AWSAppSync: ['appsync.operations', 'appsync.realtime.updates', 'appsync.realtime.connection-minutes'],
  AmazonRedshift: ['redshift.serverless.rpu-hours', 'redshift.managed-storage'],
  AmazonRoute53: [
    'route53.hosted-zone',
    'route53.queries.standard',
    'route53.health-check.aws',
    'route53.health-check.option.aws',
    'route53.health-check.non-aws',
    'route53.health-check.option.non-aws',
  ],
  awswaf: ['waf.web-acl', 'waf.rule', 'waf.requests'],
  AmazonEFS: ['efs.storage.standard', 'efs.storage.one-zone', 'efs.provisioned-throughput'],
};

/** Always-free allowances the agreed list asks for: quantity and pool. */
const ALWAYS_FREE: Record<string, { quantity: number; pool?: string }> = {
  'lambda.requests': { quantity: 1_000_000 },
  'lambda.duration.x86_64': { quantity: 400_000, pool: 'lambda.duration' },
  'lambda.duration.arm64': { quantity: 400_000, pool: 'lambda.duration' },
  'glue.catalog.storage': { quantity: 1_000_000 },
  'glue.catalog.requests': { quantity: 1_000_000 },
  'sfn.standard.state-transitions': { quantity: 4_000 },
  'cloudwatch.logs.ingestion': { quantity: 5, pool: 'cloudwatch.logs' },
  'cloudwatch.logs.storage': { quantity: 5, pool: 'cloudwatch.logs' },
  'cloudwatch.metrics.custom': { quantity: 10 },
  'cloudwatch.alarms.standard': { quantity: 10 },
  'cloudwatch.dashboards': { quantity: 3 },
  'xray.traces-recorded': { quantity: 100_000 },
  'codepipeline.v1.active-pipeline': { quantity: 1 },
  'codepipeline.v2.action-minutes': { quantity: 100 },
  'codebuild.build_general1_small.linux': { quantity: 100 },
  'sns.requests': { quantity: 1_000_000 },
  'sns.email': { quantity: 1_000 },
  'sqs.standard.requests': { quantity: 1_000_000, pool: 'sqs.requests' },
  'sqs.fifo.requests': { quantity: 1_000_000, pool: 'sqs.requests' },
  'kms.requests': { quantity: 20_000 },
  'eventbridge.scheduler.invocations': { quantity: 14_000_000 },
  'budgets.budget-days': { quantity: 60.8333 },
  'dynamodb.provisioned.write': { quantity: 18_250 },
  'dynamodb.provisioned.read': { quantity: 18_250 },
  'dynamodb.storage': { quantity: 25 },
  'cloudfront.data-out.us': { quantity: 1024 },
  'cloudfront.requests.https.us': { quantity: 10_000_000, pool: 'cloudfront.requests' },
  'cloudfront.requests.http.us': { quantity: 10_000_000, pool: 'cloudfront.requests' },
  'cognito.mau.essentials': { quantity: 10_000 },
};

/** Band edges the agreed list fixes, in the entry's unit. */
const BAND_EDGES: Record<string, number[]> = {
  's3.storage.standard': [51_200, 512_000],
  's3.storage.intelligent-tiering.frequent': [51_200, 512_000],
  'lambda.duration.x86_64': [6e9, 15e9],
  'lambda.duration.arm64': [7.5e9, 18.75e9],
  'firehose.ingestion': [512_000, 2_048_000, 5_120_000],
  'sfn.express.duration': [3_600_000, 18_000_000],
  'cloudwatch.metrics.custom': [10_000, 250_000, 1_000_000],
  'apigateway.rest.requests': [333e6, 1e9, 20e9],
  'sqs.standard.requests': [100e9, 200e9],
  'sqs.fifo.requests': [100e9, 200e9],
  'vpc.interface-endpoint.data': [1_048_576, 5_242_880],
  'apigateway.http.requests': [300e6],
  'apigateway.websocket.messages': [1e9],
  'route53.queries.standard': [1e9],
  'cloudfront.data-out.us': [10_240, 51_200, 153_600, 512_000, 1_048_576, 5_242_880],
};

describe('bundled us-east-1 catalog', () => {
  it('is valid against catalog.schema.json and names it for editors', () => {
    const ajv = new Ajv2020({ allErrors: true, strict: true });
    addFormats.default(ajv, ['date']);
    const validate = ajv.compile(JSON.parse(readFileSync(CATALOG_SCHEMA_FILE, 'utf8')));
    expect(validate(raw), JSON.stringify(validate.errors, null, 2)).toBe(true);
    expect(raw.$schema).toBe('./catalog.schema.json');
    expect(catalog).not.toHaveProperty('$schema');
  });

  it('is the bundled snapshot of us-east-1, in USD, format version 1', () => {
    expect(bundledRegions()).toContain('us-east-1');
    expect(catalog).toMatchObject({
      schemaVersion: 1,
      region: 'us-east-1',
      currency: 'USD',
      origin: 'bundled-snapshot',
    });
    expect(catalog.generatedAt).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('has exactly the agreed price ids', () => {
    const expected = Object.values(PRICE_IDS).flat().sort();
    expect(expected).toHaveLength(191);
    expect(Object.keys(catalog.prices).sort()).toEqual(expected);
  });

  it('gives each price the Price List API service code of its service', () => {
    for (const [serviceCode, ids] of Object.entries(PRICE_IDS)) {
      for (const id of ids) expect(catalog.prices[id]?.serviceCode, id).toBe(serviceCode);
    }
  });

  it('cites an https page on aws.amazon.com (or docs.aws.amazon.com) for every price', () => {
    for (const [id, entry] of entries) {
      const url = new URL(entry.source);
      expect(url.protocol, id).toBe('https:');
      expect(['aws.amazon.com', 'docs.aws.amazon.com'], `${id}: ${entry.source}`).toContain(url.hostname);
    }
  });

  it('has bands contiguous from 0, ascending, open-ended last, with non-negative prices', () => {
    for (const [id, entry] of entries) {
      const tiers = entry.tiers;
      expect(tiers[0]?.from, id).toBe(0);
      tiers.forEach((tier, i) => {
        expect(tier.usd, id).toBeGreaterThanOrEqual(0);
        if (i < tiers.length - 1) {
          expect(tier.to, `${id} band ${i}`).toBeGreaterThan(tier.from);
          expect(tiers[i + 1]?.from, `${id} band ${i + 1}`).toBe(tier.to);
        } else {
          expect(tier.to, `${id} last band`).toBeUndefined();
        }
      });
    }
  });

  it('puts the band edges where the pricing pages put them, and prices fall with volume', () => {
    for (const [id, edges] of Object.entries(BAND_EDGES)) {
      const tiers = catalog.prices[id]?.tiers ?? [];
      expect(
        tiers.slice(1).map((t) => t.from),
        id,
      ).toEqual(edges);
      for (let i = 1; i < tiers.length; i++) {
        expect(tiers[i]?.usd, `${id} band ${i}`).toBeLessThanOrEqual(tiers[i - 1]?.usd ?? 0);
      }
    }
  });

  it('records exactly the agreed always-free allowances, pools included', () => {
    const withAllowance = entries.filter(([, e]) => e.alwaysFree).map(([id]) => id);
    expect(withAllowance.sort()).toEqual(Object.keys(ALWAYS_FREE).sort());
    for (const [id, free] of Object.entries(ALWAYS_FREE)) {
      const allowance = catalog.prices[id]?.alwaysFree;
      expect(allowance?.quantity, id).toBe(free.quantity);
      expect(allowance?.pool, id).toBe(free.pool);
      expect(allowance?.note.length, id).toBeGreaterThan(10);
    }
  });

  it('writes usage types without a region prefix', () => {
    for (const [id, entry] of entries) {
      expect(entry.usageType, id).not.toMatch(/^(USE1|USE2|USW1|USW2|EU|EUC1|EUW[123]|APN[123]|APS[1-6])-/);
    }
  });

  it('says for every figure whether it was checked against an AWS page', () => {
    for (const [id, entry] of entries) {
      expect(entry.description, id).toMatch(/\(unverified\)|[Vv]erified/);
    }
  });

  it('stores prices per one unit (e.g. $0.20 per million requests as 0.0000002)', () => {
    expect(catalog.prices['lambda.requests']?.tiers[0]?.usd).toBe(0.0000002);
    expect(catalog.prices['sfn.standard.state-transitions']?.tiers[0]?.usd).toBe(0.000025);
    expect(catalog.prices['cloudtrail.management-events.additional']?.tiers[0]?.usd).toBe(0.00002);
    expect(catalog.prices['xray.traces-recorded']?.tiers[0]?.usd).toBe(0.000005);
    expect(catalog.prices['glue.etl.dpu-hour']?.tiers[0]?.usd).toBe(0.44);
  });
});
