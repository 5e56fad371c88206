import { type CostModel, formatCount, nestedProperty } from './cost-model.ts';
import { PRICE_SERVICES } from './price-services.ts';

const BYTES_PER_MB = 1024 * 1024;
const MB_PER_TB = 1024 * 1024;

/**
 * Athena queries of a workgroup: data scanned, each query rounded up to a whole MB with a 10 MB minimum.
 *
 * Pricing: https://aws.amazon.com/athena/pricing/
 */
export const athenaWorkGroup: CostModel = {
  types: ['AWS::Athena::WorkGroup'],
  service: 'Amazon Athena',
  usage: {
    queries: { description: 'Queries per month', unit: 'queries', default: 300 },
    averageScannedMb: { description: 'Data one query scans on average', unit: 'MB', default: 50 },
  },
  prices: [
    {
      service: PRICE_SERVICES.athena,
      queries: [
        {
          id: 'athena.data-scanned',
          unit: 'TB',
          description: 'Athena SQL data scanned (10 MB minimum per query)',
          usageType: 'DataScannedInTB',
        },
      ],
    },
  ],
  components: ({ resource, usage }) => {
    const cutoffBytes = nestedProperty(resource, ['WorkGroupConfiguration', 'BytesScannedCutoffPerQuery']);
    const cutoffMb = typeof cutoffBytes === 'number' ? cutoffBytes / BYTES_PER_MB : Number.POSITIVE_INFINITY;
    const perQueryMb = Math.max(10, Math.ceil(Math.min(usage('averageScannedMb'), cutoffMb)));
    const queries = usage('queries');
    const capped = cutoffMb < usage('averageScannedMb') ? ' (capped by BytesScannedCutoffPerQuery)' : '';
    return [
      {
        name: 'Data scanned',
        priceId: 'athena.data-scanned',
        quantity: (queries * perQueryMb) / MB_PER_TB,
        basis: `${formatCount(queries)} queries × ${perQueryMb} MB${capped}`,
      },
    ];
  },
};
