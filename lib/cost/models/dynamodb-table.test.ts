import { describe, expect, it } from 'vitest';
import { dynamoDbTable } from './dynamodb-table.ts';
import {
  componentsOf,
  monthlyCost,
  quantities,
  unpricedReason,
  usageDefaults,
  usageRead,
} from './model-test-kit.ts';

const GLOBAL = 'AWS::DynamoDB::GlobalTable';
const SIMPLE = 'AWS::Serverless::SimpleTable';

describe('DynamoDB tables', () => {
  it('bills on-demand request units and storage from usage', () => {
    const c = componentsOf(
      dynamoDbTable,
      { BillingMode: 'PAY_PER_REQUEST' },
      { writeRequestUnits: 3_000_000, readRequestUnits: 8_000_000, storageGb: 230 },
    );
    expect(quantities(c)).toEqual({
      'dynamodb.on-demand.write': 3_000_000,
      'dynamodb.on-demand.read': 8_000_000,
      'dynamodb.storage': 230,
    });
    // 3M × $0.625/M + 8M × $0.125/M + 230 GB × $0.25 = $1.875 + $1.00 + $57.50; the first 25 GB are free.
    const cost = monthlyCost(c);
    expect(cost.before).toBeCloseTo(60.375, 6);
    expect(cost.after).toBeCloseTo(60.375 - 25 * 0.25, 6);
    expect(usageRead(dynamoDbTable, { BillingMode: 'PAY_PER_REQUEST' })).toEqual([
      'readRequestUnits',
      'storageGb',
      'writeRequestUnits',
    ]);
  });

  it("bills provisioned capacity-unit hours from the template, indexes included, as Infracost's 20 WCU / 30 RCU table", () => {
    const c = componentsOf(dynamoDbTable, {
      ProvisionedThroughput: { ReadCapacityUnits: 20, WriteCapacityUnits: 15 },
      GlobalSecondaryIndexes: [
        { IndexName: 'byDate', ProvisionedThroughput: { ReadCapacityUnits: 10, WriteCapacityUnits: 5 } },
      ],
    });
    expect(quantities(c)).toEqual({
      'dynamodb.provisioned.write': 730 * 20,
      'dynamodb.provisioned.read': 730 * 30,
      'dynamodb.storage': 1,
    });
    const cost = monthlyCost(c);
    // Infracost: 20 WCU = $9.49, 30 RCU = $2.85 (no free tier); the always-free 25 WCU and 25 RCU leave 5 RCU.
    expect(cost.before).toBeCloseTo(9.49 + 2.847 + 0.25, 6);
    expect(cost.after).toBeCloseTo(730 * 5 * 0.00013, 6);
    expect(c[0]?.idle).toBe(true);
  });

  it('defaults to provisioned mode and says so when the capacity is not a fixed number', () => {
    expect(
      unpricedReason(dynamoDbTable, {
        ProvisionedThroughput: { ReadCapacityUnits: { Ref: 'Reads' }, WriteCapacityUnits: 5 },
      }),
    ).toMatch(/provisioned read\/write capacity is not a fixed number/);
    expect(
      unpricedReason(dynamoDbTable, {
        TableClass: 'STANDARD_INFREQUENT_ACCESS',
        BillingMode: 'PAY_PER_REQUEST',
      }),
    ).toMatch(/STANDARD_INFREQUENT_ACCESS table class is not priced/);
    expect(unpricedReason(dynamoDbTable, { BillingMode: 'PAY_PER_REQUEST' })).toBeUndefined();
  });

  it("prices a global table's replica in the stack's region and says the others bill elsewhere", () => {
    const onDemand = componentsOf(
      dynamoDbTable,
      { BillingMode: 'PAY_PER_REQUEST', Replicas: [{ Region: 'us-east-1' }, { Region: 'eu-west-1' }] },
      {},
      GLOBAL,
    );
    expect(onDemand[0]?.basis).toMatch(/1 more billed in their regions/);
    const provisioned = componentsOf(
      dynamoDbTable,
      {
        WriteProvisionedThroughputSettings: {
          WriteCapacityAutoScalingSettings: { MinCapacity: 5, MaxCapacity: 10 },
        },
        Replicas: [{ Region: 'us-east-1', ReadProvisionedThroughputSettings: { ReadCapacityUnits: 7 } }],
      },
      {},
      GLOBAL,
    );
    expect(quantities(provisioned)).toEqual({
      'dynamodb.provisioned.write': 730 * 5,
      'dynamodb.provisioned.read': 730 * 7,
      'dynamodb.storage': 1,
    });
    expect(unpricedReason(dynamoDbTable, { Replicas: [{ Region: 'us-east-1' }] }, [], GLOBAL)).toMatch(
      /not a fixed number/,
    );
  });

  // Before this model took SAM's SimpleTable, 21 in aws-samples/serverless-patterns were "no cost model".
  it('prices a SAM SimpleTable on demand without a ProvisionedThroughput, as the SAM translator makes it', () => {
    const primaryKey = { PrimaryKey: { Name: 'id', Type: 'String' } };
    expect(unpricedReason(dynamoDbTable, primaryKey, [], SIMPLE)).toBeUndefined();
    expect(
      quantities(componentsOf(dynamoDbTable, primaryKey, { writeRequestUnits: 2_000_000 }, SIMPLE)),
    ).toEqual({
      'dynamodb.on-demand.write': 2_000_000,
      'dynamodb.on-demand.read': 1_000_000,
      'dynamodb.storage': 1,
    });
    const provisioned = {
      ...primaryKey,
      ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 2 },
    };
    expect(quantities(componentsOf(dynamoDbTable, provisioned, {}, SIMPLE))).toEqual({
      'dynamodb.provisioned.write': 730 * 2,
      'dynamodb.provisioned.read': 730 * 5,
      'dynamodb.storage': 1,
    });
  });

  it('assumes a million reads and writes and 1 GB by default', () => {
    expect(usageDefaults(dynamoDbTable)).toEqual({
      writeRequestUnits: 1_000_000,
      readRequestUnits: 1_000_000,
      storageGb: 1,
    });
  });
});
