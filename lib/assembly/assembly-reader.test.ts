import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { assemblyDir, synthesizedStacks } from '../../test/assembly.ts';
import { readAssembly } from './assembly-reader.ts';
import { readInventory } from './index.ts';
import { InventoryError } from './inventory-error.ts';
import type { InventoryResource, InventoryStack } from './types.ts';

const ENVIRONMENTS = ['dev', 'stage', 'prod'];

describe('the synthesized cloud assembly', () => {
  const inventory = readAssembly(assemblyDir());
  const stack = (id: string): InventoryStack => {
    const found = inventory.stacks.find((s) => s.id === id);
    if (!found) throw new Error(`no stack ${id}`);
    return found;
  };
  const resource = (s: InventoryStack, constructPath: string): InventoryResource => {
    const found = s.resources.find((r) => r.constructPath === constructPath);
    if (!found) throw new Error(`no resource at ${constructPath}`);
    return found;
  };

  it('lists the stacks of every Stage, in the order the app defines them', () => {
    expect(inventory.source).toBe(path.resolve(assemblyDir()));
    expect(inventory.stacks.map((s) => s.id)).toEqual([
      'dev/foundation',
      'dev/ingestion',
      'dev/processing',
      'dev/analytics',
      // The assembly lists a stack after those it depends on: delivery ships code into orchestration's function.
      'dev/orchestration',
      'dev/delivery',
      'stage/foundation',
      'prod/foundation',
    ]);
    for (const env of ENVIRONMENTS) {
      expect(stack(`${env}/foundation`)).toMatchObject({
        stackName: `launchpad-${env}-foundation`,
        environment: env,
        phase: 'foundation',
        region: 'us-east-1',
      });
      expect(stack(`${env}/foundation`).account).toBeUndefined();
    }
  });

  it('reads every resource of every template, with its type and construct path', () => {
    const synthesized = synthesizedStacks();
    for (const s of inventory.stacks) {
      const template = synthesized.find((t) => t.path === s.id);
      expect(s.templateFile).toBe(template?.templateFile && path.resolve(template.templateFile));
      const expected = Object.entries(template?.template.Resources ?? {}).map(([id, r]) => [id, r.Type]);
      expect(s.resources.map((r) => [r.logicalId, r.type])).toEqual(expected);
      for (const r of s.resources) expect(r.constructPath).toMatch(new RegExp(`^${s.id}/`));
    }
  });

  it('finds the raw bucket by its construct path, with its tags phase and resolved properties', () => {
    const dev = stack('dev/foundation');
    const raw = resource(dev, 'dev/foundation/DataLake/Raw/Resource');
    expect(raw.type).toBe('AWS::S3::Bucket');
    expect(raw.phase).toBe('foundation');
    expect(raw.logicalId).toMatch(/^DataLakeRaw/);
    // The account is unknown (the config leaves it to the deploy credentials), so the name stays a join.
    expect(raw.properties.BucketName).toEqual({
      'Fn::Join': ['', ['launchpad-dev-raw-', { Ref: 'AWS::AccountId' }]],
    });
    expect(raw.properties.VersioningConfiguration).toEqual({ Status: 'Enabled' });
  });

  it('resolves what depends on the region, and only the account stays unknown', () => {
    for (const s of inventory.stacks) {
      const text = JSON.stringify(s.resources.map((r) => r.properties));
      for (const known of ['AWS::Region', 'AWS::Partition', 'AWS::URLSuffix', 'AWS::StackName']) {
        expect(text).not.toContain(known);
      }
      expect(text).toContain('AWS::AccountId');
    }
    const dev = stack('dev/foundation');
    const arns = dev.resources.flatMap((r) =>
      Array.isArray(r.properties.ManagedPolicyArns) ? r.properties.ManagedPolicyArns : [],
    );
    expect(arns).toContain('arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole');
  });

  it('gives resources without a phase tag the stack phase', () => {
    const policy = resource(stack('dev/foundation'), 'dev/foundation/DataLake/Raw/Policy/Resource');
    expect(policy.type).toBe('AWS::S3::BucketPolicy');
    expect(policy.phase).toBe('foundation');
    expect(policy.dependsOn).toEqual([]);
  });

  it('reads outputs and parameters', () => {
    const dev = stack('dev/foundation');
    const raw = resource(dev, 'dev/foundation/DataLake/Raw/Resource');
    expect(dev.outputs.RawBucketName).toEqual({
      value: { Ref: raw.logicalId },
      description: 'Name of the raw bucket',
    });
    expect(dev.outputs.RawBucketArn?.value).toEqual({ 'Fn::GetAtt': [raw.logicalId, 'Arn'] });
    expect(dev.outputs.BudgetName?.value).toBe('launchpad-dev-monthly');
    // The bootstrap version lives in Parameter Store: its Default is a key, not a value.
    expect(dev.parameters.BootstrapVersion?.type).toBe('AWS::SSM::Parameter::Value<String>');
    expect(dev.parameters.BootstrapVersion?.value).toBeUndefined();
  });

  it('is what readInventory reads from a directory', () => {
    expect(readInventory(assemblyDir())).toEqual(inventory);
  });
});

