import type { CostModel } from './cost-model.ts';
import { PRICE_SERVICES } from './price-services.ts';

/**
 * Glue Data Catalog: objects stored (databases, tables, partitions) and requests.
 *
 * Pricing: https://aws.amazon.com/glue/pricing/
 */
export const glueCatalog: CostModel = {
  types: ['AWS::Glue::Database', 'AWS::Glue::Table', 'AWS::Glue::Partition'],
  service: 'AWS Glue',
  usage: {
    partitions: {
      description: 'Partitions registered in the catalog (tables without partition projection)',
      unit: 'partitions',
      default: 0,
    },
    requests: {
      description: 'Catalog API requests (crawlers, Athena, Glue jobs)',
      unit: 'requests',
      default: 10_000,
    },
  },
  prices: [
    {
      service: PRICE_SERVICES.glue,
      queries: [
        {
          id: 'glue.catalog.storage',
          unit: 'Objects',
          description: 'Glue Data Catalog storage, per object-month',
          usageType: 'Catalog-Storage',
          alwaysFree: {
            quantity: 1_000_000,
            note: 'Glue Data Catalog: the first 1M objects stored are free',
          },
        },
        {
          id: 'glue.catalog.requests',
          unit: 'Requests',
          description: 'Glue Data Catalog requests',
          usageType: 'Catalog-Request',
          alwaysFree: {
            quantity: 1_000_000,
            note: 'Glue Data Catalog: the first 1M requests per month are free',
          },
        },
      ],
    },
  ],
  components: ({ resource, usage }) => {
    const objects = 1 + (resource.type === 'AWS::Glue::Table' ? usage('partitions') : 0);
    return [
      {
        name: 'Catalog objects',
        priceId: 'glue.catalog.storage',
        quantity: objects,
        basis: resource.type === 'AWS::Glue::Table' ? 'table + partitions' : 'one object',
      },
      {
        name: 'Catalog requests',
        priceId: 'glue.catalog.requests',
        quantity: usage('requests'),
        basis: 'requests',
      },
    ];
  },
};
