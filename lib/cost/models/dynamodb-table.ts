import type { InventoryResource, InventoryStack } from '../../assembly/types.ts';
import {
  type ComponentSpec,
  type CostModel,
  formatCount,
  HOURS_PER_MONTH,
  nestedProperty,
  numberValue,
  stringProperty,
} from './cost-model.ts';
import { PRICE_SERVICES } from './price-services.ts';

/** DynamoDB's always-free provisioned capacity: 25 WCU and 25 RCU around the clock. */
const FREE_CAPACITY_HOURS = 25 * HOURS_PER_MONTH;

/** Provisioned read and write capacity of a table and its global secondary indexes, undefined where unknown. */
interface Capacity {
  readonly read?: number;
  readonly write?: number;
  readonly basis: string;
}

/**
 * DynamoDB tables and global tables, Standard table class: on-demand request units (from usage) or
 * provisioned capacity-unit hours (from the template, indexes included), and storage. The always-free
 * 25 GB, 25 WCU and 25 RCU are applied once per account. A global table is priced for its replica in the
 * stack's region; the other replicas and their replicated writes are billed in their own regions. A SAM
 * SimpleTable becomes a Table: provisioned when it has a ProvisionedThroughput, on-demand when not (the SAM
 * translator sets BillingMode PAY_PER_REQUEST then).
 *
 * Pricing: https://aws.amazon.com/dynamodb/pricing/on-demand/ and .../provisioned/
 */
export const dynamoDbTable: CostModel = {
  types: ['AWS::DynamoDB::Table', 'AWS::DynamoDB::GlobalTable', 'AWS::Serverless::SimpleTable'],
  service: 'Amazon DynamoDB',
  usage: {
    writeRequestUnits: {
      description: 'Write request units per month, on-demand tables (1 per standard write of up to 1 KB)',
      unit: 'WRU',
      default: 1_000_000,
    },
    readRequestUnits: {
      description:
        'Read request units per month, on-demand tables (1 per strongly consistent read of up to 4 KB, ½ eventually consistent)',
      unit: 'RRU',
      default: 1_000_000,
    },
    storageGb: { description: 'Table data and indexes stored', unit: 'GB', default: 1 },
  },
  prices: [
    {
      service: PRICE_SERVICES.dynamoDb,
      queries: [
        {
          id: 'dynamodb.on-demand.write',
          unit: 'WriteRequestUnits',
          description: 'DynamoDB on-demand write request unit, Standard table class',
          usageType: 'WriteRequestUnits',
        },
        {
          id: 'dynamodb.on-demand.read',
          unit: 'ReadRequestUnits',
          description: 'DynamoDB on-demand read request unit, Standard table class',
          usageType: 'ReadRequestUnits',
        },
        {
          id: 'dynamodb.provisioned.write',
          unit: 'WriteCapacityUnit-Hrs',
          description: 'DynamoDB provisioned write capacity unit hour, Standard table class',
          usageType: 'WriteCapacityUnit-Hrs',
          alwaysFree: {
            quantity: FREE_CAPACITY_HOURS,
            note: '25 WCU provisioned around the clock (730 h) are always free, per account',
          },
        },
        {
          id: 'dynamodb.provisioned.read',
          unit: 'ReadCapacityUnit-Hrs',
          description: 'DynamoDB provisioned read capacity unit hour, Standard table class',
          usageType: 'ReadCapacityUnit-Hrs',
          alwaysFree: {
            quantity: FREE_CAPACITY_HOURS,
            note: '25 RCU provisioned around the clock (730 h) are always free, per account',
          },
        },
        {
          id: 'dynamodb.storage',
          unit: 'GB-Mo',
          description: 'DynamoDB data storage, Standard table class',
          usageType: 'TimedStorage-ByteHrs',
          alwaysFree: {
            quantity: 25,
            note: 'the first 25 GB stored each month are always free, per account',
          },
        },
      ],
    },
  ],
  unpriced: ({ resource, stack }) => {
    const tableClass = [resource.properties.TableClass, localReplica(resource, stack)?.TableClass].find(
      (c) => typeof c === 'string',
    );
    if (tableClass !== undefined && tableClass !== 'STANDARD')
      return `the ${String(tableClass)} table class is not priced here (only STANDARD)`;
    if (onDemand(resource)) return undefined;
    const capacity = provisioned(resource, stack);
    return capacity.read === undefined || capacity.write === undefined
      ? 'its provisioned read/write capacity is not a fixed number in the template; not priced'
      : undefined;
  },
  components: ({ resource, stack, usage }) => {
    const storage: ComponentSpec = {
      name: 'Data storage',
      priceId: 'dynamodb.storage',
      quantity: usage('storageGb'),
      basis: 'storageGb',
    };
    const replicas = Array.isArray(resource.properties.Replicas) ? resource.properties.Replicas.length : 1;
    const others =
      replicas > 1 ? ` (this region's replica; ${replicas - 1} more billed in their regions)` : '';
    if (onDemand(resource)) {
      return [
        {
          name: 'Write request units (on-demand)',
          priceId: 'dynamodb.on-demand.write',
          quantity: usage('writeRequestUnits'),
          basis: `writeRequestUnits${others}`,
          unit: 'WRU',
        },
        {
          name: 'Read request units (on-demand)',
          priceId: 'dynamodb.on-demand.read',
          quantity: usage('readRequestUnits'),
          basis: `readRequestUnits${others}`,
          unit: 'RRU',
        },
        storage,
      ];
    }
    const capacity = provisioned(resource, stack);
    return [
      {
        name: 'Write capacity units (provisioned)',
        priceId: 'dynamodb.provisioned.write',
        quantity: HOURS_PER_MONTH * (capacity.write ?? 0),
        idle: true,
        basis: `730 h × ${formatCount(capacity.write ?? 0)} WCU (${capacity.basis})${others}`,
        unit: 'WCU-hours',
      },
      {
        name: 'Read capacity units (provisioned)',
        priceId: 'dynamodb.provisioned.read',
        quantity: HOURS_PER_MONTH * (capacity.read ?? 0),
        idle: true,
        basis: `730 h × ${formatCount(capacity.read ?? 0)} RCU (${capacity.basis})${others}`,
        unit: 'RCU-hours',
      },
      storage,
    ];
  },
};

