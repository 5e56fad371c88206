/**
 * What the smoke test knows of the raw zone: where Firehose writes (infra/constructs/firehose-to-lake.ts)
 * and how to read what it writes.
 */
import { gunzipSync } from 'node:zlib';

/** Firehose's folder in the raw bucket. */
export const RAW_STREAM_PREFIX = 'stream/';
/** Where it writes events, partitioned by the text of their event_time (dynamic partitioning). */
export const RAW_EVENTS_PREFIX = `${RAW_STREAM_PREFIX}rides/`;
/** Where it writes records it could not process. */
export const RAW_ERRORS_PREFIX = `${RAW_STREAM_PREFIX}errors/`;

/**
 * The folders the run's events land in, `stream/rides/year=2026/month=01/day=25/hour=10/`, one per hour
 * they happened in: listing those instead of all of stream/ keeps each check to a few requests however
 * much the bucket holds.
 */
export function eventPartitions(eventTimes: Iterable<string>): string[] {
  const folders = new Set<string>();
  for (const t of eventTimes) {
    folders.add(
      `${RAW_EVENTS_PREFIX}year=${t.slice(0, 4)}/month=${t.slice(5, 7)}/day=${t.slice(8, 10)}/hour=${t.slice(11, 13)}/`,
    );
  }
  return [...folders].sort();
}

/** A run's event that Firehose could not deliver: it wrote it under stream/errors/ instead. */
export interface FailedEvent {
  readonly eventId: string;
  readonly errorCode: string;
  readonly errorMessage: string;
}

export interface ObjectScan {
  /** Event ids of the run found in the object. */
  readonly found: readonly string[];
  readonly failed: readonly FailedEvent[];
}

/**
 * Reads one object Firehose wrote to the raw zone: JSON Lines, GZIP-compressed or not. Delivered events
 * are the lines themselves; records Firehose failed to process (dynamic partitioning, format) are lines
 * `{"errorCode", "errorMessage", "rawData": <the record, base64>}` under stream/errors/.
 */
export function scanRawObject(bytes: Uint8Array, runEventIds: ReadonlySet<string>): ObjectScan {
  const gzip = bytes[0] === 0x1f && bytes[1] === 0x8b;
  const text = Buffer.from(gzip ? gunzipSync(bytes) : bytes).toString('utf8');
  const found: string[] = [];
  const failed: FailedEvent[] = [];
  for (const line of text.split('\n')) {
    const record = parseObject(line);
    if (record === undefined) continue;
    if (typeof record.event_id === 'string' && runEventIds.has(record.event_id)) {
      found.push(record.event_id);
    } else if (typeof record.rawData === 'string') {
      const original = parseObject(Buffer.from(record.rawData, 'base64').toString('utf8'));
      if (typeof original?.event_id === 'string' && runEventIds.has(original.event_id)) {
        failed.push({
          eventId: original.event_id,
          errorCode: String(record.errorCode ?? 'unknown'),
          errorMessage: String(record.errorMessage ?? ''),
        });
      }
    }
  }
  return { found, failed };
}

function parseObject(text: string): Record<string, unknown> | undefined {
  if (text.trim() === '') return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
