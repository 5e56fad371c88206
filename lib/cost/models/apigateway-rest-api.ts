import type { CostModel } from './cost-model.ts';
import { PRICE_SERVICES } from './price-services.ts';

/**
 * REST APIs: requests, tiered. Stages, methods, keys and usage plans cost nothing themselves.
 *
 * Pricing: https://aws.amazon.com/api-gateway/pricing/
 */
export const restApi: CostModel = {
  types: ['AWS::ApiGateway::RestApi', 'AWS::Serverless::Api'],
  service: 'Amazon API Gateway',
  usage: {
    requests: { description: 'API calls per month', unit: 'requests', default: 10_000 },
  },
  prices: [
    {
      service: PRICE_SERVICES.apiGateway,
      queries: [
        {
          id: 'apigateway.rest.requests',
          unit: 'Requests',
          description: 'API Gateway REST API requests',
          usageType: 'ApiGatewayRequest',
        },
      ],
    },
  ],
  components: ({ usage }) => [
    {
      name: 'REST API requests',
      priceId: 'apigateway.rest.requests',
      quantity: usage('requests'),
      basis: 'requests',
    },
  ],
};
