import { type CostModel, formatCount, nestedProperty } from './cost-model.ts';
import { PRICE_SERVICES } from './price-services.ts';

/** Athena's MB and TB are binary: a MB is 2^20 bytes and a TB 2^40, so a TB is 1,048,576 MB (not 1,000,000). */
const BYTES_PER_MB = 1024 * 1024;
const MB_PER_TB = 1024 * 1024;
export const ATHENA_TB = 'TB (2^40 bytes)';

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
    averageScannedMb: {
      description: `Data one query scans on average. Athena counts in binary units: its TB is ${formatCount(MB_PER_TB)} MB, so 3 TB scanned by one query is ${formatCount(3 * MB_PER_TB)} MB, not 3,000,000`,
      unit: 'MB of 2^20 bytes',
      default: 50,
    },
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
        unit: ATHENA_TB,
        basis: `${formatCount(queries)} queries × ${formatCount(perQueryMb)} MB${capped} ÷ ${formatCount(MB_PER_TB)} MB per TB (Athena's MB and TB are binary)`,
      },
    ];
  },
};
