import { describe, expect, it } from 'vitest';
import { componentsOf, monthlyCost, quantities, usageRead } from './model-test-kit.ts';
import { dbInstance } from './rds-db-instance.ts';

describe('RDS DB instance', () => {
  it('bills the engine and class by the hour and storage by type', () => {
    const c = componentsOf(dbInstance, {
      Engine: 'MySQL',
      DBInstanceClass: 'db.t3.micro',
      AllocatedStorage: 20,
      StorageType: 'gp3',
    });
    expect(quantities(c)).toEqual({ 'rds.mysql.db.t3.micro': 730, 'rds.storage.gp3': 20 });
  });

  it('doubles hours and storage for Multi-AZ; defaults to MySQL on db.t3.micro with 20 GB of gp2', () => {
    expect(quantities(componentsOf(dbInstance, { MultiAZ: true }))).toEqual({
      'rds.mysql.db.t3.micro': 1460,
      'rds.storage.gp2': 40,
    });
  });

  it('needs no usage: an instance is billed every hour it exists', () => {
    expect(dbInstance.usage).toEqual({});
    expect(usageRead(dbInstance)).toEqual([]);
  });

  it('has no always-free allowance (its free tier is a 12-month offer for new accounts)', () => {
    const cost = monthlyCost(componentsOf(dbInstance));
    expect(cost.before).toBeGreaterThan(0);
    expect(cost.after).toBe(cost.before);
  });
});
