import type { CostModel } from './cost-model.ts';
import { stringProperty } from './cost-model.ts';
import { PRICE_SERVICES } from './price-services.ts';

/**
 * API Gateway v2 APIs. HTTP APIs (and SAM HttpApis) bill requests, tiered, each request metered in 512 KB
 * increments; WebSocket APIs bill messages (32 KB increments) and connection minutes. Stages, routes and
 * integrations cost nothing themselves. The free tier (1 million calls, messages, 750,000 minutes) is a
 * 12-month offer for new accounts, so no always-free allowance.
 *
 * Pricing: https://aws.amazon.com/api-gateway/pricing/
 */
export const apiGatewayV2Api: CostModel = {
  types: ['AWS::ApiGatewayV2::Api', 'AWS::Serverless::HttpApi'],
  service: 'Amazon API Gateway',
  usage: {
    httpRequests: {
      description: 'HTTP API requests per month (each 512 KB of a request or response counts as one)',
      unit: 'requests',
      default: 10_000,
    },
    messages: {
      description: 'WebSocket messages sent and received per month (each 32 KB counts as one)',
      unit: 'messages',
      default: 10_000,
    },
    connectionMinutes: {
      description: 'WebSocket connection minutes per month (clients connected × minutes)',
      unit: 'minutes',
      default: 10_000,
    },
  },
  prices: [
    {
      service: PRICE_SERVICES.apiGateway,
      queries: [
        {
          id: 'apigateway.http.requests',
          unit: 'Requests',
          description: 'API Gateway HTTP API requests',
          usageType: 'ApiGatewayHttpRequest',
        },
        {
          id: 'apigateway.websocket.messages',
          unit: 'Messages',
          description: 'API Gateway WebSocket messages',
          usageType: 'ApiGatewayMessage',
          apiUnits: { Messages: 1, Requests: 1 },
        },
        {
          id: 'apigateway.websocket.connection-minutes',
          unit: 'Minutes',
          description: 'API Gateway WebSocket connection minutes',
          usageType: 'ApiGatewayMinute',
        },
      ],
    },
  ],
  components: ({ resource, usage }) =>
    resource.type === 'AWS::ApiGatewayV2::Api' &&
    stringProperty(resource, 'ProtocolType', 'HTTP') === 'WEBSOCKET'
      ? [
          {
            name: 'WebSocket messages',
            priceId: 'apigateway.websocket.messages',
            quantity: usage('messages'),
            basis: 'messages',
          },
          {
            name: 'WebSocket connection minutes',
            priceId: 'apigateway.websocket.connection-minutes',
            quantity: usage('connectionMinutes'),
            basis: 'connectionMinutes',
          },
        ]
      : [
          {
            name: 'HTTP API requests',
            priceId: 'apigateway.http.requests',
            quantity: usage('httpRequests'),
            basis: 'httpRequests',
          },
        ],
};