/** Table and GlobalTable default to PROVISIONED when BillingMode is absent; a SimpleTable has no BillingMode. */
const onDemand = (resource: InventoryResource) =>
  resource.type === 'AWS::Serverless::SimpleTable'
    ? resource.properties.ProvisionedThroughput === undefined
    : stringProperty(resource, 'BillingMode', 'PROVISIONED') === 'PAY_PER_REQUEST';

/** A global table's replica in the stack's region (or its first replica when the region is not known). */
function localReplica(
  resource: InventoryResource,
  stack: InventoryStack,
): Record<string, unknown> | undefined {
  const replicas = resource.properties.Replicas;
  if (!Array.isArray(replicas)) return undefined;
  const list = replicas.filter((r): r is Record<string, unknown> => !!r && typeof r === 'object');
  return list.find((r) => stack.region !== undefined && r.Region === stack.region) ?? list[0];
}

const sum = (values: readonly (number | undefined)[]): number | undefined =>
  values.some((v) => v === undefined) ? undefined : values.reduce<number>((a, v) => a + (v ?? 0), 0);

function provisioned(resource: InventoryResource, stack: InventoryStack): Capacity {
  const indexes = Array.isArray(resource.properties.GlobalSecondaryIndexes)
    ? (resource.properties.GlobalSecondaryIndexes as Record<string, unknown>[])
    : [];
  if (resource.type !== 'AWS::DynamoDB::GlobalTable') {
    const throughputs = [
      resource.properties.ProvisionedThroughput,
      ...indexes.map((i) => i?.ProvisionedThroughput),
    ];
    const of = (key: string) =>
      sum(throughputs.map((t) => numberValue((t as Record<string, unknown> | undefined)?.[key])));
    const withIndexes = indexes.length > 0 ? ` + ${indexes.length} indexes` : '';
    return {
      read: of('ReadCapacityUnits'),
      write: of('WriteCapacityUnits'),
      basis: `ProvisionedThroughput${withIndexes}`,
    };
  }
  // Global tables set writes table-wide (auto scaling minimum) and reads per replica.
  const write = numberValue(
    nestedProperty(resource, [
      'WriteProvisionedThroughputSettings',
      'WriteCapacityAutoScalingSettings',
      'MinCapacity',
    ]),
  );
  const reads = localReplica(resource, stack)?.ReadProvisionedThroughputSettings as
    | Record<string, unknown>
    | undefined;
  const read =
    numberValue(reads?.ReadCapacityUnits) ??
    numberValue((reads?.ReadCapacityAutoScalingSettings as Record<string, unknown> | undefined)?.MinCapacity);
  return { read, write, basis: 'auto scaling minimum / replica read capacity' };
}
