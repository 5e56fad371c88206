// biome-ignore-all lint/suspicious/noTemplateCurlyInString: CloudFormation Fn::Sub strings, not JavaScript templates.
import { describe, expect, it } from 'vitest';
import {
  evaluateCondition,
  parameterValue,
  partitionOf,
  type ResolveContext,
  referencedLogicalIds,
  resolveIntrinsics,
} from './intrinsics.ts';

const known: ResolveContext = {
  region: 'eu-west-1',
  account: '123456789012',
  stackName: 'launchpad-dev-ingestion',
};

describe('Ref', () => {
  it('resolves pseudo parameters that the context knows', () => {
    expect(resolveIntrinsics({ Ref: 'AWS::Region' }, known)).toBe('eu-west-1');
    expect(resolveIntrinsics({ Ref: 'AWS::AccountId' }, known)).toBe('123456789012');
    expect(resolveIntrinsics({ Ref: 'AWS::StackName' }, known)).toBe('launchpad-dev-ingestion');
    expect(resolveIntrinsics({ Ref: 'AWS::Partition' }, known)).toBe('aws');
    expect(resolveIntrinsics({ Ref: 'AWS::URLSuffix' }, known)).toBe('amazonaws.com');
  });

  it('leaves unknown pseudo parameters, and those never known offline, as they are', () => {
    for (const name of [
      'AWS::Region',
      'AWS::AccountId',
      'AWS::StackName',
      'AWS::Partition',
      'AWS::URLSuffix',
    ]) {
      expect(resolveIntrinsics({ Ref: name }, {})).toEqual({ Ref: name });
    }
    expect(resolveIntrinsics({ Ref: 'AWS::StackId' }, known)).toEqual({ Ref: 'AWS::StackId' });
    expect(resolveIntrinsics({ Ref: 'AWS::NotificationARNs' }, known)).toEqual({
      Ref: 'AWS::NotificationARNs',
    });
  });

  it('derives the partition and URL suffix from the region', () => {
    expect(partitionOf('us-east-1')).toBe('aws');
    expect(partitionOf('cn-north-1')).toBe('aws-cn');
    expect(partitionOf('us-gov-west-1')).toBe('aws-us-gov');
    expect(resolveIntrinsics({ Ref: 'AWS::Partition' }, { region: 'cn-northwest-1' })).toBe('aws-cn');
    expect(resolveIntrinsics({ Ref: 'AWS::URLSuffix' }, { region: 'cn-northwest-1' })).toBe(
      'amazonaws.com.cn',
    );
    expect(resolveIntrinsics({ Ref: 'AWS::Partition' }, { region: 'us-gov-east-1' })).toBe('aws-us-gov');
    expect(resolveIntrinsics({ Ref: 'AWS::Partition' }, { partition: 'aws-iso' })).toBe('aws-iso');
  });

  it('resolves parameters to their given value, else their Default, typed by the parameter type', () => {
    const context: ResolveContext = {
      parameters: { Environment: 'prod' },
      template: {
        Parameters: {
          Environment: { Type: 'String', Default: 'dev' },
          Shards: { Type: 'Number', Default: '4' },
          Prefixes: { Type: 'CommaDelimitedList', Default: 'raw, clean,curated' },
          Subnets: { Type: 'List<AWS::EC2::Subnet::Id>', Default: 'subnet-1,subnet-2' },
          Version: { Type: 'String', Default: 3 },
          NoDefault: { Type: 'String' },
          Ami: { Type: 'AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>', Default: '/aws/service/ami' },
        },
      },
    };
    expect(resolveIntrinsics({ Ref: 'Environment' }, context)).toBe('prod');
    expect(resolveIntrinsics({ Ref: 'Shards' }, context)).toBe(4);
    expect(resolveIntrinsics({ Ref: 'Prefixes' }, context)).toEqual(['raw', 'clean', 'curated']);
    expect(resolveIntrinsics({ Ref: 'Subnets' }, context)).toEqual(['subnet-1', 'subnet-2']);
    expect(resolveIntrinsics({ Ref: 'Version' }, context)).toBe('3');
    expect(resolveIntrinsics({ Ref: 'NoDefault' }, context)).toEqual({ Ref: 'NoDefault' });
    // An SSM parameter's Default is a Parameter Store key, not the value.
    expect(resolveIntrinsics({ Ref: 'Ami' }, context)).toEqual({ Ref: 'Ami' });
  });

  it('keeps Refs to resources and to names it does not know', () => {
    expect(resolveIntrinsics({ Ref: 'RawBucket' }, known)).toEqual({ Ref: 'RawBucket' });
  });

  it('returns unchanged subtrees as the same objects (no copy)', () => {
    const properties = {
      Tags: [{ Key: 'phase', Value: 'ingestion' }],
      Role: { 'Fn::GetAtt': ['Role', 'Arn'] },
    };
    expect(resolveIntrinsics(properties, known)).toBe(properties);
    const mixed = { Region: { Ref: 'AWS::Region' }, Untouched: { Nested: [1, 2] } };
    const resolved = resolveIntrinsics(mixed, known) as typeof mixed;
    expect(resolved).toEqual({ Region: 'eu-west-1', Untouched: { Nested: [1, 2] } });
    expect(resolved.Untouched).toBe(mixed.Untouched);
  });

  it('drops properties and list items that resolve to AWS::NoValue', () => {
    expect(resolveIntrinsics({ A: 1, B: { Ref: 'AWS::NoValue' } }, known)).toEqual({ A: 1 });
    expect(resolveIntrinsics(['a', { Ref: 'AWS::NoValue' }, 'b'], known)).toEqual(['a', 'b']);
    expect(resolveIntrinsics({ Ref: 'AWS::NoValue' }, known)).toBeUndefined();
  });
});

