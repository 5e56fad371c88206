import type { CostModel } from './cost-model.ts';
import { PRICE_SERVICES } from './price-services.ts';

/**
 * S3 buckets: storage by class, requests, retrievals and lifecycle transitions.
 *
 * Pricing: https://aws.amazon.com/s3/pricing/
 */
export const s3Bucket: CostModel = {
  types: ['AWS::S3::Bucket'],
  service: 'Amazon S3',
  usage: {
    standardGb: { description: 'Average data stored in S3 Standard', unit: 'GB', default: 1 },
    standardIaGb: { description: 'Average data stored in S3 Standard-IA', unit: 'GB', default: 0 },
    glacierIrGb: {
      description: 'Average data stored in S3 Glacier Instant Retrieval',
      unit: 'GB',
      default: 0,
    },
    writeRequests: {
      description: 'PUT, COPY, POST and LIST requests to Standard',
      unit: 'requests',
      default: 2_000,
    },
    readRequests: {
      description: 'GET, SELECT and other requests to Standard',
      unit: 'requests',
      default: 20_000,
    },
    standardIaWriteRequests: {
      description: 'PUT, COPY, POST and LIST requests to Standard-IA',
      unit: 'requests',
      default: 0,
    },
    standardIaReadRequests: {
      description: 'GET and other requests to Standard-IA',
      unit: 'requests',
      default: 0,
    },
    standardIaRetrievalGb: { description: 'Data read back from Standard-IA', unit: 'GB', default: 0 },
    glacierIrRetrievalGb: {
      description: 'Data read back from Glacier Instant Retrieval',
      unit: 'GB',
      default: 0,
    },
    transitionsToStandardIa: {
      description: 'Objects moved to Standard-IA by lifecycle rules',
      unit: 'objects',
      default: 0,
    },
    transitionsToGlacierIr: {
      description: 'Objects moved to Glacier Instant Retrieval by lifecycle rules',
      unit: 'objects',
      default: 0,
    },
  },
  prices: [
    {
      service: PRICE_SERVICES.s3,
      queries: [
        {
          id: 's3.storage.standard',
          unit: 'GB-Mo',
          description: 'S3 Standard storage',
          usageType: 'TimedStorage-ByteHrs',
        },
        {
          id: 's3.storage.standard-ia',
          unit: 'GB-Mo',
          description: 'S3 Standard-IA storage',
          usageType: 'TimedStorage-SIA-ByteHrs',
        },
        {
          id: 's3.storage.glacier-ir',
          unit: 'GB-Mo',
          description: 'S3 Glacier Instant Retrieval storage',
          usageType: 'TimedStorage-GIR-ByteHrs',
        },
        {
          id: 's3.requests.tier1',
          unit: 'Requests',
          description: 'S3 Standard PUT, COPY, POST, LIST requests',
          usageType: 'Requests-Tier1',
        },
        {
          id: 's3.requests.tier2',
          unit: 'Requests',
          description: 'S3 Standard GET, SELECT and all other requests',
          usageType: 'Requests-Tier2',
        },
        {
          id: 's3.requests.standard-ia.tier1',
          unit: 'Requests',
          description: 'S3 Standard-IA PUT, COPY, POST, LIST',
          usageType: 'Requests-SIA-Tier1',
        },
        {
          id: 's3.requests.standard-ia.tier2',
          unit: 'Requests',
          description: 'S3 Standard-IA GET and all other',
          usageType: 'Requests-SIA-Tier2',
        },
        {
          id: 's3.retrieval.standard-ia',
          unit: 'GB',
          description: 'S3 Standard-IA retrieval',
          usageType: 'Retrieval-SIA',
        },
        {
          id: 's3.retrieval.glacier-ir',
          unit: 'GB',
          description: 'S3 Glacier IR retrieval',
          usageType: 'Retrieval-GIR',
        },
        // Requests-Tier4 counts lifecycle transitions into IA, One Zone-IA, Intelligent-Tiering and Glacier IR;
        // the operation tells the target class (and its price) apart.
        {
          id: 's3.transition.standard-ia',
          unit: 'Requests',
          description: 'S3 lifecycle transitions into Standard-IA',
          usageType: 'Requests-Tier4',
          attributes: { operation: 'S3-SIATransition' },
        },
        {
          id: 's3.transition.glacier-ir',
          unit: 'Requests',
          description: 'S3 lifecycle transitions into Glacier IR',
          usageType: 'Requests-Tier4',
          attributes: { operation: 'S3-GIRTransition' },
        },
      ],
    },
  ],
  components: ({ usage }) => [
    {
      name: 'Storage (Standard)',
      priceId: 's3.storage.standard',
      quantity: usage('standardGb'),
      basis: 'standardGb',
    },
    {
      name: 'Storage (Standard-IA)',
      priceId: 's3.storage.standard-ia',
      quantity: usage('standardIaGb'),
      basis: 'standardIaGb',
    },
    {
      name: 'Storage (Glacier IR)',
      priceId: 's3.storage.glacier-ir',
      quantity: usage('glacierIrGb'),
      basis: 'glacierIrGb',
    },
    {
      name: 'PUT, COPY, POST, LIST requests',
      priceId: 's3.requests.tier1',
      quantity: usage('writeRequests'),
      basis: 'writeRequests',
    },
    {
      name: 'GET and other requests',
      priceId: 's3.requests.tier2',
      quantity: usage('readRequests'),
      basis: 'readRequests',
    },
    {
      name: 'Standard-IA PUT, COPY, POST, LIST requests',
      priceId: 's3.requests.standard-ia.tier1',
      quantity: usage('standardIaWriteRequests'),
      basis: 'standardIaWriteRequests',
    },
    {
      name: 'Standard-IA GET and other requests',
      priceId: 's3.requests.standard-ia.tier2',
      quantity: usage('standardIaReadRequests'),
      basis: 'standardIaReadRequests',
    },
    {
      name: 'Standard-IA retrievals',
      priceId: 's3.retrieval.standard-ia',
      quantity: usage('standardIaRetrievalGb'),
      basis: 'standardIaRetrievalGb',
    },
    {
      name: 'Glacier IR retrievals',
      priceId: 's3.retrieval.glacier-ir',
      quantity: usage('glacierIrRetrievalGb'),
      basis: 'glacierIrRetrievalGb',
    },
    {
      name: 'Lifecycle transitions to Standard-IA',
      priceId: 's3.transition.standard-ia',
      quantity: usage('transitionsToStandardIa'),
      basis: 'transitionsToStandardIa',
    },
    {
      name: 'Lifecycle transitions to Glacier IR',
      priceId: 's3.transition.glacier-ir',
      quantity: usage('transitionsToGlacierIr'),
      basis: 'transitionsToGlacierIr',
    },
  ],
};
