import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it, vi } from 'vitest';
import { GET_COST_AND_USAGE, startFakeCostExplorer } from '../lib/cost/actual/testing/fake-cost-explorer.ts';
import { assemblyDir } from '../test/assembly.ts';
import { runScript } from '../test/run-script.ts';
import { cost as costCommand } from './cost/command.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const tmp = () => mkdtempSync(path.join(tmpdir(), 'launchpad-cost-'));

/** Runs the command behind npm run cost in this process, and what it wrote to stdout and stderr. */
async function cost(args: string[]): Promise<{ stdout: string; stderr: string }> {
  let stdout = '';
  const stderr: string[] = [];
  const spies = [
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      stdout += String(chunk);
      return true;
    }),
    vi.spyOn(console, 'log').mockImplementation((...parts: unknown[]) => {
      stdout += `${parts.join(' ')}\n`;
    }),
    vi.spyOn(console, 'error').mockImplementation((...parts: unknown[]) => {
      stderr.push(parts.join(' '));
    }),
  ];
  try {
    await costCommand(args);
  } finally {
    for (const spy of spies) spy.mockRestore();
  }
  return { stdout, stderr: stderr.join('\n') };
}

describe('npm run cost', () => {
  it('prices every environment of an assembly as JSON that matches its schema, with nothing unpriced', async () => {
    const out = path.join(tmp(), 'estimate.json');
    const run = await cost(['--assembly', assemblyDir(), '--format', 'json', '--out', out]);
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

  it('writes Markdown with a pie by service, the opt-in switches and the teardown command', async () => {
    const run = await cost(['--assembly', assemblyDir(), '--env', 'dev']);
    expect(run.stdout).toMatch(/^## Monthly cost estimate$/m);
    expect(run.stdout).toContain('pie showData title Monthly cost by service');
    expect(run.stdout).toContain('`costlyServices.mwaa`');
    expect(run.stdout).toContain('`npm run destroy -- --env dev`');
    expect(run.stdout).not.toMatch(/\| stage \|/);
  });

  it('prices a hand-written YAML template and names what it cannot price', async () => {
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
    const run = await cost(['--template', file, '--format', 'json']);
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

  it('compares with a base estimate, as on a pull request', async () => {
    const dir = tmp();
    const base = path.join(dir, 'base.json');
    await cost(['--assembly', assemblyDir(), '--env', 'dev', '--format', 'json', '--out', base]);
    const usage = path.join(dir, 'usage.yml');
    writeFileSync(usage, 'version: 1\ntypes:\n  AWS::S3::Bucket:\n    standardGb: 500\n');
    const run = await cost([
      '--assembly',
      assemblyDir(),
      '--env',
      'dev',
      '--usage',
      usage,
      '--compare-to',
      base,
    ]);
    expect(run.stdout).toMatch(/^<!-- aws-data-launchpad:cost-estimate -->$/m);
    expect(run.stdout).toMatch(/Monthly cost will \*\*increase by/);
    expect(run.stdout).toMatch(
      /✏️ \| `dev: DataLake\/Clean` \(AWS::S3::Bucket\) \| Storage \(Standard\) \| 1 → 500 GB-Mo/,
    );
  });

  it('explains bad input: format, credits, missing base file, and --help', async () => {
    await expect(cost(['--format', 'xml'])).rejects.toThrow(/^--format must be md or json, not "xml"$/);
    await expect(cost(['--credits=-5'])).rejects.toMatchObject({
      code: 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE',
      message: '--credits must be an amount in US dollars, not "-5"',
    });
    await expect(
      cost(['--assembly', assemblyDir(), '--compare-to', '/nonexistent/base.json']),
    ).rejects.toThrow(/base\.json.*no such file[\s\S]*npm run cost -- --format json --out/);
    expect((await cost(['--help'])).stdout).toMatch(/^Usage: npm run cost/);
  });

  it('exits 1 with the message alone for a region without prices (the command line, in its own process)', async () => {
    const file = path.join(tmp(), 't.json');
    writeFileSync(file, JSON.stringify({ Resources: { Q: { Type: 'AWS::SQS::Queue' } } }));
    const region = await runScript('cost', ['--template', file, '--region', 'ap-south-2']);
    expect(region.status).toBe(1);
    expect(region.stderr).toMatch(/ap-south-2[\s\S]*npm run prices:refresh -- --region ap-south-2/);
    expect(region.stderr).not.toMatch(/\s+at /);
  });

  it('--actual puts the estimate beside the bill, and a second run the same day asks Cost Explorer nothing', async () => {
    const tags = { project: 'launchpad', environment: 'dev' };
    const server = await startFakeCostExplorer({
      lines: [{ service: 'Amazon Simple Storage Service', month: '2026-11', amount: 1.23, tags }],
      activeTags: new Set(['project', 'environment']),
      knownTags: new Set(['project', 'environment']),
      groupsPerPage: 100,
    });
    const cwd = process.cwd();
    vi.useFakeTimers({ now: new Date('2026-12-07T12:00:00Z'), toFake: ['Date'] });
    Object.assign(process.env, {
      AWS_ENDPOINT_URL_COST_EXPLORER: server.endpoint,
      AWS_ACCESS_KEY_ID: 'testing',
      AWS_SECRET_ACCESS_KEY: 'testing',
    });
    try {
      process.chdir(tmp());
      const first = await cost(['--actual', '--env', 'dev', '--assembly', assemblyDir()]);
      expect(first.stdout).toContain('### dev: the estimate beside the bill');
      expect(first.stdout).toMatch(/^\| Amazon S3 \| \$[\d.]+ \| \$0\.00 \| \$1\.23 \|$/m);
      expect(first.stderr).toContain(
        'Cost Explorer: 1 request(s) at $0.01 each ($0.01); cached in .cache/cost-explorer/dev-2026-12-07.json',
      );
      const second = await cost(['--actual', '--env', 'dev', '--assembly', assemblyDir()]);
      expect(second.stdout).toContain('This run made none');
      expect(second.stderr).toContain('Cost Explorer: no request made');
      expect(server.requestsFor(GET_COST_AND_USAGE)).toHaveLength(1);
    } finally {
      process.chdir(cwd);
      vi.useRealTimers();
      await server.close();
    }
  });

  it('--actual takes exactly one environment', async () => {
    await expect(cost(['--actual', '--assembly', assemblyDir()])).rejects.toThrow(/exactly one --env/);
  });
});
