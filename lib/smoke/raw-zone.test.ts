import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { eventPartitions, RAW_ERRORS_PREFIX, RAW_EVENTS_PREFIX, scanRawObject } from './raw-zone.ts';

const event = (id: string) =>
  JSON.stringify({ event_id: id, ride_id: 'ride-abcdefghij', event_type: 'requested' });
const RUN = new Set(['e1', 'e2', 'e3']);

describe('scanRawObject', () => {
  it('finds the run’s events in JSON Lines, gzipped as Firehose writes them or not, skipping other lines', () => {
    const text = [event('e1'), '', event('other'), 'not json', '[1]', event('e3'), ''].join('\n');

    for (const bytes of [Buffer.from(text), gzipSync(text)]) {
      expect(scanRawObject(bytes, RUN)).toEqual({ found: ['e1', 'e3'], failed: [] });
    }
  });

  it('reads Firehose error records and reports the run’s events among them', () => {
    const failedRecord = (data: string) =>
      JSON.stringify({
        attemptsMade: 1,
        errorCode: 'DynamicPartitioning.MetadataExtractionFailed',
        errorMessage: 'Non JSON record provided',
        rawData: Buffer.from(`${data}\n`).toString('base64'),
      });
    const text = [failedRecord(event('e2')), failedRecord(event('other')), failedRecord('garbage')].join(
      '\n',
    );

    expect(scanRawObject(gzipSync(text), RUN)).toEqual({
      found: [],
      failed: [
        {
          eventId: 'e2',
          errorCode: 'DynamicPartitioning.MetadataExtractionFailed',
          errorMessage: 'Non JSON record provided',
        },
      ],
    });
  });
});

describe('the raw zone’s layout', () => {
  it('is the one the ingestion stack gives Firehose', async () => {
    const { STREAM_PREFIX } = await import('../../infra/constructs/firehose-to-lake.ts');
    expect(RAW_EVENTS_PREFIX).toBe(STREAM_PREFIX);
    expect(RAW_ERRORS_PREFIX).toBe('stream/errors/');
  });

  it('puts events in one folder per hour of their event time, as dynamic partitioning reads it', () => {
    expect(
      eventPartitions([
        '2026-01-25T10:59:59.999Z',
        '2026-01-25T09:15:00Z',
        '2026-01-25T10:00:00Z',
        '2025-12-31T23:30:00Z',
      ]),
    ).toEqual([
      'stream/rides/year=2025/month=12/day=31/hour=23/',
      'stream/rides/year=2026/month=01/day=25/hour=09/',
      'stream/rides/year=2026/month=01/day=25/hour=10/',
    ]);
  });
});
