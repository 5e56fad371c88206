import type { CostModel } from './cost-model.ts';

/**
 * QuickSight bills users, not resources: the subscriptions are counted on each data source (set them to 0
 * on all but one when a template has several).
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
