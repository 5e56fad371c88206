import {
  type CostModel,
  formatCount,
  HOURS_PER_MONTH,
  nestedProperty,
  numberProperty,
} from './cost-model.ts';
import { PRICE_SERVICES } from './price-services.ts';

const KB_PER_GB = 1024 * 1024;
/** The API's spellings of a shard-hour. */
const SHARD_HOURS = { ShardHour: 1, 'Shard-Hours': 1, Hrs: 1, Hours: 1 };

/**
 * Kinesis Data Streams, provisioned (shard-hours, PUT payload units) or on-demand (stream-hours, GB in and out).
 *
 * Pricing: https://aws.amazon.com/kinesis/data-streams/pricing/
 */
export const kinesisStream: CostModel = {
  types: ['AWS::Kinesis::Stream'],
  service: 'Amazon Kinesis Data Streams',
  usage: {
    records: { description: 'Records put per month', unit: 'records', default: 1_000_000 },
    averageRecordKb: { description: 'Average record size', unit: 'KB', default: 1 },
    consumers: {
      description: 'Consumers reading every record (on-demand retrieval)',
      unit: 'consumers',
      default: 1,
    },
  },
  prices: [
    {
      service: PRICE_SERVICES.kinesis,
      queries: [
        {
          id: 'kinesis.provisioned.shard-hour',
          unit: 'Hrs',
          description: 'Kinesis provisioned shard hour',
          usageType: 'Storage-ShardHour',
          apiUnits: SHARD_HOURS,
        },
        {
          id: 'kinesis.provisioned.put-payload-units',
          unit: 'Requests',
          description: 'Kinesis PUT payload units (25 KB)',
          usageType: 'PutRequestPayloadUnits',
          apiUnits: { PutRequest: 1, 'PUT Payload Units': 1, Units: 1, Requests: 1 },
        },
        {
          id: 'kinesis.on-demand.stream-hour',
          unit: 'Hrs',
          description: 'Kinesis on-demand stream hour',
          usageType: 'OnDemand-StreamHour',
          apiUnits: { StreamHour: 1, Hrs: 1, Hours: 1 },
        },
        {
          id: 'kinesis.on-demand.ingest',
          unit: 'GB',
          description: 'Kinesis on-demand data in',
          usageType: 'OnDemand-BilledIncomingBytes',
        },
        {
          id: 'kinesis.on-demand.retrieval',
          unit: 'GB',
          description: 'Kinesis on-demand data out',
          usageType: 'OnDemand-BilledOutgoingBytes',
        },
        {
          id: 'kinesis.extended-retention.shard-hour',
          unit: 'Hrs',
          description: 'Kinesis extended retention shard hour',
          usageType: 'Extended-ShardHour',
          apiUnits: SHARD_HOURS,
        },
      ],
    },
  ],
  components: ({ resource, usage }) => {
    const records = usage('records');
    const recordKb = usage('averageRecordKb');
    const retentionHours = numberProperty(resource, 'RetentionPeriodHours', 24);
    if (nestedProperty(resource, ['StreamModeDetails', 'StreamMode']) === 'ON_DEMAND') {
      // On-demand bills each record as at least 1 KB, in and out.
      const ingestGb = (records * Math.max(recordKb, 1)) / KB_PER_GB;
      return [
        {
          name: 'Stream hours (on-demand)',
          priceId: 'kinesis.on-demand.stream-hour',
          quantity: HOURS_PER_MONTH,
          idle: true,
          basis: '730 h',
        },
        {
          name: 'Data ingested',
          priceId: 'kinesis.on-demand.ingest',
          quantity: ingestGb,
          basis: `${formatCount(records)} records × ${Math.max(recordKb, 1)} KB`,
        },
        {
          name: 'Data retrieved',
          priceId: 'kinesis.on-demand.retrieval',
          quantity: ingestGb * usage('consumers'),
          basis: 'ingested GB × consumers',
        },
      ];
    }
    const shards = numberProperty(resource, 'ShardCount', 1);
    const payloadUnits = records * Math.ceil(recordKb / 25);
    return [
      {
        name: 'Shard hours',
        priceId: 'kinesis.provisioned.shard-hour',
        quantity: HOURS_PER_MONTH * shards,
        idle: true,
        basis: `730 h × ${shards} shards (ShardCount)`,
      },
      {
        name: 'PUT payload units (25 KB)',
        priceId: 'kinesis.provisioned.put-payload-units',
        quantity: payloadUnits,
        basis: `${formatCount(records)} records × ${Math.ceil(recordKb / 25)} units`,
      },
      ...(retentionHours > 24
        ? [
            {
              name: 'Extended retention',
              priceId: 'kinesis.extended-retention.shard-hour',
              quantity: HOURS_PER_MONTH * shards,
              idle: true,
              basis: `730 h × ${shards} shards (RetentionPeriodHours ${retentionHours})`,
            },
          ]
        : []),
    ];
  },
};
