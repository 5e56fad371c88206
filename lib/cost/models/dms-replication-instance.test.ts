import { describe, expect, it } from 'vitest';
import { dmsReplicationInstance } from './dms-replication-instance.ts';
import { componentsOf, monthlyCost, quantities, usageRead } from './model-test-kit.ts';

describe('DMS replication instance', () => {
  it('bills hours by class, doubled for Multi-AZ, and storage', () => {
    const c = componentsOf(dmsReplicationInstance, {
      ReplicationInstanceClass: 'dms.t3.micro',
      MultiAZ: true,
      AllocatedStorage: 50,
    });
    expect(quantities(c)).toEqual({ 'dms.instance.dms.t3.micro': 1460, 'dms.storage.gp2': 100 });
    expect(c.every((x) => x.idle)).toBe(true);
  });

  it('defaults to a single-AZ dms.t3.medium with 50 GB, as DMS does', () => {
    expect(quantities(componentsOf(dmsReplicationInstance))).toEqual({
      'dms.instance.dms.t3.medium': 730,
      'dms.storage.gp2': 50,
    });
  });

  it('needs no usage: an instance is billed every hour it exists', () => {
    expect(dmsReplicationInstance.usage).toEqual({});
    expect(usageRead(dmsReplicationInstance)).toEqual([]);
  });

  it('has no always-free allowance', () => {
    const cost = monthlyCost(componentsOf(dmsReplicationInstance));
    expect(cost.before).toBeGreaterThan(0);
    expect(cost.after).toBe(cost.before);
  });
});
