import type { CostModel } from './cost-model.ts';
import { PRICE_SERVICES } from './price-services.ts';

const ABSENT = 'Amazon QuickSight is not offered in every region';

/**
 * QuickSight bills users, not resources: the subscriptions are counted on each data source (set them to 0
 * on all but one when a template has several).
 *
 * Pricing: https://aws.amazon.com/quicksight/pricing/
 */
export const quickSightDataSource: CostModel = {
  types: ['AWS::QuickSight::DataSource'],
  service: 'Amazon QuickSight',
  usage: {
    authors: { description: 'Author subscriptions', unit: 'users', default: 1 },
    readers: { description: 'Reader subscriptions', unit: 'users', default: 0 },
    extraSpiceGb: {
      description: 'SPICE capacity beyond what the subscriptions include',
      unit: 'GB',
      default: 0,
    },
  },
  prices: [
    {
      service: PRICE_SERVICES.quickSight,
      queries: [
        {
          id: 'quicksight.author',
          unit: 'Users',
          description: 'QuickSight Enterprise author, monthly commitment',
          usageType: 'QS-User-Enterprise-Month',
          optional: ABSENT,
        },
        {
          id: 'quicksight.reader',
          unit: 'Users',
          description: 'QuickSight Enterprise reader, per user-month',
          usageType: 'QS-Reader-Enterprise-Month',
          optional: ABSENT,
        },
        {
          id: 'quicksight.spice',
          unit: 'GB-Mo',
          description: 'QuickSight additional SPICE capacity',
          usageType: 'QS-Enterprise-SPICE',
          optional: ABSENT,
        },
      ],
    },
  ],
  components: ({ usage }) => [
    {
      name: 'Authors',
      priceId: 'quicksight.author',
      quantity: usage('authors'),
      idle: true,
      basis: 'authors',
    },
    {
      name: 'Readers',
      priceId: 'quicksight.reader',
      quantity: usage('readers'),
      idle: true,
      basis: 'readers',
    },
    {
      name: 'Additional SPICE',
      priceId: 'quicksight.spice',
      quantity: usage('extraSpiceGb'),
      idle: true,
      basis: 'extraSpiceGb',
    },
  ],
};
