// biome-ignore-all lint/suspicious/noTemplateCurlyInString: CloudFormation Fn::Sub strings, not JavaScript templates.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readInventory } from './index.ts';
import { referencedLogicalIds } from './intrinsics.ts';
import { InventoryError } from './inventory-error.ts';
import { readTemplateFile } from './template-file.ts';
import type { InventoryResource, InventoryStack } from './types.ts';

const FIXTURES = path.join(import.meta.dirname, 'fixtures');
const fixture = (name: string): string => path.join(FIXTURES, name);

const KNOWN = { region: 'eu-west-1', account: '123456789012', stackName: 'launchpad-dev-ingestion' };

function onlyStack(file: string, options?: Parameters<typeof readTemplateFile>[1]): InventoryStack {
  const inventory = readTemplateFile(file, options);
  expect(inventory.source).toBe(path.resolve(file));
  expect(inventory.stacks).toHaveLength(1);
  return inventory.stacks[0] as InventoryStack;
}

function resource(stack: InventoryStack, logicalId: string): InventoryResource {
  const found = stack.resources.find((r) => r.logicalId === logicalId);
  if (!found) throw new Error(`no resource ${logicalId} in ${stack.id}`);
  return found;
}

describe('a hand-written YAML template with every short tag', () => {
  const stack = onlyStack(fixture('kitchen-sink.yaml'), KNOWN);

  it('describes the stack from the file and the options', () => {
    expect(stack).toMatchObject({
      id: 'kitchen-sink',
      stackName: 'launchpad-dev-ingestion',
      region: 'eu-west-1',
      account: '123456789012',
      templateFile: fixture('kitchen-sink.yaml'),
      description: 'An ingestion stack written with every short intrinsic tag CloudFormation has.',
    });
    expect(stack.environment).toBeUndefined();
    expect(stack.phase).toBeUndefined();
    expect(stack.resources.map((r) => r.logicalId)).toEqual([
      'Stream',
      'RawBucket',
      'Vpc',
      'Subnet',
      'HandlerRole',
      'Handler',
      'Alerts',
      'Queue',
      'Bastion',
    ]);
  });

  it('types parameter values from their Defaults', () => {
    expect(stack.parameters.Environment).toEqual({ type: 'String', value: 'dev' });
    expect(stack.parameters.ShardCount?.value).toBe(2);
    expect(stack.parameters.Prefixes?.value).toEqual(['raw', 'clean', 'curated']);
    expect(stack.parameters.SharedKeyExport?.value).toBeUndefined();
    expect(stack.parameters.LatestAmi).toEqual({ type: 'AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>' });
  });

  it('resolves Sub, If with conditions, Join, Select and pseudo parameters', () => {
    const streamProperties = resource(stack, 'Stream').properties;
    expect(streamProperties.Name).toBe('launchpad-dev-ingestion-dev-events');
    expect(streamProperties.ShardCount).toBe(2); // ProdOrManyShards: ShardCount 2 is not 1
    expect(streamProperties.RetentionPeriodHours).toBe(24);
    // HasSharedKey depends on a parameter without a value: both branches stay.
    expect(streamProperties.StreamEncryption).toEqual({
      'Fn::If': [
        'HasSharedKey',
        { EncryptionType: 'KMS', KeyId: { 'Fn::ImportValue': { 'Fn::Sub': '${SharedKeyExport}-arn' } } },
        { Ref: 'AWS::NoValue' },
      ],
    });
    expect(resource(stack, 'RawBucket').properties.BucketName).toBe('launchpad-dev-raw-123456789012');
    expect(resource(stack, 'Vpc').properties.CidrBlock).toBe('10.0.0.0/16');
    const role = resource(stack, 'HandlerRole').properties;
    expect(role.ManagedPolicyArns).toEqual([
      'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole',
    ]);
    expect(JSON.stringify(role.AssumeRolePolicyDocument)).toContain('"Service":"lambda.amazonaws.com"');
  });

  it('resolves Sub with a variables map, Split, FindInMap, and drops AWS::NoValue branches', () => {
    const handler = resource(stack, 'Handler');
    expect(handler.properties.FunctionName).toBe('launchpad-eu-west-1-handler');
    expect(handler.properties.MemorySize).toBe(256);
    expect(handler.properties.Role).toEqual({ 'Fn::GetAtt': ['HandlerRole', 'Arn'] });
    expect(handler.properties.Environment).toEqual({
      Variables: {
        STREAM_ARN: { 'Fn::GetAtt': ['Stream', 'Arn'] },
        BUCKET: { Ref: 'RawBucket' },
        LOG_LEVEL: 'DEBUG',
        // TOPIC is only set in prod.
        QUEUE_URL: { 'Fn::Sub': 'https://sqs.eu-west-1.amazonaws.com/123456789012/${Queue.QueueName}' },
        SHARDS: 'many',
      },
    });
    expect(handler.dependsOn).toEqual(['Stream']);
    expect(resource(stack, 'Queue').dependsOn).toEqual(['Stream', 'HandlerRole']);
  });

  it('keeps GetAZs, Cidr, GetAtt, ImportValue and SSM parameters, and encodes Base64', () => {
    expect(resource(stack, 'Subnet').properties).toEqual({
      VpcId: { Ref: 'Vpc' },
      AvailabilityZone: { 'Fn::Select': [0, { 'Fn::GetAZs': '' }] },
      CidrBlock: { 'Fn::Select': [0, { 'Fn::Cidr': [{ 'Fn::GetAtt': ['Vpc', 'CidrBlock'] }, 4, 8] }] },
    });
    const bastion = resource(stack, 'Bastion').properties;
    expect(bastion.ImageId).toEqual({ Ref: 'LatestAmi' });
    expect(Buffer.from(String(bastion.UserData), 'base64').toString('utf8')).toBe(
      '#!/bin/bash\ndnf install -y python3\n',
    );
  });

  it('evaluates resource conditions where it can', () => {
    expect(resource(stack, 'Alerts')).toMatchObject({
      condition: 'IsProd',
      conditionMet: false,
      properties: {},
    });
    expect(resource(stack, 'Bastion').condition).toBe('HasSharedKey');
    expect(resource(stack, 'Bastion').conditionMet).toBeUndefined();
    expect(resource(stack, 'Stream').condition).toBeUndefined();
  });

  it('takes the phase from the phase tag', () => {
    expect(resource(stack, 'Stream').phase).toBe('ingestion');
    expect(resource(stack, 'RawBucket').phase).toBe('foundation');
    expect(resource(stack, 'Vpc').phase).toBeUndefined();
    expect(resource(stack, 'Vpc').constructPath).toBeUndefined();
  });

  it('resolves outputs', () => {
    expect(stack.outputs).toEqual({
      StreamArn: { value: { 'Fn::GetAtt': ['Stream', 'Arn'] }, description: 'ARN of the event stream' },
      BucketName: { value: { Ref: 'RawBucket' } },
      StreamsEndpoint: {
        value: 'https://kinesis.eu-west-1.amazonaws.com',
        description: 'Kinesis endpoint of the region',
      },
      Encoded: { value: Buffer.from('launchpad').toString('base64') },
    });
  });

  it('gives the diagram its edges', () => {
    const handler = resource(stack, 'Handler');
    expect(referencedLogicalIds(handler.properties, { parameters: stack.parameters })).toEqual([
      'HandlerRole',
      'Stream',
      'RawBucket',
      'Queue',
    ]);
  });

  it('uses given parameter values, and leaves what nothing tells it', () => {
    const prod = onlyStack(fixture('kitchen-sink.yaml'), {
      parameters: { Environment: 'prod', SharedKeyExport: 'shared-key' },
    });
    expect(prod.stackName).toBe('kitchen-sink');
    expect(prod.region).toBeUndefined();
    const stream = resource(prod, 'Stream').properties;
    expect(stream.Name).toEqual({ 'Fn::Sub': '${AWS::StackName}-prod-events' });
    expect(stream.RetentionPeriodHours).toBe(168);
    expect(stream.StreamEncryption).toEqual({
      EncryptionType: 'KMS',
      KeyId: { 'Fn::ImportValue': 'shared-key-arn' },
    });
    const handler = resource(prod, 'Handler').properties as {
      MemorySize: unknown;
      Environment: { Variables: Record<string, unknown> };
    };
    expect(handler.MemorySize).toBe(1024);
    expect(handler.Environment.Variables.TOPIC).toEqual({
      'Fn::Sub': [
        'arn:${AWS::Partition}:sns:${AWS::Region}:${AWS::AccountId}:${Topic}-${!Literal}',
        { Topic: { 'Fn::GetAtt': ['Alerts', 'TopicName'] } },
      ],
    });
    expect(resource(prod, 'Alerts').conditionMet).toBe(true);
    expect(resource(prod, 'Bastion').conditionMet).toBe(true);
    expect(prod.outputs.StreamsEndpoint?.value).toEqual({
      'Fn::Sub': 'https://kinesis.${AWS::Region}.${AWS::URLSuffix}',
    });
  });
});

