import { type CostModel, formatCount, numberProperty } from './cost-model.ts';
import { PRICE_SERVICES } from './price-services.ts';

/** A workgroup's base capacity when its template sets none, in RPUs. */
const DEFAULT_BASE_CAPACITY = 128;

/**
 * Redshift Serverless. A workgroup bills RPU-hours while it runs queries (per second, 60 s minimum), at its
 * base capacity; scaling above it is not priced here. Its namespace bills the data kept in managed storage.
 * Nothing is billed for compute while no query runs.
 *
 * Pricing: https://aws.amazon.com/redshift/pricing/
 */
export const redshiftServerless: CostModel = {
  types: ['AWS::RedshiftServerless::Workgroup', 'AWS::RedshiftServerless::Namespace'],
  service: 'Amazon Redshift',
  usage: {
    activeHours: {
      description: 'Hours a month the workgroup runs queries at its base capacity',
      unit: 'hours',
      default: 10,
    },
    storageGb: { description: 'Data kept in the namespace’s managed storage', unit: 'GB', default: 1 },
  },
  prices: [
    {
      service: PRICE_SERVICES.redshift,
      queries: [
        {
          id: 'redshift.serverless.rpu-hours',
          unit: 'RPU-Hr',
          description: 'Redshift Serverless compute, per RPU-hour',
          usageType: 'Redshift:ServerlessUsage',
        },
        {
          id: 'redshift.managed-storage',
          unit: 'GB-Mo',
          description: 'Redshift managed storage, per GB-month',
          usageType: 'RMS:Serverless',
        },
      ],
    },
  ],
  components: ({ resource, usage }) => {
    if (resource.type === 'AWS::RedshiftServerless::Namespace')
      return [
        {
          name: 'Managed storage',
          priceId: 'redshift.managed-storage',
          quantity: usage('storageGb'),
          basis: 'storageGb',
        },
      ];
    const rpus = numberProperty(resource, 'BaseCapacity', DEFAULT_BASE_CAPACITY);
    const hours = usage('activeHours');
    return [
      {
        name: 'Compute (RPU-hours)',
        priceId: 'redshift.serverless.rpu-hours',
        quantity: rpus * hours,
        basis: `${formatCount(rpus)} RPUs (BaseCapacity) × ${formatCount(hours)} h (activeHours)`,
      },
    ];
  },
};
