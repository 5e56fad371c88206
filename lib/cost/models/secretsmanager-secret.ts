import type { CostModel } from './cost-model.ts';
import { PRICE_SERVICES } from './price-services.ts';

/**
 * Secrets Manager: a secret-month per secret and per replica region, plus API calls. Rotation adds no charge
 * of its own: its function is billed on the function, and the handful of calls each rotation makes count
 * in `apiCalls`.
 *
 * Pricing: https://aws.amazon.com/secrets-manager/pricing/
 */
export const secret: CostModel = {
  types: ['AWS::SecretsManager::Secret'],
  service: 'AWS Secrets Manager',
  usage: {
    apiCalls: { description: 'API calls per month', unit: 'requests', default: 1_000 },
  },
  prices: [
    {
      service: PRICE_SERVICES.secretsManager,
      queries: [
        {
          id: 'secretsmanager.secrets',
          unit: 'Secrets',
          description: 'Secrets Manager secret, per secret-month',
          usageType: 'AWSSecretsManager-Secrets',
        },
        {
          id: 'secretsmanager.api-calls',
          unit: 'Requests',
          description: 'Secrets Manager API calls',
          usageType: 'AWSSecretsManager-APIRequests',
        },
      ],
    },
  ],
  components: ({ resource, usage }) => {
    const replicas = Array.isArray(resource.properties.ReplicaRegions)
      ? resource.properties.ReplicaRegions.length
      : 0;
    return [
      {
        name: 'Secret',
        priceId: 'secretsmanager.secrets',
        quantity: 1 + replicas,
        idle: true,
        basis: replicas ? `1 + ${replicas} replicas` : 'one secret',
      },
      {
        name: 'API calls',
        priceId: 'secretsmanager.api-calls',
        quantity: usage('apiCalls'),
        basis: 'apiCalls',
      },
    ];
  },
};
