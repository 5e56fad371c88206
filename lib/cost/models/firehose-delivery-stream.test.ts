import { describe, expect, it } from 'vitest';
import { firehoseDeliveryStream } from './firehose-delivery-stream.ts';
import { componentsOf, monthlyCost, quantities, usageDefaults, usageRead } from './model-test-kit.ts';

/** Format conversion, and dynamic partitioning with JQ metadata extraction. */
const FULLY_CONFIGURED = {
  ExtendedS3DestinationConfiguration: {
    DataFormatConversionConfiguration: { Enabled: true },
    DynamicPartitioningConfiguration: { Enabled: true },
    ProcessingConfiguration: {
      Processors: [
        {
          Type: 'MetadataExtraction',
          Parameters: [{ ParameterName: 'JsonParsingEngine', ParameterValue: 'JQ-1.6' }],
        },
      ],
    },
  },
};

describe('Firehose delivery stream', () => {
  it('rounds records up to 5 KB and adds conversion and dynamic partitioning when configured', () => {
    const c = componentsOf(firehoseDeliveryStream, FULLY_CONFIGURED, {
      records: 1024 * 1024,
      averageRecordKb: 3,
    });
    expect(quantities(c)).toEqual({
      'firehose.ingestion': 5,
      'firehose.format-conversion': 3,
      'firehose.dynamic-partitioning': 3,
      'firehose.dynamic-partitioning.objects': 3000,
      'firehose.dynamic-partitioning.jq-hours': 1,
    });
  });

  it('bills only ingestion for a plain delivery stream', () => {
    expect(Object.keys(quantities(componentsOf(firehoseDeliveryStream)))).toEqual(['firehose.ingestion']);
  });

  it('reads records and their size, and the partitioning fields when partitioning; by default 100,000 records of 1 KB', () => {
    expect(usageDefaults(firehoseDeliveryStream)).toEqual({
      records: 100_000,
      averageRecordKb: 1,
      deliveredObjects: 3_000,
      jqProcessingHours: 1,
    });
    expect(usageRead(firehoseDeliveryStream)).toEqual(['averageRecordKb', 'records']);
    expect(usageRead(firehoseDeliveryStream, FULLY_CONFIGURED)).toEqual(
      Object.keys(firehoseDeliveryStream.usage).sort(),
    );
  });

  it('has no always-free allowance', () => {
    const cost = monthlyCost(componentsOf(firehoseDeliveryStream, FULLY_CONFIGURED));
    expect(cost.before).toBeGreaterThan(0);
    expect(cost.after).toBe(cost.before);
  });
});
