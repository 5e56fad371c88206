// biome-ignore-all lint/suspicious/noTemplateCurlyInString: CloudFormation Fn::Sub strings, not JavaScript templates.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { InventoryError } from './inventory-error.ts';
import { parseTemplate, templateFormat } from './template-parser.ts';

const fixture = (name: string): string => path.join(import.meta.dirname, 'fixtures', name);
const resources = (yaml: string): unknown => parseTemplate(`Resources:\n${yaml}`, 't.yaml').Resources;

describe('YAML short tags', () => {
  it('converts every tag of the kitchen-sink template to the long form cfn-lint converts it to', () => {
    // kitchen-sink.json was written from kitchen-sink.yaml by cfn-lint's own YAML decoder.
    const fromYaml = parseTemplate(readFileSync(fixture('kitchen-sink.yaml'), 'utf8'), 'kitchen-sink.yaml');
    const expected = JSON.parse(readFileSync(fixture('kitchen-sink.json'), 'utf8'));
    expect(fromYaml).toEqual(expected);
  });

  it('reads !GetAtt in the dotted form (attributes may hold dots) and the list form', () => {
    expect(
      resources(`  A:
    Type: X
    Properties:
      Dotted: !GetAtt Db.Endpoint.Address
      Listed: !GetAtt [Db, Endpoint.Port]
      Bare: !GetAtt Db`),
    ).toEqual({
      A: {
        Type: 'X',
        Properties: {
          Dotted: { 'Fn::GetAtt': ['Db', 'Endpoint.Address'] },
          Listed: { 'Fn::GetAtt': ['Db', 'Endpoint.Port'] },
          Bare: { 'Fn::GetAtt': 'Db' },
        },
      },
    });
  });

  it('reads tags on scalars, sequences and maps, nested, with block scalars', () => {
    expect(
      resources(`  A:
    Type: X
    Properties:
      Scalar: !Sub '\${AWS::Region}'
      Listed: !Sub ['\${A}', { A: !Ref B }]
      Mapped: !Base64 { "Fn::Sub": "echo \${AWS::Region}" }
      Block: !Base64 |
        line one
      Condition: !Condition IsProd
      Include: !Transform { Name: AWS::Include, Parameters: { Location: s3://bucket/snippet.yaml } }
      Nested: !Join ['', [!Select [0, !Split [',', !ImportValue Shared]], !GetAZs '']]
      Logic: !And [!Or [!Equals [a, b], !Not [!Condition C]], !If [D, 1, 2]]
      Cidr: !Cidr [10.0.0.0/16, 4, 8]
      Map: !FindInMap [M, a, b]`),
    ).toEqual({
      A: {
        Type: 'X',
        Properties: {
          Scalar: { 'Fn::Sub': '${AWS::Region}' },
          Listed: { 'Fn::Sub': ['${A}', { A: { Ref: 'B' } }] },
          Mapped: { 'Fn::Base64': { 'Fn::Sub': 'echo ${AWS::Region}' } },
          Block: { 'Fn::Base64': 'line one\n' },
          Condition: { Condition: 'IsProd' },
          Include: {
            'Fn::Transform': { Name: 'AWS::Include', Parameters: { Location: 's3://bucket/snippet.yaml' } },
          },
          Nested: {
            'Fn::Join': [
              '',
              [
                { 'Fn::Select': [0, { 'Fn::Split': [',', { 'Fn::ImportValue': 'Shared' }] }] },
                { 'Fn::GetAZs': '' },
              ],
            ],
          },
          Logic: {
            'Fn::And': [
              { 'Fn::Or': [{ 'Fn::Equals': ['a', 'b'] }, { 'Fn::Not': [{ Condition: 'C' }] }] },
              { 'Fn::If': ['D', 1, 2] },
            ],
          },
          Cidr: { 'Fn::Cidr': ['10.0.0.0/16', 4, 8] },
          Map: { 'Fn::FindInMap': ['M', 'a', 'b'] },
        },
      },
    });
  });

  it('resolves YAML aliases inside tagged collections', () => {
    expect(
      resources(`  A:
    Type: X
    Properties:
      Name: &name launchpad
      Joined: !Join ['-', [*name, !Ref AWS::Region]]`),
    ).toEqual({
      A: {
        Type: 'X',
        Properties: {
          Name: 'launchpad',
          Joined: { 'Fn::Join': ['-', ['launchpad', { Ref: 'AWS::Region' }]] },
        },
      },
    });
  });

  it('keeps dates and version strings as strings (YAML 1.2)', () => {
    const template = parseTemplate(
      'AWSTemplateFormatVersion: 2010-09-09\nResources: {}\n',
      't.yaml',
    ) as unknown as Record<string, unknown>;
    expect(template.AWSTemplateFormatVersion).toBe('2010-09-09');
  });

  it('keeps the last of a duplicated key, as CloudFormation does, and warns with the key and its lines', () => {
    // Failed before: yaml's unique-key check refused the file ("Map keys must be unique").
    const warnings: string[] = [];
    const template = parseTemplate(
      'Resources:\n  A:\n    Type: X\n    Properties:\n      Size: 1\n      Size: 2\n  A:\n    Type: Y\n',
      't.yaml',
      { onWarning: (warning) => warnings.push(warning) },
    );
    expect(template.Resources).toEqual({ A: { Type: 'Y' } });
    expect(warnings).toEqual([
      't.yaml: key "A" is written 2 times in one map (lines 2, 7); CloudFormation keeps the last (line 7): delete the others.',
      't.yaml: key "Size" is written 2 times in one map (lines 5, 6); CloudFormation keeps the last (line 6): delete the others.',
    ]);
  });

  it('keeps the last of a key written twice in JSON too, and warns with the key and its lines', () => {
    // Failed before: JSON.parse kept the last one without a word, so the reader never heard of the first.
    const warnings: string[] = [];
    const text = [
      '{',
      '  "Resources": {',
      '    "A": { "Type": "X", "Properties": { "Size": 1, "Size": 2 } },',
      '    "B": { "Type": "Z" },',
      '    "A": { "Type": "Y" }',
      '  },',
      '  "Resources2": {}',
      '}',
    ].join('\n');
    const template = parseTemplate(text, 't.json', { onWarning: (warning) => warnings.push(warning) });
    expect(template.Resources).toEqual({ A: { Type: 'Y' }, B: { Type: 'Z' } });
    expect(warnings).toEqual([
      't.json: key "A" is written 2 times in one object (lines 3, 5); CloudFormation keeps the last (line 5): delete the others.',
      't.json: key "Size" is written 2 times in one object (lines 3, 3); CloudFormation keeps the last (line 3): delete the others.',
    ]);
    const none: string[] = [];
    // Keys elsewhere (a nested object, a list of objects) and quotes or colons inside strings are no repeat.
    const tricky =
      '{"Resources": {"A": {"Type": "X", "Properties": {"A": "\\":\\"A\\"", "L": [{"K": 1}, {"K": 2}]}}}}';
    parseTemplate(tricky, 't.json', {
      onWarning: (warning) => none.push(warning),
    });
    expect(none).toEqual([]);
  });

  it('names the file, line and column of an unknown tag, and lists the known ones', () => {
    const error = catchError(() => resources('  A:\n    Type: X\n    Properties:\n      Name: !Reff Bucket'));
    expect(error.message).toMatch(/^t\.yaml:5:13: unknown YAML tag !Reff\./);
    expect(error.hint).toContain('!GetAtt');
    expect(error.line).toBe(5);
  });
});

describe('format detection', () => {
  it('goes by extension, else by the first character', () => {
    expect(templateFormat('a.json', 'x')).toBe('json');
    expect(templateFormat('a.YML', '{')).toBe('yaml');
    expect(templateFormat('a.template', '  {"Resources": {}}')).toBe('json');
    expect(templateFormat('a.template', 'Resources: {}')).toBe('yaml');
  });

  it('reads JSON with a byte order mark', () => {
    expect(parseTemplate('\uFEFF{"Resources": {"A": {"Type": "X"}}}', 'a.json').Resources).toEqual({
      A: { Type: 'X' },
    });
  });
});

describe('template shape', () => {
  it('rejects a template whose top level is not a map', () => {
    expect(() => parseTemplate('[1, 2]', 'list.json')).toThrow(
      /list\.json: not a CloudFormation template: the file holds a list/,
    );
  });

  it('rejects sections that are not maps', () => {
    expect(() => parseTemplate('Resources: {}\nConditions: [a]\n', 's.yaml')).toThrow(
      /s\.yaml: the "Conditions" section must be a map, found a list/,
    );
    expect(() => parseTemplate('Resources: [a]\n', 's.yaml')).toThrow(
      /needs a "Resources" map \(found a list\)/,
    );
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
