import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { loadEnvironmentConfig } from '../../lib/config/load-config.ts';
import { resourcesOfType, stackOf } from '../../test/assembly.ts';
import { actionsOf, policyDocuments, type Statement } from '../../test/iam.ts';
import { variantDir, variantStackOf, variantStacks } from '../../test/variant-app.ts';
import { readFindings } from '../nag/validation-findings.ts';

const stack = () => stackOf('dev', 'ingestion');

/** Identity statements of the role of the function with this name. */
function functionStatements(functionName: string): Statement[] {
  const fn = resourcesOfType(stack(), 'AWS::Lambda::Function').find(
    ([, r]) => r.Properties?.FunctionName === functionName,
  );
  if (!fn) throw new Error(`no function ${functionName}`);
  return statementsOfRole(JSON.stringify(fn[1].Properties?.Role ?? {}));
}

/** Identity statements of the role a resource points at (`roleRef`: its Role property, as JSON). */
function statementsOfRole(roleRef: string): Statement[] {
  const s = stack();
  const roleId = roleRef.match(/"Fn::GetAtt":\["(\w+)"/)?.[1];
  return resourcesOfType(s, 'AWS::IAM::Policy')
    .filter(([, p]) => JSON.stringify(p.Properties?.Roles).includes(`"${roleId}"`))
    .flatMap(
      ([, p]) => (p.Properties?.PolicyDocument as { Statement?: Statement[] } | undefined)?.Statement ?? [],
    );
}

describe('the ingestion stack (dev)', () => {
  const config = loadEnvironmentConfig('dev');

  it('streams through an encrypted Kinesis stream sized by config', () => {
    stack().assertions.hasResourceProperties('AWS::Kinesis::Stream', {
      Name: 'launchpad-dev-rides',
      ShardCount: config.costlyServices.kinesisProvisionedShards,
      StreamModeDetails: { StreamMode: 'PROVISIONED' },
      StreamEncryption: { EncryptionType: 'KMS', KeyId: 'alias/aws/kinesis' },
      RetentionPeriodHours: 24,
    });
  });

  it('lands the stream in raw with Firehose, partitioned by event time, compressed, errors apart, logged', () => {
    stack().assertions.hasResourceProperties('AWS::KinesisFirehose::DeliveryStream', {
      DeliveryStreamType: 'KinesisStreamAsSource',
      ExtendedS3DestinationConfiguration: Match.objectLike({
        Prefix:
          'stream/rides/year=!{partitionKeyFromQuery:year}/month=!{partitionKeyFromQuery:month}/day=!{partitionKeyFromQuery:day}/hour=!{partitionKeyFromQuery:hour}/',
        ErrorOutputPrefix: Match.stringLikeRegexp('^stream/errors/'),
        CompressionFormat: 'GZIP',
        DynamicPartitioningConfiguration: { Enabled: true, RetryOptions: { DurationInSeconds: 300 } },
        CloudWatchLoggingOptions: Match.objectLike({ Enabled: true }),
      }),
    });
  });

  it('flushes Firehose every 60 s, and alarms on freshness only after the buffer and every retry', () => {
    const [[, firehose] = []] = resourcesOfType(stack(), 'AWS::KinesisFirehose::DeliveryStream');
    const destination = firehose?.Properties?.ExtendedS3DestinationConfiguration as any;
    expect(destination.BufferingHints).toEqual({ IntervalInSeconds: 60, SizeInMBs: 64 });
    const waits =
      destination.BufferingHints.IntervalInSeconds +
      destination.DynamicPartitioningConfiguration.RetryOptions.DurationInSeconds;
    const [[, alarm] = []] = resourcesOfType(
      stackOf('dev', 'orchestration'),
      'AWS::CloudWatch::Alarm',
    ).filter(([, a]) => a.Properties?.AlarmName === 'launchpad-dev-firehose-freshness');
    expect(alarm?.Properties?.Threshold).toBeGreaterThan(waits);
  });

  it('lets the API function put to its stream and do nothing else', () => {
    const statements = functionStatements('launchpad-dev-api-ingest');
    const actions = statements.flatMap(actionsOf).sort();
    expect(actions).toEqual([
      'kinesis:PutRecord',
      'kinesis:PutRecords',
      'logs:CreateLogStream',
      'logs:PutLogEvents',
    ]);
    const kinesis = statements.find((s) => actionsOf(s).includes('kinesis:PutRecord'));
    expect(JSON.stringify(kinesis?.Resource)).toMatch(/"Fn::GetAtt":\["Stream[0-9A-F]+","Arn"\]/);
  });

  it('validates the API body against the RideEvent model and requires an API key with a capped usage plan', () => {
    const s = stack();
    s.assertions.hasResourceProperties('AWS::ApiGateway::Method', {
      HttpMethod: 'POST',
      ApiKeyRequired: true,
      RequestModels: { 'application/json': Match.anyValue() },
    });
    s.assertions.hasResourceProperties('AWS::ApiGateway::RequestValidator', { ValidateRequestBody: true });
    s.assertions.hasResourceProperties('AWS::ApiGateway::Model', {
      Schema: Match.objectLike({
        $schema: 'http://json-schema.org/draft-04/schema#',
        required: Match.arrayWith(['event_id', 'ride_id']),
      }),
    });
    s.assertions.hasResourceProperties('AWS::ApiGateway::UsagePlan', {
      Throttle: { RateLimit: config.ingestion.apiRateLimit, BurstLimit: config.ingestion.apiBurstLimit },
      Quota: { Limit: config.ingestion.apiMonthlyQuota, Period: 'MONTH' },
    });
    s.assertions.hasResourceProperties('AWS::ApiGateway::Stage', {
      StageName: 'dev',
      AccessLogSetting: Match.objectLike({ DestinationArn: Match.anyValue() }),
    });
  });

  it('runs the validator on files uploaded to raw, through EventBridge, under uploads/ only', () => {
    stack().assertions.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: {
        source: ['aws.s3'],
        'detail-type': ['Object Created'],
        detail: {
          bucket: { name: [{ 'Fn::Join': ['', ['launchpad-dev-raw-', { Ref: 'AWS::AccountId' }]] }] },
          object: { key: [{ prefix: 'uploads/' }] },
        },
      },
    });
    const statements = functionStatements('launchpad-dev-s3-validator');
    const s3 = statements.filter((s) => actionsOf(s).some((a) => a.startsWith('s3:')));
    expect(
      s3.map((s) => [
        actionsOf(s).sort(),
        JSON.stringify(s.Resource).match(/\/(uploads|quarantine)\/\*/)?.[1],
      ]),
    ).toEqual([
      [['s3:DeleteObject', 's3:DeleteObjectVersion', 's3:GetObject', 's3:GetObjectVersion'], 'uploads'],
      [['s3:PutObject'], 'quarantine'],
    ]);
  });

  it('reads the stream in batches with partial failures, bisection, bounded retries and a dead-letter queue', () => {
    stack().assertions.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      BatchSize: 100,
      BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: 2,
      MaximumRecordAgeInSeconds: 3600,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      StartingPosition: 'LATEST',
      DestinationConfig: { OnFailure: { Destination: Match.anyValue() } },
    });
    stack().assertions.hasResourceProperties('AWS::SQS::Queue', {
      QueueName: 'launchpad-dev-stream-consumer-failures',
      SqsManagedSseEnabled: true,
    });
  });

  it('crawls the raw zone into its own database: new folders only, schema changes logged, no schedule in dev', () => {
    stack().assertions.hasResourceProperties('AWS::Glue::Crawler', {
      Name: 'launchpad-dev-raw-crawler',
      DatabaseName: 'launchpad_dev_raw',
      RecrawlPolicy: { RecrawlBehavior: 'CRAWL_NEW_FOLDERS_ONLY' },
      SchemaChangePolicy: { UpdateBehavior: 'LOG', DeleteBehavior: 'LOG' },
      Schedule: Match.absent(),
    });
    stack().assertions.hasResourceProperties('AWS::Glue::Database', {
      DatabaseInput: { Name: 'launchpad_dev_raw', Description: Match.anyValue() },
    });
  });

  it('gives the crawler a role of its own: it reads the raw ride folders and keeps the raw database only', () => {
    const [[, crawler] = []] = resourcesOfType(stack(), 'AWS::Glue::Crawler');
    const statements = statementsOfRole(JSON.stringify(crawler?.Properties?.Role));
    const text = JSON.stringify(statements);
    const s3 = statements.filter((s) => actionsOf(s).some((a) => a.startsWith('s3:')));
    expect(s3.flatMap(actionsOf).every((a) => a.startsWith('s3:Get') || a.startsWith('s3:List'))).toBe(true);
    const folders = [...JSON.stringify(s3.map((s) => s.Resource)).matchAll(/"\/([\w/]*)\*"/g)].map(
      (m) => m[1],
    );
    expect([...new Set(folders)].sort()).toEqual(['stream/rides/', 'uploads/rides/']);
    expect([...new Set([...text.matchAll(/:(?:database|table)\/(\w+)/g)].map((m) => m[1]))]).toEqual([
      'launchpad_dev_raw',
    ]);
    expect(text).not.toMatch(/clean|curated|audit/);
  });

  it('keeps every function’s logs for the configured days', () => {
    for (const [, group] of resourcesOfType(stack(), 'AWS::Logs::LogGroup')) {
      expect(group.Properties?.RetentionInDays).toBe(config.logRetentionDays);
    }
  });

  it('has no DMS unless switched on', () => {
    expect(resourcesOfType(stack(), 'AWS::DMS::ReplicationInstance')).toEqual([]);
    expect(policyDocuments(stack()).length).toBeGreaterThan(3);
  });
});

