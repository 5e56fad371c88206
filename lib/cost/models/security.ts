import { type CostModel, DAYS_PER_MONTH } from './cost-model.ts';

/** KMS customer-managed keys: a key-month each (replicas too), plus requests. */
export const kmsKey: CostModel = {
  types: ['AWS::KMS::Key', 'AWS::KMS::ReplicaKey'],
  service: 'AWS KMS',
  usage: {
    requests: {
      description: 'Cryptographic requests per month (S3 Bucket Keys keep this low)',
      unit: 'requests',
      default: 10_000,
    },
  },
  components: ({ usage }) => [
    { name: 'Customer-managed key', priceId: 'kms.keys', quantity: 1, idle: true, basis: 'one key' },
    { name: 'Requests', priceId: 'kms.requests', quantity: usage('requests'), basis: 'requests' },
  ],
};

/** Secrets Manager: a secret-month per secret and per replica region, plus API calls. */
export const secret: CostModel = {
  types: ['AWS::SecretsManager::Secret'],
  service: 'AWS Secrets Manager',
  usage: {
    apiCalls: { description: 'API calls per month', unit: 'requests', default: 1_000 },
  },
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

/**
 * Budget actions make their budget action-enabled: a budget-day each day of the month (the account's first
 * two action-enabled budgets are free). Budgets that only notify cost nothing (listed as free).
 */
export const budgetAction: CostModel = {
  types: ['AWS::Budgets::BudgetsAction'],
  service: 'AWS Budgets',
  usage: {},
  components: () => [
    {
      name: 'Budget',
      priceId: 'budgets.budget-days',
      quantity: DAYS_PER_MONTH,
      idle: true,
      basis: '30.42 budget-days',
    },
  ],
};
