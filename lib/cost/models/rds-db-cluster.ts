import {
  type CostModel,
  formatCount,
  HOURS_PER_MONTH,
  nestedProperty,
  numberValue,
  referencedResource,
  stringProperty,
} from './cost-model.ts';
import { PRICE_SERVICES } from './price-services.ts';

/**
 * Aurora clusters (Aurora Standard storage): storage GB-months and I/O requests, and for Aurora Serverless v2
 * the ACU-hours of its `db.serverless` instances (provisioned instances bill their hours on the instance).
 * Aurora MySQL and Aurora PostgreSQL cost the same for these. I/O-Optimized storage, Aurora Serverless v1
 * and Multi-AZ DB clusters of MySQL/PostgreSQL are not priced here.
 *
 * Pricing: https://aws.amazon.com/rds/aurora/pricing/
 */
export const dbCluster: CostModel = {
  types: ['AWS::RDS::DBCluster'],
  service: 'Amazon Aurora',
  usage: {
    averageAcus: {
      description:
        'Average Aurora Serverless v2 capacity of each serverless instance (never below the MinCapacity of the template)',
      unit: 'ACU',
      default: 0.5,
    },
    storageGb: { description: 'Data stored in the cluster volume', unit: 'GB', default: 10 },
    ioRequests: {
      description: 'Read and write I/O requests per month',
      unit: 'requests',
      default: 1_000_000,
    },
  },
  prices: [
    {
      service: PRICE_SERVICES.rds,
      queries: [
        {
          id: 'rds.aurora.serverless-v2',
          unit: 'ACU-Hr',
          description: 'Aurora Serverless v2 capacity unit hour (Aurora Standard)',
          usageType: 'Aurora:ServerlessV2Usage',
          attributes: { databaseEngine: 'Aurora MySQL' },
          apiUnits: { 'ACU-Hr': 1, 'ACU-Hrs': 1, 'ACU-Hours': 1 },
        },
        {
          id: 'rds.aurora.storage',
          unit: 'GB-Mo',
          description: 'Aurora Standard storage',
          usageType: 'Aurora:StorageUsage',
        },
        {
          id: 'rds.aurora.io',
          unit: 'IOs',
          description: 'Aurora Standard I/O requests',
          usageType: 'Aurora:StorageIOUsage',
        },
      ],
    },
  ],
  unpriced: ({ resource }) => {
    const engine = stringProperty(resource, 'Engine', '');
    if (!engine.startsWith('aurora'))
      return `Multi-AZ DB clusters (${engine || 'engine not set'}) are not priced here; only Aurora`;
    if (resource.properties.EngineMode === 'serverless')
      return 'Aurora Serverless v1 is not priced here (AWS retired it; v2 is priced)';
    if (resource.properties.StorageType === 'aurora-iopt1')
      return 'Aurora I/O-Optimized storage is not priced here (only Aurora Standard)';
    return undefined;
  },
  components: ({ resource, stack, usage }) => {
    const storage = [
      {
        name: 'Storage (Aurora Standard)',
        priceId: 'rds.aurora.storage',
        quantity: usage('storageGb'),
        basis: 'storageGb',
      },
      {
        name: 'I/O requests',
        priceId: 'rds.aurora.io',
        quantity: usage('ioRequests'),
        basis: 'ioRequests',
        unit: 'requests',
      },
    ];
    const scaling = resource.properties.ServerlessV2ScalingConfiguration;
    if (scaling === undefined) return storage;
    const minimum =
      numberValue(nestedProperty(resource, ['ServerlessV2ScalingConfiguration', 'MinCapacity'])) ?? 0;
    const acus = Math.max(usage('averageAcus'), minimum);
    const members = stack.resources.filter(
      (r) =>
        r.type === 'AWS::RDS::DBInstance' &&
        r.properties.DBInstanceClass === 'db.serverless' &&
        referencedResource(stack, r.properties.DBClusterIdentifier) === resource,
    ).length;
    // A cluster whose instances live elsewhere still has at least its writer.
    const instances = Math.max(members, 1);
    return [
      {
        name: 'Aurora Serverless v2 capacity',
        priceId: 'rds.aurora.serverless-v2',
        quantity: HOURS_PER_MONTH * acus * instances,
        idle: minimum > 0,
        basis: `730 h × ${formatCount(acus)} ACU (averageAcus, MinCapacity ${formatCount(minimum)}) × ${instances} serverless instances`,
        unit: 'ACU-hours',
      },
      ...storage,
    ];
  },
};
