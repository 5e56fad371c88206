import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Inventory } from '../../assembly/types.ts';
import { ConfigError } from '../../config/config-error.ts';
import { loadUsageFile, type UsageFile } from '../usage/usage-file.ts';
import { estimate } from './estimate.ts';
import { fixtureCatalog, resource, stack } from './estimate-test-kit.ts';

const lambda = (id: string, arch = 'x86_64') =>
  resource(id, 'AWS::Lambda::Function', { MemorySize: 1024, Architectures: [arch] });

function run(inventory: Inventory, usage?: UsageFile) {
  return estimate(inventory, { catalogFor: () => fixtureCatalog(), usageFor: () => usage });
}

function usageFile(yaml: string): UsageFile {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'launchpad-usage-')), 'dev.yml');
  writeFileSync(file, yaml);
  return loadUsageFile(file);
}

describe('the estimate', () => {
  it('applies an always-free allowance once per account, however many resources share it', () => {
    // Each function: 10,000 requests (default) → 20,000 requests together, 1,000 of them free.
    const shared = run({
      source: 'x',
      stacks: [stack('dev/a', [lambda('F1')]), stack('dev/b', [lambda('F2')])],
    });
    const requests = (e: typeof shared) =>
      e.resources.flatMap((r) => r.components).filter((c) => c.priceId === 'lambda.requests');
    expect(requests(shared).map((c) => c.monthly)).toEqual([0.0095, 0.0095]);
    expect(requests(shared).map((c) => c.monthlyBeforeFreeTier)).toEqual([0.01, 0.01]);

    const separate = run({
      source: 'x',
      stacks: [
        stack('dev/a', [lambda('F1')], { account: '111111111111' }),
        stack('dev/b', [lambda('F2')], { account: '222222222222' }),
      ],
    });
    expect(requests(separate).map((c) => c.monthly)).toEqual([0.009, 0.009]);
    expect(separate.freeTier.allowances.filter((a) => a.pool === 'lambda.requests')).toHaveLength(2);
  });

  it('shares one allowance between the prices of a pool (x86_64 and arm64 GB-seconds)', () => {
    // 10,000 × 0.2 s × 1 GB = 2,000 GB-s each; the pool's 100 free GB-s go to the first price in order.
    const e = run({ source: 'x', stacks: [stack('dev/a', [lambda('Arm', 'arm64'), lambda('X86')])] });
    const duration = e.freeTier.allowances.find((a) => a.pool === 'lambda.duration');
    expect(duration).toMatchObject({ quantity: 100, used: 100 });
    const costs = Object.fromEntries(e.resources.map((r) => [r.logicalId, r.components[1]?.monthly]));
    expect(costs).toEqual({ Arm: 15.2, X86: 20 });
  });

  it('adds an account’s usage of a price up before the tiers apply', () => {
    const bucket = (id: string) => resource(id, 'AWS::S3::Bucket');
    const usage = usageFile(
      'version: 1\ntypes:\n  AWS::S3::Bucket:\n    standardGb: 80\n    writeRequests: 0\n    readRequests: 0\n',
    );
    const e = run({ source: 'x', stacks: [stack('dev/a', [bucket('A'), bucket('B')])] }, usage);
    // 160 GB: 100 at $0.10 and 60 at $0.05 = $13, half each.
    expect(e.resources.map((r) => r.monthly)).toEqual([6.5, 6.5]);
    expect(e.totals.monthly).toBe(13);
  });

  it('lists free types as free, unknown types as not priced (counted and named), never a silent $0', () => {
    const e = run({
      source: 'x',
      stacks: [
        stack('dev/a', [
          resource('Role', 'AWS::IAM::Role'),
          resource('Thing', 'AWS::Made::Up'),
          resource('Other', 'AWS::Made::Up'),
          resource('Db', 'AWS::RDS::DBInstance', { Engine: 'postgres', DBInstanceClass: 'db.r5.large' }),
        ]),
      ],
    });
    expect(e.resources.map((r) => [r.logicalId, r.status])).toEqual([
      ['Role', 'free'],
      ['Thing', 'not-priced'],
      ['Other', 'not-priced'],
      ['Db', 'not-priced'],
    ]);
    expect(e.notPriced).toEqual([
      {
        type: 'AWS::Made::Up',
        count: 2,
        reason: 'no cost model for AWS::Made::Up',
        resources: ['dev/a/Thing', 'dev/a/Other'],
      },
      {
        type: 'AWS::RDS::DBInstance',
        count: 1,
        reason:
          'no price for rds.postgres.db.r5.large, rds.storage.gp2 in the us-east-1 catalog; fetch it with npm run prices:refresh -- --region us-east-1',
        resources: ['dev/a/Db'],
      },
    ]);
  });

  it("reports a model's own reason when a resource cannot be priced from its template", () => {
    const e = run({
      source: 'x',
      stacks: [
        stack('dev/a', [
          resource('Group', 'AWS::AutoScaling::AutoScalingGroup', {
            LaunchTemplate: { LaunchTemplateId: 'lt-0abc' },
          }),
        ]),
      ],
    });
    expect(e.resources[0]).toMatchObject({
      status: 'not-priced',
      service: 'Amazon EC2',
      reason: expect.stringMatching(/launch template is not in this stack/),
      usage: {},
    });
    expect(e.notPriced.map((t) => t.type)).toEqual(['AWS::AutoScaling::AutoScalingGroup']);
  });

  it('skips resources whose template condition is false', () => {
    const e = run({
      source: 'x',
      stacks: [stack('dev/a', [lambda('On'), { ...lambda('Off'), conditionMet: false }])],
    });
    expect(e.resources.map((r) => r.logicalId)).toEqual(['On']);
  });

  it('prices the idle bill on its own: only what costs money with no traffic', () => {
    const key = resource('Key', 'AWS::KMS::Key');
    const e = run({ source: 'x', stacks: [stack('prod/a', [key, lambda('F')])] });
    expect(e.totals.idle).toBe(1);
    expect(e.resources.find((r) => r.logicalId === 'Key')).toMatchObject({ idle: 1, monthly: 1 });
    expect(e.environments[0]).toMatchObject({
      name: 'prod',
      idle: 1,
      teardown: 'npm run destroy -- --env prod',
    });
  });

  it('counts the first two action-enabled budgets of an account as free and bills the third', () => {
    const budgets = ['A', 'B', 'C'].map((id) => resource(id, 'AWS::Budgets::BudgetsAction'));
    const e = run({ source: 'x', stacks: [stack('dev/a', budgets)] });
    expect(e.totals.monthlyBeforeFreeTier).toBeCloseTo(3 * (730 / 24) * 0.02, 4);
    expect(e.totals.monthly).toBeCloseTo((730 / 24) * 0.02, 4);
  });

  it('groups totals per environment, phase and service; says which usage came from where', () => {
    const usage = usageFile('version: 1\nresources:\n  app/F1:\n    requests: 2000\n');
    const e = run(
      {
        source: 'x',
        stacks: [
          stack('dev/a', [lambda('F1'), lambda('F2')]),
          stack('dev/b', [resource('K', 'AWS::KMS::Key')]),
        ],
      },
      usage,
    );
    expect(e.environments.map((env) => env.name)).toEqual(['dev']);
    expect(e.environments[0]?.phases.map((p) => p.name).sort()).toEqual(['a', 'b']);
    expect(e.services.map((s) => s.name).sort()).toEqual(['AWS KMS', 'AWS Lambda']);
    const f1 = e.resources.find((r) => r.logicalId === 'F1');
    expect(f1?.usage).toEqual({
      requests: { value: 2000, source: 'usage file (resource)' },
      averageDurationMs: { value: 200, source: 'default' },
    });
    expect(e.totals.monthly).toBeCloseTo(
      e.resources.reduce((n, r) => n + r.monthly, 0),
      6,
    );
  });

  it('accepts every spelling of a resource key, and warns about keys that match nothing', () => {
    for (const key of ['dev/app/F1/Resource', 'dev/app/F1', 'app/F1/Resource', 'app/F1', 'F1']) {
      const e = run(
        { source: 'x', stacks: [stack('dev/app', [lambda('F1')])] },
        usageFile(`version: 1\nresources:\n  ${key}:\n    requests: 7\n`),
      );
      expect(e.resources[0]?.usage.requests, key).toEqual({ value: 7, source: 'usage file (resource)' });
    }
    const stale = usageFile('version: 1\nresources:\n  app/Gone:\n    requests: 7\n');
    expect(run({ source: 'x', stacks: [stack('dev/app', [lambda('F1')])] }, stale).warnings).toEqual([
      expect.stringMatching(/dev\.yml:3: usage for "app\/Gone" matches no resource/),
    ]);
  });

  it('matches a key once for an environment, whichever of its stacks holds the resource', () => {
    let loads = 0;
    const file = usageFile('version: 1\nresources:\n  app/F1:\n    requests: 7\n');
    const e = estimate(
      { source: 'x', stacks: [stack('dev/app', [lambda('F1')]), stack('dev/other', [lambda('F2')])] },
      {
        catalogFor: () => fixtureCatalog(),
        usageFor: () => {
          loads++;
          return file;
        },
      },
    );
    expect(e.warnings).toEqual([]);
    expect(loads).toBe(1);
  });

  it('refuses a usage field the resource type does not have, naming the file, line and the fields it has', () => {
    const usage = usageFile('version: 1\nresources:\n  F1:\n    standardGb: 7\n');
    const attempt = () => run({ source: 'x', stacks: [stack('dev/app', [lambda('F1')])] }, usage);
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(
      /dev\.yml:3:\d+ \/resources\/F1\/standardGb: expected a usage field of AWS::Lambda::Function: requests, averageDurationMs/,
    );
  });

  it('says how long the Free-plan credits last', () => {
    const key = resource('Key', 'AWS::KMS::Key');
    const e = estimate(
      { source: 'x', stacks: [stack('dev/a', [key])] },
      { catalogFor: () => fixtureCatalog(), creditsUsd: 4 },
    );
    expect(e.freeTier.credits).toMatchObject({ usd: 4, months: expect.closeTo(4 / e.totals.monthly, 1) });
    expect(e.freeTier.credits.note).toMatch(/lasts [\d.]+ months, less than the 6-month plan/);
  });
});
