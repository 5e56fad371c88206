import type { ComponentSpec, CostModel, ModelContext } from './cost-model.ts';
import { PRICE_SERVICES } from './price-services.ts';

/** Storage classes the bucket's lifecycle rules move objects into, as the template names them. */
function lifecycleClasses(context: ModelContext): Set<string> {
  const rules = JSON.stringify(context.resource.properties.LifecycleConfiguration ?? {});
  return new Set([...rules.matchAll(/"StorageClass":"([A-Z_]+)"/g)].map((m) => m[1] ?? ''));
}

/**
 * Intelligent-Tiering, Glacier Flexible Retrieval and Deep Archive, billed when the lifecycle rules move
 * objects there. Restores from the archive classes (per GB and per request, hours of waiting) are one-off
 * and not estimated: docs/guides/cost-estimates.md states them.
 */
function lifecycleComponents(context: ModelContext): ComponentSpec[] {
  const { usage } = context;
  const classes = lifecycleClasses(context);
  const line = (name: string, priceId: string, field: string): ComponentSpec => ({
    name,
    priceId,
    quantity: usage(field),
    basis: field,
  });
  return [
    ...(classes.has('INTELLIGENT_TIERING')
      ? [
          line(
            'Storage (Intelligent-Tiering Frequent)',
            's3.storage.intelligent-tiering.frequent',
            'intelligentTieringFrequentGb',
          ),
          line(
            'Storage (Intelligent-Tiering Infrequent)',
            's3.storage.intelligent-tiering.infrequent',
            'intelligentTieringInfrequentGb',
          ),
          line(
            'Storage (Intelligent-Tiering Archive Instant)',
            's3.storage.intelligent-tiering.archive-instant',
            'intelligentTieringArchiveInstantGb',
          ),
          line(
            'Intelligent-Tiering monitoring and automation',
            's3.intelligent-tiering.monitoring',
            'intelligentTieringObjects',
          ),
          line(
            'Lifecycle transitions to Intelligent-Tiering',
            's3.transition.intelligent-tiering',
            'transitionsToIntelligentTiering',
          ),
        ]
      : []),
    ...(classes.has('GLACIER')
      ? [
          line('Storage (Glacier Flexible Retrieval)', 's3.storage.glacier-flexible', 'glacierFlexibleGb'),
          line(
            'Lifecycle transitions to Glacier Flexible Retrieval',
            's3.transition.glacier-flexible',
            'transitionsToGlacierFlexible',
          ),
        ]
      : []),
    ...(classes.has('DEEP_ARCHIVE')
      ? [
          line('Storage (Glacier Deep Archive)', 's3.storage.deep-archive', 'deepArchiveGb'),
          line(
            'Lifecycle transitions to Glacier Deep Archive',
            's3.transition.deep-archive',
            'transitionsToDeepArchive',
          ),
        ]
      : []),
  ];
}

