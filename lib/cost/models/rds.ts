import { type CostModel, HOURS_PER_MONTH, numberProperty, stringProperty } from './cost-model.ts';

/** RDS instances: instance hours (doubled for Multi-AZ) and storage; the engine and class pick the price. */
export const dbInstance: CostModel = {
  types: ['AWS::RDS::DBInstance'],
  service: 'Amazon RDS',
  usage: {},
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