describe('an environment-agnostic assembly without Stages or path metadata', () => {
  const inventory = readAssembly(path.join(import.meta.dirname, 'fixtures/agnostic-assembly'));
  const [stack] = inventory.stacks;

  it('has no environment, phase, region or account', () => {
    expect(inventory.stacks).toHaveLength(1);
    expect(stack).toMatchObject({ id: 'Analytics', stackName: 'Analytics' });
    expect(stack?.environment).toBeUndefined();
    expect(stack?.phase).toBeUndefined();
    expect(stack?.region).toBeUndefined();
    expect(stack?.account).toBeUndefined();
  });

  it('takes construct paths from tree.json and leaves region-dependent values', () => {
    expect(stack?.resources.map((r) => [r.constructPath, r.phase])).toEqual([
      ['Analytics/Catalog/Database', undefined],
      ['Analytics/Queries/WorkGroup', 'analytics'],
    ]);
    expect(stack?.resources[1]?.properties.Name).toEqual({
      'Fn::Join': ['-', ['launchpad', { Ref: 'AWS::Region' }, 'queries']],
    });
    expect(stack?.resources[1]?.dependsOn).toEqual(['CatalogDatabase1A2B3C4D']);
  });
});

describe('errors', () => {
  const scratch = mkdtempSync(path.join(tmpdir(), 'inventory-errors-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('tells to synthesize first when the directory does not exist', () => {
    const missing = path.join(scratch, 'cdk.out');
    expect(() => readAssembly(missing)).toThrow(InventoryError);
    expect(() => readAssembly(missing)).toThrow(
      `${missing}: no cloud assembly here: the directory does not exist.\n  Run \`npm run synth\` first`,
    );
    expect(() => readInventory(missing)).toThrow(/no such file or directory\.\n.*run `npm run synth` first/);
  });

  it('says a directory without a manifest is not a cloud assembly', () => {
    const dir = path.join(import.meta.dirname, 'fixtures/errors');
    expect(() => readAssembly(dir)).toThrow(
      `${dir}: not a cloud assembly: the directory has no manifest.json.`,
    );
  });

  it('says a file is not a cloud assembly', () => {
    const file = path.join(import.meta.dirname, 'fixtures/kitchen-sink.json');
    expect(() => readAssembly(file)).toThrow(/kitchen-sink\.json: not a cloud assembly: this is a file/);
  });

  it('names a manifest the CDK cannot read', () => {
    const dir = path.join(scratch, 'damaged');
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'manifest.json'), '{ "version": ');
    expect(() => readAssembly(dir)).toThrow(
      /damaged[/\\]manifest\.json: cannot be read as a cloud assembly manifest: /,
    );
  });

  it('names a stack template that is missing', () => {
    const dir = path.join(scratch, 'no-template');
    mkdirSync(dir);
    writeFileSync(
      path.join(dir, 'manifest.json'),
      JSON.stringify({
        version: '36.0.0',
        artifacts: {
          Lost: {
            type: 'aws:cloudformation:stack',
            environment: 'aws://unknown-account/unknown-region',
            properties: { templateFile: 'Lost.template.json' },
          },
        },
      }),
    );
    expect(() => readAssembly(dir)).toThrow(/Lost\.template\.json: cannot read the template of stack Lost: /);
  });
});