describe('Fn::Join', () => {
  it('joins when every part is known', () => {
    expect(resolveIntrinsics({ 'Fn::Join': ['-', ['launchpad', { Ref: 'AWS::Region' }, 7]] }, known)).toBe(
      'launchpad-eu-west-1-7',
    );
    expect(resolveIntrinsics({ 'Fn::Join': ['', []] }, known)).toBe('');
  });

  it('keeps the join with its known parts resolved otherwise', () => {
    expect(
      resolveIntrinsics(
        { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':s3:::', { Ref: 'Bucket' }]] },
        known,
      ),
    ).toEqual({ 'Fn::Join': ['', ['arn:', 'aws', ':s3:::', { Ref: 'Bucket' }]] });
  });

  it('joins a list that another function produced', () => {
    expect(resolveIntrinsics({ 'Fn::Join': ['/', { 'Fn::Split': [',', 'a,b,c'] }] }, known)).toBe('a/b/c');
  });
});

describe('Fn::Sub', () => {
  it('substitutes pseudo parameters and parameters in the string form', () => {
    const context: ResolveContext = {
      ...known,
      template: { Parameters: { Env: { Type: 'String', Default: 'dev' } } },
    };
    expect(resolveIntrinsics({ 'Fn::Sub': '${AWS::StackName}-${Env}-${AWS::Region}' }, context)).toBe(
      'launchpad-dev-ingestion-dev-eu-west-1',
    );
  });

  it('writes ${!Literal} as ${Literal}', () => {
    expect(resolveIntrinsics({ 'Fn::Sub': 'echo ${!HOME} in ${AWS::Region}' }, known)).toBe(
      'echo ${HOME} in eu-west-1',
    );
  });

  it('uses the variables map first, resolving its values', () => {
    expect(
      resolveIntrinsics(
        {
          'Fn::Sub': [
            '${Name}-${AWS::AccountId}',
            { Name: { 'Fn::Join': ['-', ['a', { Ref: 'AWS::Region' }]] } },
          ],
        },
        known,
      ),
    ).toBe('a-eu-west-1-123456789012');
  });

  it('keeps what it cannot substitute, with what it can written in and escapes kept', () => {
    expect(resolveIntrinsics({ 'Fn::Sub': 'arn:${AWS::Partition}:s3:::${Bucket}/${!Key}' }, known)).toEqual({
      'Fn::Sub': 'arn:aws:s3:::${Bucket}/${!Key}',
    });
    expect(resolveIntrinsics({ 'Fn::Sub': '${Queue.Arn}-${AWS::AccountId}' }, {})).toEqual({
      'Fn::Sub': '${Queue.Arn}-${AWS::AccountId}',
    });
    expect(
      resolveIntrinsics(
        {
          'Fn::Sub': [
            '${Topic}:${Region}:${AWS::AccountId}',
            { Topic: { Ref: 'Alerts' }, Region: { Ref: 'AWS::Region' } },
          ],
        },
        {},
      ),
    ).toEqual({
      'Fn::Sub': [
        '${Topic}:${Region}:${AWS::AccountId}',
        { Topic: { Ref: 'Alerts' }, Region: { Ref: 'AWS::Region' } },
      ],
    });
    expect(
      resolveIntrinsics(
        {
          'Fn::Sub': [
            '${Topic}:${Region}:${AWS::AccountId}',
            { Topic: { Ref: 'Alerts' }, Region: { Ref: 'AWS::Region' } },
          ],
        },
        { region: 'us-east-1' },
      ),
    ).toEqual({ 'Fn::Sub': ['${Topic}:us-east-1:${AWS::AccountId}', { Topic: { Ref: 'Alerts' } }] });
  });

  it('escapes a substituted value that looks like a variable while the Sub stays', () => {
    const context: ResolveContext = { parameters: { Template: 'x-${Y}' } };
    expect(resolveIntrinsics({ 'Fn::Sub': '${Template}/${Bucket}' }, context)).toEqual({
      'Fn::Sub': 'x-${!Y}/${Bucket}',
    });
    expect(resolveIntrinsics({ 'Fn::Sub': '${Template}' }, context)).toBe('x-${Y}');
  });

  it('treats an unclosed ${ as text', () => {
    expect(resolveIntrinsics({ 'Fn::Sub': 'cost is ${ 5' }, known)).toBe('cost is ${ 5');
  });
});

