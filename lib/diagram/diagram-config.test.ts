import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../config/config-error.ts';
import {
  DEFAULT_DIAGRAM_CONFIG,
  DIAGRAM_CONFIG_FILE,
  DIAGRAM_SCHEMA_FILE,
  loadDiagramConfig,
  parseDiagramConfig,
} from './diagram-config.ts';
import { edgeList, fixtureGraph, foldedMap, nodeList } from './graph-test-kit.ts';

const ENVIRONMENTS = { environments: ['dev', 'stage', 'prod'] };

function problem(text: string): ConfigError {
  try {
    parseDiagramConfig(text, 'diagram.json', ENVIRONMENTS);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('the diagram settings file', () => {
  it('loads the shipped file, which is the defaults written out', () => {
    const config = loadDiagramConfig();
    expect(config).toEqual({ ...DEFAULT_DIAGRAM_CONFIG, phaseMaxNodes: undefined, file: config.file });
    expect(config.file?.endsWith('diagram.json')).toBe(true);
  });

  it('points editors at its schema, a JSON Schema 2020-12 that describes every field', () => {
    const file = JSON.parse(readFileSync(DIAGRAM_CONFIG_FILE, 'utf8'));
    expect(path.resolve(path.dirname(DIAGRAM_CONFIG_FILE), file.$schema)).toBe(DIAGRAM_SCHEMA_FILE);
    const schema = JSON.parse(readFileSync(DIAGRAM_SCHEMA_FILE, 'utf8'));
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.description).toBeTruthy();
    const undescribed: string[] = [];
    const walk = (node: unknown, where: string): void => {
      if (typeof node !== 'object' || node === null) return;
      const schemaNode = node as Record<string, unknown>;
      for (const [key, child] of Object.entries((schemaNode.properties as Record<string, unknown>) ?? {})) {
        if (!(child as { description?: string }).description) undescribed.push(`${where}/${key}`);
        walk(child, `${where}/${key}`);
      }
      for (const key of ['additionalProperties', 'propertyNames']) {
        const child = schemaNode[key];
        if (typeof child === 'object' && child !== null) {
          if (!(child as { description?: string }).description) undescribed.push(`${where}/${key}`);
          walk(child, `${where}/${key}`);
        }
      }
    };
    walk(schema, '');
    expect(undescribed).toEqual([]);
  });

  it('fills in what a file leaves out', () => {
    expect(parseDiagramConfig('{ "fold": { "AWS::KMS::Key": "drop" } }', 'x.json', ENVIRONMENTS)).toEqual({
      file: 'x.json',
      environment: 'dev',
      overviewMaxNodes: 40,
      phaseMaxNodes: undefined,
      referenceEdges: true,
      fold: { 'AWS::KMS::Key': 'drop' },
    });
  });

  it('names the file, line, pointer, what was expected and what was found', () => {
    const text =
      '{\n  "overviewMaxNodes": 2,\n  "fold": { "AWS::KMS::Key": "hide", "not a type": "keep" },\n  "referenceEdge": true\n}';
    const error = problem(text);
    expect(error.file).toBe('diagram.json');
    expect(error.problems.map((p) => [p.line, p.pointer, p.expected, p.found])).toEqual([
      [2, '/overviewMaxNodes', 'a number >= 5', 'number 2'],
      [3, '/fold/AWS::KMS::Key', 'one of "keep", "fold", "drop"', 'string "hide"'],
      [
        3,
        '/fold/not a type',
        'a CloudFormation resource type such as "AWS::KMS::Key", or a prefix ending in "::*" such as "Custom::*"',
        'the key "not a type"',
      ],
      [
        4,
        '/referenceEdge',
        'one of the keys $schema, environment, overviewMaxNodes, phaseMaxNodes, referenceEdges, fold',
        'the unknown key "referenceEdge"',
      ],
    ]);
    expect(error.problems.at(-1)?.hint).toBe('Did you mean "referenceEdges"?');
    expect(error.message).toContain('diagram.json:3:');
    expect(error.message).toContain(
      '/fold/AWS::KMS::Key: expected one of "keep", "fold", "drop", found string "hide".',
    );
  });

  it('refuses an environment without a config file', () => {
    const error = problem('{\n  "environment": "qa"\n}');
    expect(error.problems).toEqual([
      expect.objectContaining({
        pointer: '/environment',
        line: 2,
        expected: 'an environment with a config file (dev, stage, prod)',
        found: 'string "qa"',
      }),
    ]);
  });

  it('reports JSON syntax errors with their place', () => {
    const error = problem('{\n  "environment": "dev",\n}');
    expect(error.problems[0]).toMatchObject({ line: 3, pointer: '' });
  });

  it('takes the environments from config/ by default, and fails on a named file that is missing', () => {
    expect(parseDiagramConfig('{ "environment": "prod" }', 'x.json').environment).toBe('prod');
    const dir = mkdtempSync(path.join(tmpdir(), 'diagram-config-'));
    const missing = path.join(dir, 'nope.json');
    expect(() => loadDiagramConfig(missing)).toThrow(
      /nope\.json is not valid.*\n.*expected a diagram settings file, found no such file/,
    );
    const file = path.join(dir, 'diagram.json');
    writeFileSync(file, '{ "overviewMaxNodes": 25, "phaseMaxNodes": 60, "referenceEdges": false }');
    expect(loadDiagramConfig(file, ENVIRONMENTS)).toMatchObject({
      overviewMaxNodes: 25,
      phaseMaxNodes: 60,
      referenceEdges: false,
    });
  });
});

describe('fold overrides from the settings', () => {
  const settings = (text: string) => parseDiagramConfig(text, 'diagram.json', ENVIRONMENTS);

  it('drops the KMS key into the bucket it encrypts', () => {
    const graph = fixtureGraph('custom-resources.yaml', settings('{ "fold": { "AWS::KMS::Key": "drop" } }'));
    expect(nodeList(graph)).toEqual(['Data', 'Worker']);
    expect(foldedMap(graph).Data).toEqual(['DataKey', 'DataKeyAlias', 'DeployDags', 'SeedData', 'TagData']);
    expect(edgeList(graph)).toEqual(['Worker -.uses.-> Data']);
  });

  it('keeps roles as nodes, with the IAM edges on the role', () => {
    const graph = fixtureGraph('firehose.yaml', settings('{ "fold": { "AWS::IAM::Role": "keep" } }'));
    expect(nodeList(graph)).toContain('DeliveryRole');
    expect(edgeList(graph)).toEqual([
      'DeliveryRole --invokes--> Transform',
      'DeliveryRole --writes--> Backup',
      'DeliveryRole --writes--> Raw',
      'Events --reads--> DeliveryRole',
      'Events --reads--> ToLake',
      'ToLake --backs up to--> Backup',
      'ToLake --delivers to--> Raw',
      'ToLake --invokes--> Transform',
      'ToLake -.uses.-> DeliveryRole',
      'Transform -.uses.-> TransformRole',
    ]);
  });

  it('keeps custom resources by prefix, and lets the exact type win over the prefix', () => {
    const graph = fixtureGraph(
      'custom-resources.yaml',
      settings('{ "fold": { "Custom::*": "keep", "Custom::LogRetention": "fold" } }'),
    );
    expect(nodeList(graph)).toEqual(['Data', 'DataKey', 'Worker', 'SeedData', 'TagData', 'DeployDags']);
    expect(foldedMap(graph).Worker).toEqual(['WorkerLogRetention', 'WorkerRole']);
  });

  it('folds an API into nothing and keeps its parts, when asked', () => {
    const graph = fixtureGraph('api-gateway.yaml', settings('{ "fold": { "AWS::ApiGateway::*": "keep" } }'));
    expect(nodeList(graph)).toContain('PostEvent');
    expect(edgeList(graph)).toContain('PostEvent --invokes--> Collector');
  });
});
