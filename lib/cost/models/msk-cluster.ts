import type { InventoryResource } from '../../assembly/types.ts';
import {
  type CostModel,
  HOURS_PER_MONTH,
  nestedProperty,
  numberProperty,
  numberValue,
} from './cost-model.ts';
import type { PriceQuery } from './price-query.ts';
import { PRICE_SERVICES } from './price-services.ts';

/** Catalog id of a broker type's hour, e.g. `msk.broker.kafka.t3.small`. */
const mskBrokerPriceId = (instanceType: string) => `msk.broker.${instanceType}`;

/** The Price List query of one Standard broker type; the refresh fills every type with it. */
function mskBrokerQuery(instanceType: string, unverified?: string): PriceQuery {
  return {
    id: mskBrokerPriceId(instanceType),
    unit: 'Hrs',
    description: `MSK Standard broker ${instanceType}`,
    usageType: `Kafka.${instanceType.replace(/^kafka\./, '')}`,
    ...(unverified ? { unverified } : {}),
  };
}

const NO_SOURCE = 'no stored pricing page or Infracost output states its us-east-1 rate';

/**
 * MSK provisioned clusters (Standard brokers): broker hours × NumberOfBrokerNodes and EBS storage per broker.
 * MSK Serverless clusters: cluster hours, partition hours, storage and data in and out. Express brokers
 * and provisioned storage throughput are not priced here.
 *
 * Pricing: https://aws.amazon.com/msk/pricing/
 */
export const mskCluster: CostModel = {
  types: ['AWS::MSK::Cluster', 'AWS::MSK::ServerlessCluster'],
  service: 'Amazon MSK',
  usage: {
    partitions: { description: 'Partitions of all topics (MSK Serverless)', unit: 'partitions', default: 10 },
    storageGb: { description: 'Data retained (MSK Serverless)', unit: 'GB', default: 1 },
    dataInGb: { description: 'Data produced per month (MSK Serverless)', unit: 'GB', default: 1 },
    dataOutGb: { description: 'Data consumed per month (MSK Serverless)', unit: 'GB', default: 1 },
  },
  prices: [
    {
      service: PRICE_SERVICES.msk,
      queries: [
        mskBrokerQuery('kafka.t3.small'),
        mskBrokerQuery('kafka.m5.large', NO_SOURCE),
        mskBrokerQuery('kafka.m7g.large', NO_SOURCE),
        {
          id: 'msk.storage',
          unit: 'GB-Mo',
          description: 'MSK broker storage (EBS)',
          usageType: 'Kafka.Storage.GP2',
        },
        ...(
          [
            ['cluster-hours', 'Hrs', 'cluster hour', 'Kafka.Serverless.Cluster'],
            ['partition-hours', 'Partition-Hrs', 'partition hour', 'Kafka.Serverless.Partitions'],
            ['storage', 'GB-Mo', 'storage', 'Kafka.Serverless.Storage'],
            ['data-in', 'GB', 'data in', 'Kafka.Serverless.DataIn'],
            ['data-out', 'GB', 'data out', 'Kafka.Serverless.DataOut'],
          ] as const
        ).map(
          ([id, unit, what, usageType]): PriceQuery => ({
            id: `msk.serverless.${id}`,
            unit,
            description: `MSK Serverless ${what}`,
            usageType,
            unverified: NO_SOURCE,
          }),
        ),
      ],
    },
  ],
  unpriced: ({ resource }) => {
    if (resource.type === 'AWS::MSK::ServerlessCluster') return undefined;
    const type = brokerType(resource);
    if (type === undefined)
      return 'its broker instance type is not a fixed value in the template; not priced';
    if (type.startsWith('express.')) return 'Express brokers are not priced here (only Standard brokers)';
    return nestedProperty(resource, [
      'BrokerNodeGroupInfo',
      'StorageInfo',
      'EBSStorageInfo',
      'ProvisionedThroughput',
      'Enabled',
    ]) === true
      ? 'provisioned storage throughput is not priced here'
      : undefined;
  },
  components: ({ resource, usage }) => {
    if (resource.type === 'AWS::MSK::ServerlessCluster') {
      const partitions = usage('partitions');
      return [
        {
          name: 'Cluster hours',
          priceId: 'msk.serverless.cluster-hours',
          quantity: HOURS_PER_MONTH,
          idle: true,
          basis: '730 h',
        },
        {
          name: 'Partition hours',
          priceId: 'msk.serverless.partition-hours',
          quantity: HOURS_PER_MONTH * partitions,
          idle: true,
          basis: `730 h × ${partitions} partitions (partitions)`,
          unit: 'partition-hours',
        },
        {
          name: 'Storage',
          priceId: 'msk.serverless.storage',
          quantity: usage('storageGb'),
          basis: 'storageGb',
        },
        {
          name: 'Data in',
          priceId: 'msk.serverless.data-in',
          quantity: usage('dataInGb'),
          basis: 'dataInGb',
        },
        {
          name: 'Data out',
          priceId: 'msk.serverless.data-out',
          quantity: usage('dataOutGb'),
          basis: 'dataOutGb',
        },
      ];
    }
    const type = brokerType(resource) ?? '';
    const brokers = numberProperty(resource, 'NumberOfBrokerNodes', 3);
    // MSK gives each broker 1,000 GiB when the template sets no volume size.
    const sizeGb =
      numberValue(
        nestedProperty(resource, ['BrokerNodeGroupInfo', 'StorageInfo', 'EBSStorageInfo', 'VolumeSize']),
      ) ?? 1000;
    return [
      {
        name: `Brokers (${type})`,
        priceId: mskBrokerPriceId(type),
        quantity: HOURS_PER_MONTH * brokers,
        idle: true,
        basis: `730 h × ${brokers} brokers (NumberOfBrokerNodes)`,
      },
      {
        name: 'Broker storage',
        priceId: 'msk.storage',
        quantity: sizeGb * brokers,
        idle: true,
        basis: `${sizeGb} GB (VolumeSize) × ${brokers} brokers`,
      },
    ];
  },
};

function brokerType(resource: InventoryResource): string | undefined {
  const type = nestedProperty(resource, ['BrokerNodeGroupInfo', 'InstanceType']);
  return typeof type === 'string' ? type : undefined;
}