describe('Fn::Select and Fn::Split', () => {
  it('selects from a known list, even one whose other items are unknown', () => {
    expect(resolveIntrinsics({ 'Fn::Select': [1, ['a', 'b', 'c']] }, known)).toBe('b');
    expect(resolveIntrinsics({ 'Fn::Select': ['0', [{ Ref: 'Bucket' }, 'b']] }, known)).toEqual({
      Ref: 'Bucket',
    });
  });

  it('keeps a selection from an unknown list or out of range', () => {
    expect(resolveIntrinsics({ 'Fn::Select': [0, { 'Fn::GetAZs': '' }] }, known)).toEqual({
      'Fn::Select': [0, { 'Fn::GetAZs': '' }],
    });
    expect(resolveIntrinsics({ 'Fn::Select': [5, ['a']] }, known)).toEqual({ 'Fn::Select': [5, ['a']] });
  });

  it('splits a known string, and nests', () => {
    expect(resolveIntrinsics({ 'Fn::Split': ['/', 'data/launchpad/raw'] }, known)).toEqual([
      'data',
      'launchpad',
      'raw',
    ]);
    expect(
      resolveIntrinsics(
        { 'Fn::Select': [2, { 'Fn::Split': ['-', { 'Fn::Sub': 'a-b-${AWS::Region}' }] }] },
        known,
      ),
    ).toBe('eu');
    expect(resolveIntrinsics({ 'Fn::Split': [',', { Ref: 'Ids' }] }, known)).toEqual({
      'Fn::Split': [',', { Ref: 'Ids' }],
    });
  });
});

describe('Fn::FindInMap', () => {
  const context: ResolveContext = {
    ...known,
    template: {
      Parameters: { Env: { Type: 'String', Default: 'prod' } },
      Mappings: { Sizes: { dev: { Memory: 256 }, prod: { Memory: 1024, Tiers: ['a', 'b'] } } },
    },
  };

  it('looks up known keys, including keys from Refs', () => {
    expect(resolveIntrinsics({ 'Fn::FindInMap': ['Sizes', { Ref: 'Env' }, 'Memory'] }, context)).toBe(1024);
    expect(resolveIntrinsics({ 'Fn::FindInMap': ['Sizes', 'prod', 'Tiers'] }, context)).toEqual(['a', 'b']);
  });

  it('uses DefaultValue for a missing key, and keeps the lookup when a key is unknown or missing', () => {
    expect(
      resolveIntrinsics({ 'Fn::FindInMap': ['Sizes', 'test', 'Memory', { DefaultValue: 128 }] }, context),
    ).toBe(128);
    expect(resolveIntrinsics({ 'Fn::FindInMap': ['Sizes', 'test', 'Memory'] }, context)).toEqual({
      'Fn::FindInMap': ['Sizes', 'test', 'Memory'],
    });
    expect(resolveIntrinsics({ 'Fn::FindInMap': ['Sizes', { Ref: 'Other' }, 'Memory'] }, context)).toEqual({
      'Fn::FindInMap': ['Sizes', { Ref: 'Other' }, 'Memory'],
    });
  });
});

