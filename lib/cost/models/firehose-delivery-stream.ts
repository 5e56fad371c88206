import { type CostModel, formatCount, nestedProperty } from './cost-model.ts';
import { PRICE_SERVICES } from './price-services.ts';

const KB_PER_GB = 1024 * 1024;

/**
 * Firehose delivery streams: ingestion (records rounded up to 5 KB), format conversion, dynamic partitioning.
 *
 * Pricing: https://aws.amazon.com/firehose/pricing/
 */
export const firehoseDeliveryStream: CostModel = {
  types: ['AWS::KinesisFirehose::DeliveryStream'],
  service: 'Amazon Data Firehose',
  usage: {
    records: { description: 'Records delivered per month', unit: 'records', default: 100_000 },
    averageRecordKb: { description: 'Average record size', unit: 'KB', default: 1 },
    deliveredObjects: {
      description: 'S3 objects written by dynamic partitioning',
      unit: 'objects',
      default: 3_000,
    },
    jqProcessingHours: { description: 'Hours of JQ metadata extraction', unit: 'hours', default: 1 },
  },
  prices: [
    {
      service: PRICE_SERVICES.firehose,
      queries: [
        {
          id: 'firehose.ingestion',
          unit: 'GB',
          description: 'Firehose Direct PUT ingestion (records rounded up to 5 KB)',
          attributes: { group: 'Event-by-Event Processing' },
        },
        {
          id: 'firehose.format-conversion',
          unit: 'GB',
          description: 'Firehose format conversion',
          attributes: { operation: 'DataFormatConversion' },
        },
        {
          id: 'firehose.dynamic-partitioning',
          unit: 'GB',
          description: 'Firehose dynamic partitioning, data processed',
          usageType: 'DynamicPartitioning-Bytes',
        },
        {
          id: 'firehose.dynamic-partitioning.objects',
          unit: 'Objects',
          description: 'Firehose dynamic partitioning, objects delivered',
          usageType: 'S3DeliveryObjectCount',
        },
        {
          id: 'firehose.dynamic-partitioning.jq-hours',
          unit: 'Hrs',
          description: 'Firehose dynamic partitioning, JQ processing hours',
          usageType: 'JQProcessing-Hours',
          optional: 'JQ parsing for dynamic partitioning is not priced in every region',
        },
      ],
    },
  ],
  components: ({ resource, usage }) => {
    const records = usage('records');
    const recordKb = usage('averageRecordKb');
    const billedKb = Math.ceil(recordKb / 5) * 5;
    const rawGb = (records * recordKb) / KB_PER_GB;
    const s3 = ['ExtendedS3DestinationConfiguration'];
    const conversion = nestedProperty(resource, [...s3, 'DataFormatConversionConfiguration']);
    const partitioning =
      nestedProperty(resource, [...s3, 'DynamicPartitioningConfiguration', 'Enabled']) === true;
    const processors = nestedProperty(resource, [...s3, 'ProcessingConfiguration', 'Processors']);
    const usesJq = JSON.stringify(processors ?? []).includes('JQ-1.6');
    return [
      {
        name: 'Ingestion',
        priceId: 'firehose.ingestion',
        quantity: (records * billedKb) / KB_PER_GB,
        basis: `${formatCount(records)} records × ${billedKb} KB (5 KB increments)`,
      },
      ...(conversion && (conversion as { Enabled?: unknown }).Enabled !== false
        ? [
            {
              name: 'Format conversion',
              priceId: 'firehose.format-conversion',
              quantity: rawGb,
              basis: 'records × record size',
            },
          ]
        : []),
      ...(partitioning
        ? [
            {
              name: 'Dynamic partitioning',
              priceId: 'firehose.dynamic-partitioning',
              quantity: rawGb,
              basis: 'records × record size',
            },
            {
              name: 'Delivered objects',
              priceId: 'firehose.dynamic-partitioning.objects',
              quantity: usage('deliveredObjects'),
              basis: 'deliveredObjects',
            },
          ]
        : []),
      ...(partitioning && usesJq
        ? [
            {
              name: 'JQ processing',
              priceId: 'firehose.dynamic-partitioning.jq-hours',
              quantity: usage('jqProcessingHours'),
              basis: 'jqProcessingHours',
            },
          ]
        : []),
    ];
  },
};
