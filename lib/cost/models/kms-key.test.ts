import { describe, expect, it } from 'vitest';
import { kmsKey } from './kms-key.ts';
import { componentsOf, monthlyCost, usageDefaults, usageRead } from './model-test-kit.ts';

describe('KMS key', () => {
  it('bills a key-month even when idle, replica keys too, and requests', () => {
    expect(componentsOf(kmsKey)[0]).toMatchObject({ priceId: 'kms.keys', quantity: 1, idle: true });
    expect(componentsOf(kmsKey, {}, { requests: 7 }, 'AWS::KMS::ReplicaKey')).toEqual([
      expect.objectContaining({ priceId: 'kms.keys', quantity: 1 }),
      expect.objectContaining({ priceId: 'kms.requests', quantity: 7 }),
    ]);
  });

  it('reads requests; by default 10,000 a month', () => {
    expect(usageDefaults(kmsKey)).toEqual({ requests: 10_000 });
    expect(usageRead(kmsKey)).toEqual(['requests']);
  });

  it('bills nothing for 20,000 requests a month; the key itself has no allowance', () => {
    const requests = (count: number) =>
      componentsOf(kmsKey, {}, { requests: count }).filter((c) => c.priceId === 'kms.requests');
    expect(monthlyCost(requests(20_000)).after).toBe(0);
    expect(monthlyCost(requests(20_001)).after).toBeGreaterThan(0);
    const key = monthlyCost(componentsOf(kmsKey).filter((c) => c.priceId === 'kms.keys'));
    expect(key.after).toBe(key.before);
    expect(key.before).toBeGreaterThan(0);
  });
});