describe('Fn::If and conditions', () => {
  const template = {
    Parameters: {
      Env: { Type: 'String', Default: 'prod' },
      Shards: { Type: 'Number', Default: 1 },
      KeyArn: { Type: 'String' },
    },
    Conditions: {
      IsProd: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] },
      IsDev: { 'Fn::Equals': ['dev', { Ref: 'Env' }] },
      OneShard: { 'Fn::Equals': [{ Ref: 'Shards' }, '1'] },
      NotDev: { 'Fn::Not': [{ Condition: 'IsDev' }] },
      ProdAndOneShard: { 'Fn::And': [{ Condition: 'IsProd' }, { Condition: 'OneShard' }] },
      DevOrOneShard: { 'Fn::Or': [{ Condition: 'IsDev' }, { Condition: 'OneShard' }] },
      HasKey: { 'Fn::Not': [{ 'Fn::Equals': [{ Ref: 'KeyArn' }, ''] }] },
      ProdOrHasKey: { 'Fn::Or': [{ Condition: 'IsProd' }, { Condition: 'HasKey' }] },
      DevAndHasKey: { 'Fn::And': [{ Condition: 'IsDev' }, { Condition: 'HasKey' }] },
      ProdAndHasKey: { 'Fn::And': [{ Condition: 'IsProd' }, { Condition: 'HasKey' }] },
      Loop: { 'Fn::Not': [{ Condition: 'Loop' }] },
    },
  };
  const context: ResolveContext = { template };

  it('evaluates Fn::Equals, Fn::Not, Fn::And, Fn::Or and Condition', () => {
    expect(evaluateCondition('IsProd', context)).toBe(true);
    expect(evaluateCondition('IsDev', context)).toBe(false);
    expect(evaluateCondition('OneShard', context)).toBe(true); // a Number parameter compares as its text
    expect(evaluateCondition('NotDev', context)).toBe(true);
    expect(evaluateCondition('ProdAndOneShard', context)).toBe(true);
    expect(evaluateCondition('DevOrOneShard', context)).toBe(true);
  });

  it('settles And/Or on one decisive operand and is unknown otherwise', () => {
    expect(evaluateCondition('HasKey', context)).toBeUndefined();
    expect(evaluateCondition('ProdOrHasKey', context)).toBe(true);
    expect(evaluateCondition('DevAndHasKey', context)).toBe(false);
    expect(evaluateCondition('ProdAndHasKey', context)).toBeUndefined();
    expect(evaluateCondition('Loop', context)).toBeUndefined();
    expect(evaluateCondition('Missing', context)).toBeUndefined();
    expect(evaluateCondition('HasKey', { template, parameters: { KeyArn: 'arn:aws:kms:key' } })).toBe(true);
  });

  it('takes the branch of a known condition and resolves only that one', () => {
    expect(
      resolveIntrinsics(
        { 'Fn::If': ['IsProd', { Ref: 'AWS::Region' }, 'never'] },
        { ...context, region: 'us-east-1' },
      ),
    ).toBe('us-east-1');
    expect(resolveIntrinsics({ 'Fn::If': ['IsDev', 1, { 'Fn::Join': ['', ['a', 'b']] }] }, context)).toBe(
      'ab',
    );
  });

  it('removes a property whose chosen branch is AWS::NoValue', () => {
    expect(
      resolveIntrinsics(
        { Name: 'x', Encryption: { 'Fn::If': ['IsDev', { Type: 'KMS' }, { Ref: 'AWS::NoValue' }] } },
        context,
      ),
    ).toEqual({ Name: 'x' });
  });

  it('keeps an unknown condition with both branches resolved, AWS::NoValue included', () => {
    expect(
      resolveIntrinsics(
        { 'Fn::If': ['HasKey', { 'Fn::Sub': '${AWS::Region}' }, { Ref: 'AWS::NoValue' }] },
        { ...context, region: 'eu-west-1' },
      ),
    ).toEqual({ 'Fn::If': ['HasKey', 'eu-west-1', { Ref: 'AWS::NoValue' }] });
  });
});

