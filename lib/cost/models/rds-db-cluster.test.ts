import { describe, expect, it } from 'vitest';
import {
  componentsBeside,
  componentsOf,
  monthlyCost,
  neighbour,
  quantities,
  unpricedReason,
  usageDefaults,
} from './model-test-kit.ts';
import { dbCluster } from './rds-db-cluster.ts';

const serverless = (id: string) =>
  neighbour(id, 'AWS::RDS::DBInstance', {
    Engine: 'aurora-postgresql',
    DBInstanceClass: 'db.serverless',
    DBClusterIdentifier: { Ref: 'Subject' },
  });

describe('Aurora clusters', () => {
  it("bills storage and I/O, as Infracost's cluster: 100 GB $10.00 + 52.56 million I/Os $10.51", () => {
    const c = componentsOf(dbCluster, { Engine: 'aurora-mysql' }, { storageGb: 100, ioRequests: 52_560_000 });
    expect(quantities(c)).toEqual({ 'rds.aurora.storage': 100, 'rds.aurora.io': 52_560_000 });
    expect(monthlyCost(c).before).toBeCloseTo(10 + 10.512, 6);
  });

  it('bills Serverless v2 ACU-hours for each db.serverless instance, never below MinCapacity', () => {
    const properties = {
      Engine: 'aurora-postgresql',
      ServerlessV2ScalingConfiguration: { MinCapacity: 1, MaxCapacity: 8 },
    };
    const c = componentsBeside(dbCluster, properties, [serverless('Writer'), serverless('Reader')]);
    // 730 h × max(0.5 averageAcus, 1 MinCapacity) × 2 instances.
    expect(quantities(c)).toMatchObject({ 'rds.aurora.serverless-v2': 1460 });
    expect(c[0]?.idle).toBe(true);
    const busier = componentsBeside(dbCluster, properties, [serverless('Writer')], { averageAcus: 2.5 });
    expect(quantities(busier)).toMatchObject({ 'rds.aurora.serverless-v2': 1825 });
    // 1,825 ACU-hours × $0.12 + 10 GB × $0.10 + 1M I/Os × $0.20/M.
    expect(monthlyCost(busier).before).toBeCloseTo(219 + 1 + 0.2, 6);
  });

  it('assumes one writer when its instances are elsewhere, and nothing idle when it scales to zero', () => {
    const c = componentsOf(dbCluster, {
      Engine: 'aurora-mysql',
      ServerlessV2ScalingConfiguration: { MinCapacity: 0, MaxCapacity: 4 },
    });
    expect(quantities(c)).toMatchObject({ 'rds.aurora.serverless-v2': 365 });
    expect(c[0]?.idle).toBe(false);
    expect(usageDefaults(dbCluster)).toEqual({ averageAcus: 0.5, storageGb: 10, ioRequests: 1_000_000 });
  });

  it('does not price I/O-Optimized storage, Serverless v1 or Multi-AZ DB clusters, and says so', () => {
    expect(unpricedReason(dbCluster, { Engine: 'aurora-mysql', StorageType: 'aurora-iopt1' })).toMatch(
      /I\/O-Optimized/,
    );
    expect(unpricedReason(dbCluster, { Engine: 'aurora-mysql', EngineMode: 'serverless' })).toMatch(
      /Serverless v1/,
    );
    expect(unpricedReason(dbCluster, { Engine: 'postgres' })).toMatch(/Multi-AZ DB clusters/);
    expect(unpricedReason(dbCluster, { Engine: 'aurora-postgresql' })).toBeUndefined();
  });
});
