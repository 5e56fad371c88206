import type { CostModel } from './cost-model.ts';

/** S3 buckets: storage by class, requests, retrievals and lifecycle transitions. */
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