describe('readInventory', () => {
  it('reads a file as a template, with the options', () => {
    expect(readInventory(fixture('kitchen-sink.yaml'), KNOWN)).toEqual(
      readTemplateFile(fixture('kitchen-sink.yaml'), KNOWN),
    );
  });
});

describe('the same template in JSON', () => {
  it('produces an equal inventory', () => {
    const fromYaml = onlyStack(fixture('kitchen-sink.yaml'), KNOWN);
    const fromJson = onlyStack(fixture('kitchen-sink.json'), KNOWN);
    expect(fromJson.templateFile).toBe(fixture('kitchen-sink.json'));
    expect({ ...fromJson, templateFile: '' }).toEqual({ ...fromYaml, templateFile: '' });
  });
});

describe('a SAM template', () => {
  const stack = onlyStack(fixture('sam-app.yaml'), { region: 'us-east-1' });

  it('is read as written: serverless types stay, nothing is expanded', () => {
    expect(stack.resources.map((r) => [r.logicalId, r.type])).toEqual([
      ['IngestFunction', 'AWS::Serverless::Function'],
      ['EventStream', 'AWS::Kinesis::Stream'],
      ['LandingBucket', 'AWS::S3::Bucket'],
      ['RunsTable', 'AWS::Serverless::SimpleTable'],
    ]);
    expect(resource(stack, 'LandingBucket').properties).toEqual({});
  });

  it('resolves the function properties and reads the phase from a map of tags', () => {
    const fn = resource(stack, 'IngestFunction');
    expect(fn.properties.FunctionName).toBe('ingest-dev');
    expect(fn.phase).toBe('ingestion');
    expect(referencedLogicalIds(fn.properties)).toEqual(['LandingBucket', 'RunsTable', 'EventStream']);
    expect(stack.outputs.ApiUrl?.value).toEqual({
      'Fn::Sub': 'https://${ServerlessRestApi}.execute-api.us-east-1.amazonaws.com/Prod/events',
    });
  });
});

