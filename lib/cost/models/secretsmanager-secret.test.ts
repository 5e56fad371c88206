import { describe, expect, it } from 'vitest';
import { componentsOf, monthlyCost, quantities, usageDefaults, usageRead } from './model-test-kit.ts';
import { secret } from './secretsmanager-secret.ts';

describe('Secrets Manager secret', () => {
  it('bills a secret-month per secret and per replica, even when idle, and API calls', () => {
    expect(
      quantities(componentsOf(secret, { ReplicaRegions: [{ Region: 'eu-west-1' }] }))[
        'secretsmanager.secrets'
      ],
    ).toBe(2);
    expect(componentsOf(secret)[0]).toMatchObject({ quantity: 1, idle: true, basis: 'one secret' });
  });

  it('reads API calls; by default 1,000 a month', () => {
    expect(usageDefaults(secret)).toEqual({ apiCalls: 1_000 });
    expect(usageRead(secret)).toEqual(['apiCalls']);
    expect(quantities(componentsOf(secret))['secretsmanager.api-calls']).toBe(1_000);
  });

  it('has no always-free allowance', () => {
    const cost = monthlyCost(componentsOf(secret));
    expect(cost.before).toBeGreaterThan(0);
    expect(cost.after).toBe(cost.before);
  });
});