/**
 * S3 buckets: storage by class, requests, retrievals and lifecycle transitions; Intelligent-Tiering and the
 * archive classes when the bucket's lifecycle rules use them.
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
    intelligentTieringFrequentGb: {
      description:
        'Average data in the Frequent Access tier of Intelligent-Tiering (read in the last 30 days)',
      unit: 'GB',
      default: 0,
    },
    intelligentTieringInfrequentGb: {
      description: 'Average data in the Infrequent Access tier of Intelligent-Tiering (unread for 30 days)',
      unit: 'GB',
      default: 0,
    },
    intelligentTieringArchiveInstantGb: {
      description:
        'Average data in the Archive Instant Access tier of Intelligent-Tiering (unread for 90 days)',
      unit: 'GB',
      default: 0,
    },
    intelligentTieringObjects: {
      description:
        'Objects of 128 KB or more in Intelligent-Tiering, each billed a monitoring fee (smaller ones are not monitored)',
      unit: 'objects',
      default: 1_000,
    },
    transitionsToIntelligentTiering: {
      description:
        'Objects moved into Intelligent-Tiering by lifecycle rules (objects under 128 KB are not moved)',
      unit: 'objects',
      default: 1_000,
    },
    glacierFlexibleGb: {
      description: 'Average data stored in S3 Glacier Flexible Retrieval (90 days billed at least)',
      unit: 'GB',
      default: 0,
    },
    transitionsToGlacierFlexible: {
      description: 'Objects moved to Glacier Flexible Retrieval by lifecycle rules',
      unit: 'objects',
      default: 0,
    },
    deepArchiveGb: {
      description: 'Average data stored in S3 Glacier Deep Archive (180 days billed at least)',
      unit: 'GB',
      default: 0,
    },
    transitionsToDeepArchive: {
      description: 'Objects moved to Glacier Deep Archive by lifecycle rules',
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
        {
          id: 's3.storage.intelligent-tiering.frequent',
          unit: 'GB-Mo',
          description: 'S3 Intelligent-Tiering, Frequent Access tier storage',
          usageType: 'TimedStorage-INT-FA-ByteHrs',
        },
        {
          id: 's3.storage.intelligent-tiering.infrequent',
          unit: 'GB-Mo',
          description: 'S3 Intelligent-Tiering, Infrequent Access tier storage',
          usageType: 'TimedStorage-INT-IA-ByteHrs',
        },
        {
          id: 's3.storage.intelligent-tiering.archive-instant',
          unit: 'GB-Mo',
          description: 'S3 Intelligent-Tiering, Archive Instant Access tier storage',
          usageType: 'TimedStorage-INT-AIA-ByteHrs',
        },
        {
          id: 's3.intelligent-tiering.monitoring',
          unit: 'Objects',
          description: 'S3 Intelligent-Tiering monitoring and automation, per object',
          usageType: 'Monitoring-Automation-INT',
        },
        {
          id: 's3.transition.intelligent-tiering',
          unit: 'Requests',
          description: 'S3 lifecycle transitions into Intelligent-Tiering',
          usageType: 'Requests-Tier4',
          attributes: { operation: 'S3-INTTransition' },
        },
        {
          id: 's3.storage.glacier-flexible',
          unit: 'GB-Mo',
          description: 'S3 Glacier Flexible Retrieval storage',
          usageType: 'TimedStorage-GlacierByteHrs',
        },
        // Requests-Tier3 counts lifecycle transitions into the archive classes; the operation tells them apart.
        {
          id: 's3.transition.glacier-flexible',
          unit: 'Requests',
          description: 'S3 lifecycle transitions into Glacier Flexible Retrieval',
          usageType: 'Requests-Tier3',
          attributes: { operation: 'S3-GlacierTransition' },
        },
        {
          id: 's3.transition.deep-archive',
          unit: 'Requests',
          description: 'S3 lifecycle transitions into Glacier Deep Archive',
          usageType: 'Requests-Tier3',
          attributes: { operation: 'S3-GDATransition' },
        },
        // Deep Archive storage has an offer of its own in the Price List.
        {
          id: 's3.storage.deep-archive',
          unit: 'GB-Mo',
          description: 'S3 Glacier Deep Archive storage',
          usageType: 'TimedStorage-GDA-ByteHrs',
          serviceCode: 'AmazonS3GlacierDeepArchive',
        },
      ],
    },
  ],
  components: (context) => [
    {
      name: 'Storage (Standard)',
      priceId: 's3.storage.standard',
      quantity: context.usage('standardGb'),
      basis: 'standardGb',
    },
    {
      name: 'Storage (Standard-IA)',
      priceId: 's3.storage.standard-ia',
      quantity: context.usage('standardIaGb'),
      basis: 'standardIaGb',
    },
    {
      name: 'Storage (Glacier IR)',
      priceId: 's3.storage.glacier-ir',
      quantity: context.usage('glacierIrGb'),
      basis: 'glacierIrGb',
    },
    {
      name: 'PUT, COPY, POST, LIST requests',
      priceId: 's3.requests.tier1',
      quantity: context.usage('writeRequests'),
      basis: 'writeRequests',
    },
    {
      name: 'GET and other requests',
      priceId: 's3.requests.tier2',
      quantity: context.usage('readRequests'),
      basis: 'readRequests',
    },
    {
      name: 'Standard-IA PUT, COPY, POST, LIST requests',
      priceId: 's3.requests.standard-ia.tier1',
      quantity: context.usage('standardIaWriteRequests'),
      basis: 'standardIaWriteRequests',
    },
    {
      name: 'Standard-IA GET and other requests',
      priceId: 's3.requests.standard-ia.tier2',
      quantity: context.usage('standardIaReadRequests'),
      basis: 'standardIaReadRequests',
    },
    {
      name: 'Standard-IA retrievals',
      priceId: 's3.retrieval.standard-ia',
      quantity: context.usage('standardIaRetrievalGb'),
      basis: 'standardIaRetrievalGb',
    },
    {
      name: 'Glacier IR retrievals',
      priceId: 's3.retrieval.glacier-ir',
      quantity: context.usage('glacierIrRetrievalGb'),
      basis: 'glacierIrRetrievalGb',
    },
    {
      name: 'Lifecycle transitions to Standard-IA',
      priceId: 's3.transition.standard-ia',
      quantity: context.usage('transitionsToStandardIa'),
      basis: 'transitionsToStandardIa',
    },
    {
      name: 'Lifecycle transitions to Glacier IR',
      priceId: 's3.transition.glacier-ir',
      quantity: context.usage('transitionsToGlacierIr'),
      basis: 'transitionsToGlacierIr',
    },
    ...lifecycleComponents(context),
  ],
};
