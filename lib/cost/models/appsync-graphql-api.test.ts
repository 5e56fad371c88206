import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../catalog/load-catalog.ts';
import { appSyncGraphQlApi } from './appsync-graphql-api.ts';
import { componentsOf, monthlyCost, quantities, usageDefaults, usageRead } from './model-test-kit.ts';

describe('AppSync GraphQL API', () => {
  it('bills operations, and real-time updates and connection minutes when subscriptions are used', () => {
    expect(quantities(componentsOf(appSyncGraphQlApi))).toEqual({
      'appsync.operations': 10_000,
      'appsync.realtime.updates': 0,
      'appsync.realtime.connection-minutes': 0,
    });
    expect(quantities(componentsOf(appSyncGraphQlApi, {}, {}, 'AWS::Serverless::GraphQLApi'))).toMatchObject({
      'appsync.operations': 10_000,
    });
    expect(usageDefaults(appSyncGraphQlApi)).toEqual({
      operations: 10_000,
      realTimeUpdates: 0,
      connectionMinutes: 0,
    });
    expect(usageRead(appSyncGraphQlApi)).toEqual(['connectionMinutes', 'operations', 'realTimeUpdates']);
  });

  it('prices real-time use by hand: 1 million updates = $2.00, 10 million minutes = $0.80', () => {
    const realTime = componentsOf(
      appSyncGraphQlApi,
      {},
      { realTimeUpdates: 1e6, connectionMinutes: 10e6 },
    ).filter((c) => c.priceId !== 'appsync.operations');
    expect(monthlyCost(realTime).after).toBeCloseTo(2.8, 6);
  });

  // Before the price was verified, 16 GraphQL APIs in the two public corpora were left unpriced.
  it("prices operations as AWS's pricing example 1: 5 million queries = $20.00", () => {
    const operations = componentsOf(appSyncGraphQlApi, {}, { operations: 5e6 }).filter(
      (c) => c.priceId === 'appsync.operations',
    );
    expect(monthlyCost(operations).after).toBeCloseTo(20, 6);
    expect(loadCatalog('us-east-1').prices['appsync.operations']?.tiers).toEqual([
      { from: 0, usd: 0.000004 },
    ]);
  });
});
