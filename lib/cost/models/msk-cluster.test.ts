import { describe, expect, it } from 'vitest';
import { componentsOf, monthlyCost, quantities, unpricedReason, usageRead } from './model-test-kit.ts';
import { mskCluster } from './msk-cluster.ts';

const SERVERLESS = 'AWS::MSK::ServerlessCluster';

describe('MSK clusters', () => {
  it("matches Infracost's 2-broker kafka.t3.small cluster with 500 GB each: $66.58 + $100.00", () => {
    const c = componentsOf(mskCluster, {
      NumberOfBrokerNodes: 2,
      BrokerNodeGroupInfo: {
        InstanceType: 'kafka.t3.small',
        StorageInfo: { EBSStorageInfo: { VolumeSize: 500 } },
      },
    });
    expect(quantities(c)).toEqual({ 'msk.broker.kafka.t3.small': 1460, 'msk.storage': 1000 });
    expect(monthlyCost(c).before).toBeCloseTo(66.576 + 100, 6);
    expect(usageRead(mskCluster, { BrokerNodeGroupInfo: { InstanceType: 'kafka.t3.small' } })).toEqual([]);
  });

  it('gives each broker 1,000 GB when the template sets no volume size', () => {
    const c = componentsOf(mskCluster, {
      NumberOfBrokerNodes: 3,
      BrokerNodeGroupInfo: { InstanceType: 'kafka.t3.small' },
    });
    expect(quantities(c)).toEqual({ 'msk.broker.kafka.t3.small': 2190, 'msk.storage': 3000 });
  });

  it('bills serverless clusters by cluster hour, partition hour, storage and data in and out', () => {
    const c = componentsOf(
      mskCluster,
      {},
      { partitions: 20, storageGb: 5, dataInGb: 2, dataOutGb: 4 },
      SERVERLESS,
    );
    expect(quantities(c)).toEqual({
      'msk.serverless.cluster-hours': 730,
      'msk.serverless.partition-hours': 14_600,
      'msk.serverless.storage': 5,
      'msk.serverless.data-in': 2,
      'msk.serverless.data-out': 4,
    });
    expect(unpricedReason(mskCluster, {}, [], SERVERLESS)).toBeUndefined();
  });

  it('does not price Express brokers, provisioned throughput or an unknown broker type', () => {
    expect(
      unpricedReason(mskCluster, { BrokerNodeGroupInfo: { InstanceType: 'express.m7g.large' } }),
    ).toMatch(/Express/);
    expect(
      unpricedReason(mskCluster, {
        BrokerNodeGroupInfo: {
          InstanceType: 'kafka.m5.large',
          StorageInfo: { EBSStorageInfo: { ProvisionedThroughput: { Enabled: true } } },
        },
      }),
    ).toMatch(/provisioned storage throughput/);
    expect(unpricedReason(mskCluster, {})).toMatch(/broker instance type/);
  });
});