describe('errors', () => {
  it('names a missing file', () => {
    const error = catchError(() => readTemplateFile(fixture('nope.yaml')));
    expect(error.message).toBe(
      `${fixture('nope.yaml')}: no such template file.\n  Check the path: a template is a CloudFormation JSON or YAML file.`,
    );
  });

  it('refuses a directory and points to the assembly reader', () => {
    expect(() => readTemplateFile(FIXTURES)).toThrow(
      /this is a directory, not a template file\.\n.*readAssembly/,
    );
  });

  it('gives the line and column of invalid JSON', () => {
    const file = fixture('errors/invalid-json.template');
    const error = catchError(() => readTemplateFile(file));
    expect(error).toMatchObject({ file, line: 5, column: 7 });
    expect(error.message).toMatch(
      /invalid-json\.template:5:7: invalid JSON: comma expected\.\n {2}Fix the syntax there/,
    );
  });

  it('gives the line and column of invalid YAML', () => {
    const file = fixture('errors/invalid-yaml.template');
    const error = catchError(() => readTemplateFile(file));
    expect(error.file).toBe(file);
    expect(error.line).toBeGreaterThanOrEqual(5);
    expect(error.message).toMatch(
      /invalid-yaml\.template:\d+:\d+: invalid YAML: .+\.\n {2}Fix the syntax there/,
    );
  });

  it('says a template needs a Resources map', () => {
    expect(() => readTemplateFile(fixture('errors/no-resources.yaml'))).toThrow(
      /no-resources\.yaml: not a CloudFormation template: it needs a "Resources" map \(there is none\)\.\n {2}Add a "Resources" section/,
    );
  });

  it('names an unknown YAML tag and where it is', () => {
    const error = catchError(() => readTemplateFile(fixture('errors/unknown-tag.yaml')));
    expect(error).toMatchObject({ line: 7, column: 18 });
    expect(error.message).toMatch(
      /unknown-tag\.yaml:7:18: unknown YAML tag !GetAttr\.\n {2}CloudFormation's short forms are !Ref, !Condition, !Base64/,
    );
  });

  it('names a resource without a Type', () => {
    expect(() => readTemplateFile(fixture('errors/resource-without-type.yaml'))).toThrow(
      /resource-without-type\.yaml: resource "Bucket" has no Type\./,
    );
  });

  it('says an empty file is empty', () => {
    expect(() => readTemplateFile(fixture('errors/empty.yaml'))).toThrow(/empty\.yaml: the file is empty\./);
  });
});

function catchError(action: () => unknown): InventoryError {
  try {
    action();
  } catch (error) {
    if (error instanceof InventoryError) return error;
    throw error;
  }
  throw new Error('expected an InventoryError');
}
