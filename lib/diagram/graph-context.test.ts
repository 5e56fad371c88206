// biome-ignore-all lint/suspicious/noTemplateCurlyInString: CloudFormation Fn::Sub strings, not JavaScript templates.
import { describe, expect, it } from 'vitest';
import type { InventoryResource, InventoryStack } from '../assembly/types.ts';
import { GraphContext, looseText, symbolicText, valuesAt } from './graph-context.ts';
import { isProviderPath } from './ownership.ts';

function stack(
  resources: Record<string, [string, Record<string, unknown>]>,
  facts: Partial<InventoryStack> = {},
): InventoryStack {
  return {
    id: 'dev/ingestion',
    stackName: 'launchpad-dev-ingestion',
    environment: 'dev',
    phase: 'ingestion',
    templateFile: '/nowhere.json',
    parameters: {},
    outputs: {},
    ...facts,
    resources: Object.entries(resources).map(
      ([logicalId, [type, properties]]): InventoryResource => ({
        logicalId,
        type,
        properties,
        dependsOn: [],
      }),
    ),
  };
}

const ACCOUNT = { Ref: 'AWS::AccountId' };

describe('symbolicText', () => {
  const s = stack({});
  it('writes strings, joins and subs with unknown pseudo parameters as symbols', () => {
    expect(symbolicText({ 'Fn::Join': ['-', ['a', ACCOUNT]] }, s)).toBe('a-\u0001AccountId\u0001');
    expect(symbolicText({ 'Fn::Sub': 'x-${AWS::Region}-${!Literal}' }, s)).toBe(
      'x-\u0001Region\u0001-${Literal}',
    );
    expect(symbolicText({ 'Fn::Sub': ['${A}/${B}', { A: 'one', B: ACCOUNT }] }, s)).toBe(
      'one/\u0001AccountId\u0001',
    );
    expect(
      symbolicText({ 'Fn::Sub': 'arn:${AWS::Partition}:s3:::b' }, stack({}, { region: 'cn-north-1' })),
    ).toBe('arn:aws-cn:s3:::b');
  });

  it('gives nothing for references to resources or imports', () => {
    expect(symbolicText({ Ref: 'Bucket' }, s)).toBeUndefined();
    expect(symbolicText({ 'Fn::Join': ['', ['s3://', { Ref: 'Bucket' }]] }, s)).toBeUndefined();
    expect(symbolicText({ 'Fn::Sub': '${Bucket.Arn}/*' }, s)).toBeUndefined();
    expect(symbolicText({ 'Fn::ImportValue': 'x' }, s)).toBeUndefined();
  });
});

describe('looseText and valuesAt', () => {
  it('writes what is not text as *', () => {
    expect(looseText({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':apigateway']] })).toBe(
      'arn:*:apigateway',
    );
    expect(looseText({ 'Fn::Sub': 'arn:${AWS::Partition}:x:${!y}' })).toBe('arn:*:x:${!y}');
  });

  it('walks property paths through lists', () => {
    const value = { Targets: { S3Targets: [{ Path: 'a' }, { Path: 'b' }, {}] } };
    expect(valuesAt(value, 'Targets.S3Targets[].Path')).toEqual(['a', 'b']);
    expect(valuesAt(value, 'Targets.Nothing[].Path')).toEqual([]);
  });
});

describe('GraphContext', () => {
  const s = stack(
    {
      Raw: ['AWS::S3::Bucket', { BucketName: { 'Fn::Join': ['', ['raw-', ACCOUNT]] } }],
      Events: ['AWS::Kinesis::Stream', { Name: 'events' }],
      Table: ['AWS::DynamoDB::Table', { TableName: 'profiles' }],
      Logs: ['AWS::Logs::LogGroup', { LogGroupName: '/app/logs' }],
      Fn: [
        'AWS::Lambda::Function',
        { Environment: { Variables: { B: { Ref: 'Raw' }, P: { Ref: 'Param' } } } },
      ],
    },
    { parameters: { Param: { type: 'String', value: undefined } } },
  );
  const ctx = new GraphContext([s]);
  const res = (id: string) => ctx.resources.find((r) => r.logicalId === id);
  const ids = (list: readonly { logicalId: string }[]) => list.map((r) => r.logicalId);

  it('finds references, leaving parameters out', () => {
    expect(ids(ctx.allRefs(res('Fn') as never))).toEqual(['Raw']);
  });

  it('matches ARN patterns loosely where partition, region or account are unknown', () => {
    expect(ids(ctx.byArn('arn:aws:s3:::raw-*/*'))).toEqual(['Raw']);
    expect(ids(ctx.byArn('arn:aws:s3:::raw-123456789012/x'))).toEqual(['Raw']);
    expect(ids(ctx.byArn('arn:aws:kinesis:eu-west-1:123456789012:stream/events'))).toEqual(['Events']);
    expect(ids(ctx.byArn('arn:aws:kinesis:*:*:stream/event?'))).toEqual(['Events']);
    expect(ids(ctx.byArn('arn:aws:dynamodb:*:*:table/profiles/stream/*'))).toEqual(['Table']);
    expect(ids(ctx.byArn('arn:aws:logs:*:*:log-group:/app/logs:*'))).toEqual(['Logs']);
    expect(ids(ctx.byArn('arn:aws:s3:::*'))).toEqual([]);
    expect(ids(ctx.byArn('arn:aws:kinesis:*:*:*'))).toEqual([]);
    expect(ids(ctx.byArn('arn:aws:kinesis:*:*:stream/other'))).toEqual([]);
  });

  it('names buckets by s3:// URL, ARN, name and reference', () => {
    const fn = res('Fn') as never;
    expect(ids(ctx.buckets(fn, { 'Fn::Sub': 's3://raw-${AWS::AccountId}/in/' }))).toEqual(['Raw']);
    expect(ids(ctx.buckets(fn, { 'Fn::Join': ['', ['arn:aws:s3:::raw-', ACCOUNT]] }))).toEqual(['Raw']);
    expect(ids(ctx.buckets(fn, { Ref: 'Raw' }))).toEqual(['Raw']);
    expect(ids(ctx.buckets(fn, 's3://elsewhere/x'))).toEqual([]);
  });
});

describe('isProviderPath', () => {
  it('knows CDK provider constructs', () => {
    expect(isProviderPath('dev/foundation/Custom::S3AutoDeleteObjectsCustomResourceProvider/Handler')).toBe(
      true,
    );
    expect(isProviderPath('dev/ingestion/SeedProvider/framework-onEvent/Resource')).toBe(true);
    expect(isProviderPath('dev/ingestion/Provider/waiter-state-machine/Resource')).toBe(true);
    expect(isProviderPath('dev/ingestion/Provider/Handler')).toBe(false);
    expect(isProviderPath('dev/ingestion/Collector/Resource')).toBe(false);
    expect(isProviderPath(undefined)).toBe(false);
  });
});