describe('DMS, when switched on', () => {
  it('replicates the configured MySQL tables into raw as Parquet with the smallest instance', () => {
    const template = variantStackOf('costly-ingestion-everywhere', 'dev', 'ingestion').assertions;
    template.hasResourceProperties('AWS::DMS::ReplicationInstance', {
      ReplicationInstanceClass: 'dms.t3.micro',
      MultiAZ: false,
    });
    template.hasResourceProperties('AWS::DMS::Endpoint', {
      EndpointType: 'target',
      EngineName: 's3',
      S3Settings: Match.objectLike({
        DataFormat: 'parquet',
        DatePartitionEnabled: true,
        BucketFolder: 'dms/rfam',
      }),
    });
    template.hasResourceProperties('AWS::DMS::Endpoint', {
      EndpointType: 'source',
      EngineName: 'mysql',
      DatabaseName: 'Rfam',
    });
    // The default source is read-only without binlog access: a CDC task would fail, so it loads once.
    template.hasResourceProperties('AWS::DMS::ReplicationTask', { MigrationType: 'full-load' });
    template.resourceCountIs('AWS::EC2::NatGateway', 0);
  });

  it('keeps replicating changes (CDC) only when the config says the source allows it', () => {
    variantStackOf('all-switches-on', 'dev', 'ingestion').assertions.hasResourceProperties(
      'AWS::DMS::ReplicationTask',
      { MigrationType: 'full-load-and-cdc' },
    );
  });
});

describe('phases 2 and 3 in every environment', () => {
  it.each(['dev', 'stage', 'prod'])(
    '%s synthesizes them with every costly switch on, with no cdk-nag finding',
    (environment) => {
      const variant = 'costly-ingestion-everywhere';
      const findings = readFindings(variantDir(variant));
      expect(findings.filter((f) => f.constructPath.startsWith(`${environment}/`))).toEqual([]);
      const stacks = variantStacks(variant).filter((s) => s.environment === environment);
      expect(stacks.map((s) => s.path).sort()).toEqual([
        `${environment}/foundation`,
        `${environment}/ingestion`,
        `${environment}/processing`,
      ]);
      const ingestion = variantStackOf(variant, environment, 'ingestion');
      expect(resourcesOfType(ingestion, 'AWS::DMS::ReplicationTask')).toHaveLength(1);
      const [[, stream] = []] = resourcesOfType(ingestion, 'AWS::Kinesis::Stream');
      expect(stream?.Properties?.StreamModeDetails).toEqual({ StreamMode: 'ON_DEMAND' });
    },
  );
});
