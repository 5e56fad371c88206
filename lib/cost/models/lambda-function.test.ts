import { describe, expect, it } from 'vitest';
import { lambdaFunction } from './lambda-function.ts';
import { componentsOf, monthlyCost, quantities, usageDefaults, usageRead } from './model-test-kit.ts';

describe('Lambda function', () => {
  it('computes GB-seconds from MemorySize, duration rounded up to the millisecond, and architecture', () => {
    const c = componentsOf(
      lambdaFunction,
      { MemorySize: 512, Architectures: ['arm64'] },
      { requests: 3_000_000, averageDurationMs: 999.2 },
    );
    expect(quantities(c)).toEqual({
      'lambda.requests': 3_000_000,
      'lambda.duration.arm64': 3_000_000 * 1 * 0.5,
    });
  });

  it('defaults to 128 MB on x86_64, and reads SAM functions too', () => {
    const c = componentsOf(
      lambdaFunction,
      {},
      { requests: 1000, averageDurationMs: 1000 },
      'AWS::Serverless::Function',
    );
    expect(quantities(c)).toEqual({ 'lambda.requests': 1000, 'lambda.duration.x86_64': 125 });
  });

  it('falls back to the default when MemorySize is not resolvable', () => {
    const c = componentsOf(
      lambdaFunction,
      { MemorySize: { Ref: 'Memory' } },
      { requests: 1, averageDurationMs: 1000 },
    );
    expect(quantities(c)['lambda.duration.x86_64']).toBe(0.125);
  });

  it('reads requests and average duration; by default 10,000 invocations of 200 ms', () => {
    expect(usageDefaults(lambdaFunction)).toEqual({ requests: 10_000, averageDurationMs: 200 });
    expect(usageRead(lambdaFunction)).toEqual(['averageDurationMs', 'requests']);
    expect(quantities(componentsOf(lambdaFunction))).toEqual({
      'lambda.requests': 10_000,
      'lambda.duration.x86_64': 250,
    });
  });

  it('bills nothing within the free tier: 1M requests and 400,000 GB-seconds, x86_64 and arm64 together', () => {
    const gigabyte = { MemorySize: 1024 };
    const within = componentsOf(lambdaFunction, gigabyte, { requests: 1_000_000, averageDurationMs: 400 });
    expect(monthlyCost(within).before).toBeGreaterThan(0);
    expect(monthlyCost(within).after).toBe(0);

    // 400,000 GB-seconds on each architecture: each alone is free, together they are not.
    const each = { requests: 500_000, averageDurationMs: 800 };
    const x86 = componentsOf(lambdaFunction, gigabyte, each);
    const arm = componentsOf(lambdaFunction, { ...gigabyte, Architectures: ['arm64'] }, each);
    expect(monthlyCost([...x86, ...arm]).after).toBeGreaterThan(0);
    expect(monthlyCost(x86).after).toBe(0);
    expect(monthlyCost(arm).after).toBe(0);
  });
});
