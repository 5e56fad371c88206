import { type CostModel, HOURS_PER_MONTH, numberProperty, stringProperty } from './cost-model.ts';
import type { PriceQuery } from './price-query.ts';
import { PRICE_SERVICES } from './price-services.ts';

/**
 * RDS instances: instance hours (doubled for Multi-AZ) and storage; the engine and class pick the price.
 * The catalog prices single-AZ MySQL on the smallest classes; other engines and classes are not priced.
 *
 * Pricing: https://aws.amazon.com/rds/mysql/pricing/
 */
export const dbInstance: CostModel = {
  types: ['AWS::RDS::DBInstance'],
  service: 'Amazon RDS',
  usage: {},
  prices: [
    {
      service: PRICE_SERVICES.rds,
      queries: [
        ...['db.t3.micro', 'db.t4g.micro'].map(
          (instanceType): PriceQuery => ({
            id: `rds.mysql.${instanceType}`,
            unit: 'Hrs',
            description: `RDS for MySQL ${instanceType}, single-AZ`,
            usageType: `InstanceUsage:${instanceType}`,
            attributes: { databaseEngine: 'MySQL', deploymentOption: 'Single-AZ' },
            ...(instanceType === 'db.t4g.micro'
              ? { optional: 'Graviton (t4g) instances are not offered in every region' }
              : {}),
          }),
        ),
        {
          id: 'rds.storage.gp2',
          unit: 'GB-Mo',
          description: 'RDS gp2 storage, single-AZ',
          usageType: 'RDS:GP2-Storage',
        },
        {
          id: 'rds.storage.gp3',
          unit: 'GB-Mo',
          description: 'RDS gp3 storage, single-AZ',
          usageType: 'RDS:GP3-Storage',
        },
      ],
    },
  ],
  components: ({ resource }) => {
    const engine = stringProperty(resource, 'Engine', 'mysql').toLowerCase();
    const instanceClass = stringProperty(resource, 'DBInstanceClass', 'db.t3.micro');
    const copies = resource.properties.MultiAZ === true ? 2 : 1;
    const storageGb = numberProperty(resource, 'AllocatedStorage', 20);
    const storageType = stringProperty(resource, 'StorageType', 'gp2');
    return [
      {
        name: `Instance (${engine}, ${instanceClass})`,
        priceId: `rds.${engine}.${instanceClass}`,
        quantity: HOURS_PER_MONTH * copies,
        idle: true,
        basis: `730 h${copies > 1 ? ' × 2 (MultiAZ)' : ''}`,
      },
      {
        name: `Storage (${storageType})`,
        priceId: `rds.storage.${storageType}`,
        quantity: storageGb * copies,
        idle: true,
        basis: `${storageGb} GB (AllocatedStorage)`,
      },
    ];
  },
};
