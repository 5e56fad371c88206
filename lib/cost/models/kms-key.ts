import type { CostModel } from './cost-model.ts';
import { PRICE_SERVICES } from './price-services.ts';

/**
 * KMS customer-managed keys: a key-month each (replicas too), plus requests.
 *
 * Pricing: https://aws.amazon.com/kms/pricing/
 */
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
  prices: [
    {
      service: PRICE_SERVICES.kms,
      queries: [
        {
          id: 'kms.keys',
          unit: 'Keys',
          description: 'KMS customer managed key, per key-month',
          usageType: 'KMS-Keys',
        },
        {
          id: 'kms.requests',
          unit: 'Requests',
          description: 'KMS symmetric key requests',
          usageType: 'KMS-Requests',
          alwaysFree: { quantity: 20_000, note: 'KMS free tier: 20,000 requests per month' },
        },
      ],
    },
  ],
  components: ({ usage }) => [
    { name: 'Customer-managed key', priceId: 'kms.keys', quantity: 1, idle: true, basis: 'one key' },
    { name: 'Requests', priceId: 'kms.requests', quantity: usage('requests'), basis: 'requests' },
  ],
};
