import { describe, expect, it } from 'vitest';
import { componentsOf, monthlyCost, quantities, unpricedReason, usageRead } from './model-test-kit.ts';
import { dbInstance, rdsInstanceQuery } from './rds-db-instance.ts';

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

  // db.t3.small was missing: the commonest unpriced class in aws-cloudformation-templates.
  it("matches Infracost's MySQL db.t3.small single-AZ: 730 h = $24.82", () => {
    const c = componentsOf(dbInstance, {
      Engine: 'mysql',
      DBInstanceClass: 'db.t3.small',
      AllocatedStorage: 100,
    });
    expect(quantities(c)).toEqual({ 'rds.mysql.db.t3.small': 730, 'rds.storage.gp2': 100 });
    expect(monthlyCost(c.filter((x) => x.priceId === 'rds.mysql.db.t3.small')).before).toBeCloseTo(24.82, 2);
  });

  // db.t3.medium was missing: 4 MySQL instances in aws-cloudformation-templates went unpriced for it.
  it('prices MySQL db.t3.medium single-AZ at $0.068 an hour: 730 h = $49.64', () => {
    const c = componentsOf(dbInstance, {
      Engine: 'mysql',
      DBInstanceClass: 'db.t3.medium',
      AllocatedStorage: 20,
    });
    expect(monthlyCost(c.filter((x) => x.priceId === 'rds.mysql.db.t3.medium')).before).toBeCloseTo(49.64, 2);
  });

  it("matches Infracost's MySQL db.t3.large Multi-AZ with 30 GB gp2: $198.56 + $6.90", () => {
    const c = componentsOf(dbInstance, {
      Engine: 'mysql',
      DBInstanceClass: 'db.t3.large',
      MultiAZ: true,
      AllocatedStorage: 30,
    });
    expect(quantities(c)).toEqual({ 'rds.mysql.db.t3.large': 1460, 'rds.storage.gp2': 60 });
    expect(monthlyCost(c).before).toBeCloseTo(198.56 + 6.9, 6);
  });

  it("bills io1 storage and its IOPS, as Infracost's MySQL io1 instance: 100 GB $12.50 + 1,200 IOPS $120.00", () => {
    const c = componentsOf(dbInstance, {
      Engine: 'mysql',
      DBInstanceClass: 'db.t3.large',
      StorageType: 'io1',
      AllocatedStorage: 100,
      Iops: 1200,
    });
    expect(quantities(c)).toEqual({
      'rds.mysql.db.t3.large': 730,
      'rds.storage.io1': 100,
      'rds.io1.iops': 1200,
    });
    expect(monthlyCost(c).before).toBeCloseTo(99.28 + 12.5 + 120, 6);
  });

  it('prices Aurora instances by the hour only (storage is on the cluster) and serverless v2 instances on the cluster', () => {
    const aurora = {
      Engine: 'aurora-postgresql',
      DBInstanceClass: 'db.t3.large',
      DBClusterIdentifier: { Ref: 'Db' },
    };
    expect(quantities(componentsOf(dbInstance, aurora))).toEqual({
      'rds.aurora-postgresql.db.t3.large': 730,
    });
    expect(componentsOf(dbInstance, { ...aurora, DBInstanceClass: 'db.serverless' })).toEqual([]);
  });

  it('looks every engine and class up under rds.<engine>.<class>; licensed engines are not priced here', () => {
    expect(rdsInstanceQuery('postgres', 'db.r6g.large')).toMatchObject({
      id: 'rds.postgres.db.r6g.large',
      usageType: 'InstanceUsage:db.r6g.large',
      attributes: { databaseEngine: 'PostgreSQL', deploymentOption: 'Single-AZ' },
    });
    expect(unpricedReason(dbInstance, { Engine: 'sqlserver-ex' })).toMatch(/sqlserver-ex engine/);
    expect(unpricedReason(dbInstance, { Engine: 'postgres', StorageType: 'standard' })).toMatch(
      /standard storage/,
    );
    expect(unpricedReason(dbInstance, { Engine: 'postgres' })).toBeUndefined();
  });
});
