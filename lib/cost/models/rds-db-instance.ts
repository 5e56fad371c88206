import {
  type CostModel,
  formatCount,
  HOURS_PER_MONTH,
  numberProperty,
  stringProperty,
} from './cost-model.ts';
import type { PriceQuery } from './price-query.ts';
import { PRICE_SERVICES } from './price-services.ts';

/** Engines priced by instance class, as CloudFormation spells them, with the Price List's `databaseEngine`. */
const RDS_ENGINES: Readonly<Record<string, string>> = {
  mysql: 'MySQL',
  postgres: 'PostgreSQL',
  mariadb: 'MariaDB',
  'aurora-mysql': 'Aurora MySQL',
  'aurora-postgresql': 'Aurora PostgreSQL',
};
/** Engines whose Multi-AZ instance is billed as two single-AZ ones (a standby of the same class). */
const DOUBLED_FOR_MULTI_AZ = ['mysql', 'postgres', 'mariadb'];

/** Catalog id of an engine's on-demand single-AZ instance hour, e.g. `rds.mysql.db.t3.micro`. */
const rdsInstancePriceId = (engine: string, instanceClass: string) => `rds.${engine}.${instanceClass}`;

/** The Price List query of one engine and instance class; the refresh fills every class with it. */
export function rdsInstanceQuery(engine: string, instanceClass: string): PriceQuery {
  const databaseEngine = RDS_ENGINES[engine] ?? engine;
  return {
    id: rdsInstancePriceId(engine, instanceClass),
    unit: 'Hrs',
    description: `RDS for ${databaseEngine} ${instanceClass}, single-AZ`,
    usageType: `InstanceUsage:${instanceClass}`,
    attributes: { databaseEngine, deploymentOption: 'Single-AZ' },
    ...(instanceClass.includes('g.')
      ? { optional: 'Graviton (g) instances are not offered in every region' }
      : {}),
  };
}

/** The engine and class pairs whose price is bundled (verified, see the catalog's notes). */
const BUNDLED: readonly (readonly [string, string])[] = [
  ['mysql', 'db.t3.micro'],
  ['mysql', 'db.t4g.micro'],
  ['mysql', 'db.t3.small'],
];
const BUNDLED_AFTER_STORAGE: readonly (readonly [string, string])[] = [
  ['mysql', 'db.t3.large'],
  ['mysql', 'db.m5.large'],
  ['postgres', 'db.t3.micro'],
  ['postgres', 'db.t3.large'],
  ['mariadb', 'db.t3.large'],
  ['aurora-postgresql', 'db.t3.large'],
  ['mysql', 'db.t3.medium'],
];

/** CloudFormation's engine names for the same engine (`aurora` is Aurora MySQL 5.6). */
const normalEngine = (engine: string) => (engine === 'aurora' ? 'aurora-mysql' : engine);

/**
 * RDS instances: instance hours by engine and class (doubled for Multi-AZ MySQL, PostgreSQL and MariaDB)
 * and storage (gp2, gp3, io1 with its IOPS). Aurora instances bill their hours here and their storage on
 * the cluster; Aurora Serverless v2 instances (`db.serverless`) bill ACU-hours on the cluster. Oracle,
 * SQL Server and Db2 (license models) are not priced here.
 *
 * Pricing: https://aws.amazon.com/rds/pricing/
 */
export const dbInstance: CostModel = {
  types: ['AWS::RDS::DBInstance'],
  service: 'Amazon RDS',
  usage: {},
  prices: [
    {
      service: PRICE_SERVICES.rds,
      queries: [
        ...BUNDLED.map(([engine, instanceClass]) => rdsInstanceQuery(engine, instanceClass)),
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
        ...BUNDLED_AFTER_STORAGE.map(([engine, instanceClass]) => rdsInstanceQuery(engine, instanceClass)),
        {
          id: 'rds.storage.io1',
          unit: 'GB-Mo',
          description: 'RDS Provisioned IOPS (io1) storage, single-AZ',
          usageType: 'RDS:PIOPS-Storage',
        },
        {
          id: 'rds.io1.iops',
          unit: 'IOPS-Mo',
          description: 'RDS Provisioned IOPS (io1), single-AZ',
          usageType: 'RDS:PIOPS',
        },
      ],
    },
  ],
  unpriced: ({ resource }) => {
    const engine = normalEngine(stringProperty(resource, 'Engine', 'mysql').toLowerCase());
    if (!(engine in RDS_ENGINES))
      return `the ${engine} engine (licensed per edition) is not priced here (priced: ${Object.keys(RDS_ENGINES).join(', ')})`;
    const storageType = stringProperty(resource, 'StorageType', 'gp2');
    if (!engine.startsWith('aurora') && !['gp2', 'gp3', 'io1'].includes(storageType))
      return `${storageType} storage is not priced here (priced: gp2, gp3, io1)`;
    return undefined;
  },
  components: ({ resource }) => {
    const engine = normalEngine(stringProperty(resource, 'Engine', 'mysql').toLowerCase());
    const instanceClass = stringProperty(resource, 'DBInstanceClass', 'db.t3.micro');
    if (instanceClass === 'db.serverless') return [];
    const copies = resource.properties.MultiAZ === true && DOUBLED_FOR_MULTI_AZ.includes(engine) ? 2 : 1;
    const hours = {
      name: `Instance (${engine}, ${instanceClass})`,
      priceId: rdsInstancePriceId(engine, instanceClass),
      quantity: HOURS_PER_MONTH * copies,
      idle: true,
      basis: `730 h${copies > 1 ? ' × 2 (MultiAZ)' : ''}`,
    };
    // Aurora keeps its storage on the cluster.
    if (engine.startsWith('aurora')) return [hours];
    const storageGb = numberProperty(resource, 'AllocatedStorage', 20);
    const storageType = stringProperty(resource, 'StorageType', 'gp2');
    const storage = {
      name: `Storage (${storageType})`,
      priceId: `rds.storage.${storageType}`,
      quantity: storageGb * copies,
      idle: true,
      basis: `${storageGb} GB (AllocatedStorage)${copies > 1 ? ' × 2 (MultiAZ)' : ''}`,
    };
    if (storageType !== 'io1') return [hours, storage];
    const iops = numberProperty(resource, 'Iops', 1000);
    return [
      hours,
      storage,
      {
        name: 'Provisioned IOPS (io1)',
        priceId: 'rds.io1.iops',
        quantity: iops * copies,
        idle: true,
        basis: `${formatCount(iops)} IOPS (Iops)${copies > 1 ? ' × 2 (MultiAZ)' : ''}`,
      },
    ];
  },
};
