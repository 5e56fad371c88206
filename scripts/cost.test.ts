import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { assemblyDir } from '../test/assembly.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');
const cost = (args: string[]) =>
  spawnSync(TSX, ['scripts/cost.ts', ...args], { cwd: ROOT, encoding: 'utf8' });
const tmp = () => mkdtempSync(path.join(tmpdir(), 'launchpad-cost-'));

describe('npm run cost', () => {
  it('prices every environment of an assembly as JSON that matches its schema, with nothing unpriced', () => {
    const out = path.join(tmp(), 'estimate.json');
    const run = cost(['--assembly', assemblyDir(), '--format', 'json', '--out', out]);
    expect(run.status, run.stderr).toBe(0);
    const estimate = JSON.parse(readFileSync(out, 'utf8'));
    const schema = JSON.parse(
      readFileSync(path.join(ROOT, 'lib/cost/estimate/estimate.schema.json'), 'utf8'),
    );
    const validate = new Ajv2020({ allErrors: true }).compile(schema);
    expect(validate(estimate), JSON.stringify(validate.errors)).toBe(true);
    expect(estimate.environments.map((e: { name: string }) => e.name)).toEqual(['dev', 'stage', 'prod']);
    expect(estimate.notPriced).toEqual([]);
    expect(estimate.warnings).toEqual([]);
    // prod's KMS key costs $1 a month whether used or not.
    expect(
      estimate.environments.find((e: { name: string }) => e.name === 'prod').idle,
    ).toBeGreaterThanOrEqual(1);
    expect(run.stderr).toMatch(/^Total \$[\d.]+\/month after always-free allowances/m);
  });

  it('writes Markdown with a pie by service, the opt-in switches and the teardown command', () => {
    const run = cost(['--assembly', assemblyDir(), '--env', 'dev']);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^## Monthly cost estimate$/m);
    expect(run.stdout).toContain('pie showData title Monthly cost by service');
    expect(run.stdout).toContain('`costlyServices.mwaa`');
    expect(run.stdout).toContain('`npm run destroy -- --env dev`');
    expect(run.stdout).not.toMatch(/\| stage \|/);
  });

  it('prices a hand-written YAML template and names what it cannot price', () => {
    const file = path.join(tmp(), 'template.yaml');
    writeFileSync(
      file,
      [
        'Resources:',
        '  Queue:',
        '    Type: AWS::SQS::Queue',
        '  Fn:',
        '    Type: AWS::Lambda::Function',
        '    Properties:',
        '      MemorySize: 256',
        '      Role: !GetAtt Role.Arn',
        '  Robot:',
        '    Type: AWS::RoboMaker::Robot',
      ].join('\n'),
    );
    const run = cost(['--template', file, '--format', 'json']);
    expect(run.status, run.stderr).toBe(0);
    const estimate = JSON.parse(run.stdout);
    expect(
      estimate.resources.map((r: { logicalId: string; status: string }) => [r.logicalId, r.status]),
    ).toEqual([
      ['Queue', 'priced'],
      ['Fn', 'priced'],
      ['Robot', 'not-priced'],
    ]);
    expect(run.stderr).toMatch(/1 resources not priced/);
  });

  it('compares with a base estimate, as on a pull request', () => {
    const dir = tmp();
    const base = path.join(dir, 'base.json');
    expect(
      cost(['--assembly', assemblyDir(), '--env', 'dev', '--format', 'json', '--out', base]).status,
    ).toBe(0);
    const usage = path.join(dir, 'usage.yml');
    writeFileSync(usage, 'version: 1\ntypes:\n  AWS::S3::Bucket:\n    standardGb: 500\n');
    const run = cost(['--assembly', assemblyDir(), '--env', 'dev', '--usage', usage, '--compare-to', base]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^<!-- aws-data-launchpad:cost-estimate -->$/m);
    expect(run.stdout).toMatch(/Monthly cost will \*\*increase by/);
    expect(run.stdout).toMatch(
      /✏️ \| `dev: DataLake\/Clean` \(AWS::S3::Bucket\) \| Storage \(Standard\) \| 1 → 500 GB-Mo/,
    );
  });

  it('explains bad input: format, missing base file, a region without prices, --help', () => {
    expect(cost(['--format', 'xml']).stderr).toMatch(/--format must be md or json, not "xml"/);
    const missing = cost(['--assembly', assemblyDir(), '--compare-to', '/nonexistent/base.json']);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/base\.json.*no such file[\s\S]*npm run cost -- --format json --out/);
    const file = path.join(tmp(), 't.json');
    writeFileSync(file, JSON.stringify({ Resources: { Q: { Type: 'AWS::SQS::Queue' } } }));
    const region = cost(['--template', file, '--region', 'ap-south-2']);
    expect(region.status).toBe(1);
    expect(region.stderr).toMatch(/ap-south-2[\s\S]*npm run prices:refresh -- --region ap-south-2/);
    expect(region.stderr).not.toMatch(/\s+at /);
    const help = cost(['--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/Usage: npm run cost/);
  });
});
