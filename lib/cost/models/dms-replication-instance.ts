import { type CostModel, HOURS_PER_MONTH, numberProperty, stringProperty } from './cost-model.ts';
import type { PriceQuery } from './price-query.ts';
import { PRICE_SERVICES } from './price-services.ts';

/** The instance classes priced: the small ones a learner runs. */
const INSTANCE_SIZES = ['t3.micro', 't3.small', 't3.medium'] as const;

/**
 * DMS replication instances: instance hours (doubled for Multi-AZ) and storage.
 *
 * Pricing: https://aws.amazon.com/dms/pricing/
 */
export const dmsReplicationInstance: CostModel = {
  types: ['AWS::DMS::ReplicationInstance'],
  service: 'AWS Database Migration Service',
  usage: {},
  prices: [
    {
      service: PRICE_SERVICES.dms,
      queries: [
        ...INSTANCE_SIZES.map(
          (size): PriceQuery => ({
            id: `dms.instance.dms.${size}`,
            unit: 'Hrs',
            description: `DMS replication instance dms.${size}, single-AZ`,
            attributes: { instanceType: size, availabilityZone: 'Single' },
          }),
        ),
        {
          id: 'dms.storage.gp2',
          unit: 'GB-Mo',
          description: 'DMS replication storage (gp2), single-AZ',
          attributes: { storageMedia: 'SSD', availabilityZone: 'Single' },
        },
      ],
    },
  ],
  components: ({ resource }) => {
    const instanceClass = stringProperty(resource, 'ReplicationInstanceClass', 'dms.t3.medium');
    const copies = resource.properties.MultiAZ === true ? 2 : 1;
    const storageGb = numberProperty(resource, 'AllocatedStorage', 50);
    return [
      {
        name: `Instance (${instanceClass})`,
        priceId: `dms.instance.${instanceClass}`,
        quantity: HOURS_PER_MONTH * copies,
        idle: true,
        basis: `730 h${copies > 1 ? ' × 2 (MultiAZ)' : ''}`,
      },
      {
        name: 'Storage (gp2)',
        priceId: 'dms.storage.gp2',
        quantity: storageGb * copies,
        idle: true,
        basis: `${storageGb} GB (AllocatedStorage)`,
      },
    ];
  },
};
