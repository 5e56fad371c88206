import type { CostModel } from './cost-model.ts';
import { PRICE_SERVICES } from './price-services.ts';

/**
 * AppSync GraphQL APIs (and SAM GraphQLApis): query and mutation operations, and for subscriptions the
 * real-time updates sent and the minutes clients stay connected. A cache (AWS::AppSync::ApiCache) is billed
 * by the hour on its own type. The free tier (250,000 operations and updates, 600,000 minutes) is a
 * 12-month offer for new accounts, so no always-free allowance.
 *
 * Pricing: https://aws.amazon.com/appsync/pricing/
 */
export const appSyncGraphQlApi: CostModel = {
  types: ['AWS::AppSync::GraphQLApi', 'AWS::Serverless::GraphQLApi'],
  service: 'AWS AppSync',
  usage: {
    operations: { description: 'Queries and mutations per month', unit: 'operations', default: 10_000 },
    realTimeUpdates: {
      description: 'Real-time updates per month (subscription messages sent, connection operations)',
      unit: 'updates',
      default: 0,
    },
    connectionMinutes: {
      description: 'Minutes clients stay connected for subscriptions per month',
      unit: 'minutes',
      default: 0,
    },
  },
  prices: [
    {
      service: PRICE_SERVICES.appSync,
      queries: [
        {
          id: 'appsync.operations',
          unit: 'Requests',
          description: 'AppSync GraphQL query and mutation operations',
          usageType: 'AppSync-Request',
        },
        {
          id: 'appsync.realtime.updates',
          unit: 'Updates',
          description: 'AppSync GraphQL real-time updates',
          usageType: 'AppSync-RealTimeUpdates',
        },
        {
          id: 'appsync.realtime.connection-minutes',
          unit: 'Minutes',
          description: 'AppSync GraphQL real-time connection minutes',
          usageType: 'AppSync-ConnectionMinutes',
        },
      ],
    },
  ],
  components: ({ usage }) => [
    {
      name: 'Query and mutation operations',
      priceId: 'appsync.operations',
      quantity: usage('operations'),
      basis: 'operations',
    },
    {
      name: 'Real-time updates',
      priceId: 'appsync.realtime.updates',
      quantity: usage('realTimeUpdates'),
      basis: 'realTimeUpdates',
    },
    {
      name: 'Real-time connection minutes',
      priceId: 'appsync.realtime.connection-minutes',
      quantity: usage('connectionMinutes'),
      basis: 'connectionMinutes',
    },
  ],
};
