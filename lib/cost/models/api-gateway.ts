import type { CostModel } from './cost-model.ts';

/** REST APIs: requests, tiered. Stages, methods, keys and usage plans cost nothing themselves. */
export const restApi: CostModel = {
  types: ['AWS::ApiGateway::RestApi', 'AWS::Serverless::Api'],
  service: 'Amazon API Gateway',
  usage: {
    requests: { description: 'API calls per month', unit: 'requests', default: 10_000 },
  },
  components: ({ usage }) => [
    {
      name: 'REST API requests',
      priceId: 'apigateway.rest.requests',
      quantity: usage('requests'),
      basis: 'requests',
    },
  ],
};
