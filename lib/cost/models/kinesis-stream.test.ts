import { describe, expect, it } from 'vitest';
import { kinesisStream } from './kinesis-stream.ts';
import { componentsOf, monthlyCost, quantities, usageDefaults, usageRead } from './model-test-kit.ts';

const ON_DEMAND = { StreamModeDetails: { StreamMode: 'ON_DEMAND' } };

describe('Kinesis stream', () => {
  it('provisioned: shard-hours from ShardCount (idle) and PUT payload units of 25 KB', () => {
    const c = componentsOf(kinesisStream, { ShardCount: 2 }, { records: 1000, averageRecordKb: 30 });
    expect(quantities(c)).toEqual({
      'kinesis.provisioned.shard-hour': 1460,
      'kinesis.provisioned.put-payload-units': 2000,
    });
    expect(c[0]?.idle).toBe(true);
  });

  it('provisioned with retention over 24 h adds extended-retention shard-hours', () => {
    const c = componentsOf(kinesisStream, { ShardCount: 1, RetentionPeriodHours: 48 });
    expect(quantities(c)['kinesis.extended-retention.shard-hour']).toBe(730);
  });

  it('on-demand: stream-hours, and GB in and out with each record billed as at least 1 KB', () => {
    const c = componentsOf(kinesisStream, ON_DEMAND, {
      records: 1024 * 1024,
      averageRecordKb: 0.5,
      consumers: 2,
    });
    expect(quantities(c)).toEqual({
      'kinesis.on-demand.stream-hour': 730,
      'kinesis.on-demand.ingest': 1,
      'kinesis.on-demand.retrieval': 2,
    });
  });

  it('reads records and their size, and consumers when on-demand; by default 1M records of 1 KB', () => {
    expect(usageDefaults(kinesisStream)).toEqual({ records: 1_000_000, averageRecordKb: 1, consumers: 1 });
    expect(usageRead(kinesisStream)).toEqual(['averageRecordKb', 'records']);
    expect(usageRead(kinesisStream, ON_DEMAND)).toEqual(['averageRecordKb', 'consumers', 'records']);
    expect(quantities(componentsOf(kinesisStream))).toEqual({
      'kinesis.provisioned.shard-hour': 730,
      'kinesis.provisioned.put-payload-units': 1_000_000,
    });
  });

  it('has no always-free allowance: a provisioned shard is billed every hour', () => {
    const cost = monthlyCost(componentsOf(kinesisStream, {}, { records: 0 }));
    expect(cost.before).toBeGreaterThan(0);
    expect(cost.after).toBe(cost.before);
  });
});
