// biome-ignore-all lint/suspicious/noTemplateCurlyInString: CloudFormation Fn::Sub strings, not JavaScript templates.
import { describe, expect, it } from 'vitest';
import { InventoryError } from './inventory-error.ts';
import { parseTemplate } from './template-parser.ts';

const HEAD = 'Transform: AWS::LanguageExtensions\n';

describe('Fn::ForEach', () => {
  it('repeats the fragment per item, in keys, strings and Refs, with &{} dropping non-alphanumerics', () => {
    const template = parseTemplate(
      `${HEAD}Resources:
  Fn::ForEach::Topics:
    - Name
    - [orders, click-stream]
    - Topic&{Name}:
        Type: AWS::SNS::Topic
        Properties:
          TopicName: !Sub "launchpad-\${Name}"
          DisplayName: !Ref Name
Outputs:
  Fn::ForEach::TopicArns:
    - Name
    - [orders]
    - \${Name}Arn:
        Value: !Ref Topicorders
`,
      't.yaml',
    );
    expect(template.Resources).toEqual({
      Topicorders: {
        Type: 'AWS::SNS::Topic',
        Properties: { TopicName: { 'Fn::Sub': 'launchpad-orders' }, DisplayName: 'orders' },
      },
      Topicclickstream: {
        Type: 'AWS::SNS::Topic',
        Properties: { TopicName: { 'Fn::Sub': 'launchpad-click-stream' }, DisplayName: 'click-stream' },
      },
    });
    expect(template.Outputs).toEqual({ ordersArn: { Value: { Ref: 'Topicorders' } } });
  });

  it('nests, loops over a parameter (given value, else Default) and expands inside properties', () => {
    const text = `${HEAD}Parameters:
  Envs: { Type: CommaDelimitedList, Default: "dev, prod" }
Resources:
  Fn::ForEach::Envs:
    - Env
    - !Ref Envs
    - Fn::ForEach::Tiers:
        - Tier
        - [raw, clean]
        - \${Env}\${Tier}Bucket:
            Type: AWS::S3::Bucket
            Properties:
              Tags:
                - { Key: environment, Value: !Ref Env }
`;
    expect(Object.keys(parseTemplate(text, 't.yaml').Resources)).toEqual([
      'devrawBucket',
      'devcleanBucket',
      'prodrawBucket',
      'prodcleanBucket',
    ]);
    expect(Object.keys(parseTemplate(text, 't.yaml', { parameters: { Envs: 'test' } }).Resources)).toEqual([
      'testrawBucket',
      'testcleanBucket',
    ]);
  });

  it('is refused, naming Fn::ForEach and the fix, without the transform or without a collection', () => {
    // Failed before: the error spoke of a resource "Fn::ForEach::Queues" that is a list, not of the transform.
    const loop = `Resources:
  Fn::ForEach::Queues:
    - Name
    - !Ref Names
    - \${Name}:
        Type: AWS::SQS::Queue
`;
    const noTransform = catchError(() => parseTemplate(loop, 't.yaml'));
    expect(noTransform.message).toMatch(
      /Fn::ForEach is used but the template does not declare AWS::LanguageExtensions/,
    );
    expect(noTransform.hint).toContain('Transform: AWS::LanguageExtensions');
    const noValue = catchError(() =>
      parseTemplate(`${HEAD}Parameters:\n  Names: { Type: CommaDelimitedList }\n${loop}`, 't.yaml'),
    );
    expect(noValue.message).toMatch(
      /Fn::ForEach "Queues" loops over parameter "Names", which has no value or Default/,
    );
    expect(noValue.hint).toMatch(/Give "Names" a Default/);
  });
});

function catchError(run: () => unknown): InventoryError {
  try {
    run();
  } catch (error) {
    if (error instanceof InventoryError) return error;
    throw error;
  }
  throw new Error('expected an InventoryError');
}