describe('Fn::Base64 and functions that stay', () => {
  it('encodes a known string', () => {
    expect(resolveIntrinsics({ 'Fn::Base64': 'launchpad' }, known)).toBe('bGF1bmNocGFk');
    expect(resolveIntrinsics({ 'Fn::Base64': { 'Fn::Sub': 'echo ${AWS::Region}' } }, known)).toBe(
      Buffer.from('echo eu-west-1').toString('base64'),
    );
    expect(resolveIntrinsics({ 'Fn::Base64': { 'Fn::Sub': 'echo ${Bucket}' } }, known)).toEqual({
      'Fn::Base64': { 'Fn::Sub': 'echo ${Bucket}' },
    });
  });

  it('keeps Fn::GetAtt, Fn::ImportValue, Fn::GetAZs and Fn::Cidr, resolving their arguments', () => {
    expect(resolveIntrinsics({ 'Fn::GetAtt': ['Stream', 'Arn'] }, known)).toEqual({
      'Fn::GetAtt': ['Stream', 'Arn'],
    });
    expect(resolveIntrinsics({ 'Fn::ImportValue': { 'Fn::Sub': '${AWS::StackName}-key' } }, known)).toEqual({
      'Fn::ImportValue': 'launchpad-dev-ingestion-key',
    });
    expect(resolveIntrinsics({ 'Fn::GetAZs': { Ref: 'AWS::Region' } }, known)).toEqual({
      'Fn::GetAZs': 'eu-west-1',
    });
    expect(resolveIntrinsics({ 'Fn::Cidr': [{ 'Fn::GetAtt': ['Vpc', 'CidrBlock'] }, 4, 8] }, known)).toEqual({
      'Fn::Cidr': [{ 'Fn::GetAtt': ['Vpc', 'CidrBlock'] }, 4, 8],
    });
  });

  it('resolves inside deeply nested properties and lists', () => {
    const statement = {
      Statement: [
        {
          Effect: 'Allow',
          Resource: [{ 'Fn::Sub': 'arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:*' }],
          Condition: { StringEquals: { 'aws:RequestedRegion': { Ref: 'AWS::Region' } } },
        },
      ],
    };
    expect(resolveIntrinsics(statement, known)).toEqual({
      Statement: [
        {
          Effect: 'Allow',
          Resource: ['arn:aws:logs:eu-west-1:123456789012:*'],
          Condition: { StringEquals: { 'aws:RequestedRegion': 'eu-west-1' } },
        },
      ],
    });
  });
});

describe('parameterValue', () => {
  it('types values by the parameter type', () => {
    expect(parameterValue({ Type: 'Number', Default: '2.5' })).toBe(2.5);
    expect(parameterValue({ Type: 'Number', Default: 'many' })).toBe('many');
    expect(parameterValue({ Type: 'List<Number>', Default: '1, 2' })).toEqual(['1', '2']);
    expect(parameterValue({ Type: 'String' }, 'given')).toBe('given');
    expect(parameterValue({ Type: 'String' })).toBeUndefined();
  });
});

describe('referencedLogicalIds', () => {
  it('finds Ref, both Fn::GetAtt forms and Fn::Sub variables, each once, in order', () => {
    const value = {
      Bucket: { Ref: 'RawBucket' },
      Role: { 'Fn::GetAtt': ['HandlerRole', 'Arn'] },
      Stream: { 'Fn::GetAtt': 'Stream.Arn' },
      Url: {
        'Fn::Sub': 'https://${Api}.execute-api.${AWS::Region}.${AWS::URLSuffix}/${Db.Endpoint.Address}',
      },
      Again: [{ Ref: 'RawBucket' }],
    };
    expect(referencedLogicalIds(value)).toEqual(['RawBucket', 'HandlerRole', 'Stream', 'Api', 'Db']);
  });

  it('skips pseudo parameters, parameters, Sub map names and ${!Literal}, and reads the Sub map values', () => {
    const value = {
      'Fn::Sub': [
        '${Topic}-${Env}-${!Literal}-${AWS::StackName}-${Queue.Arn}',
        { Topic: { 'Fn::GetAtt': ['Alerts', 'TopicName'] } },
      ],
    };
    const context: ResolveContext = { template: { Parameters: { Env: { Type: 'String' } } } };
    expect(referencedLogicalIds(value, context)).toEqual(['Queue', 'Alerts']);
    expect(referencedLogicalIds({ Ref: 'Env' }, context)).toEqual([]);
    expect(referencedLogicalIds({ Ref: 'Given' }, { parameters: { Given: 'x' } })).toEqual([]);
    expect(referencedLogicalIds({ Ref: 'AWS::NoValue' })).toEqual([]);
  });

  it('looks inside every function, such as both branches of Fn::If and Fn::Join lists', () => {
    const value = {
      'Fn::If': [
        'IsProd',
        { 'Fn::Join': ['', [{ Ref: 'A' }, { 'Fn::Select': [0, { 'Fn::GetAtt': ['B', 'Ids'] }] }]] },
        { Ref: 'C' },
      ],
    };
    expect(referencedLogicalIds(value)).toEqual(['A', 'B', 'C']);
    expect(referencedLogicalIds('plain')).toEqual([]);
  });
});
