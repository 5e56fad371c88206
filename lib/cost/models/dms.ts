import { type CostModel, HOURS_PER_MONTH, numberProperty, stringProperty } from './cost-model.ts';

/** DMS replication instances: instance hours (doubled for Multi-AZ) and storage. */
export const dmsReplicationInstance: CostModel = {
  types: ['AWS::DMS::ReplicationInstance'],
  service: 'AWS Database Migration Service',
  usage: {},
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
