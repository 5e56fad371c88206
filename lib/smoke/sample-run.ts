import { randomInt } from 'node:crypto';
import { generateEvents } from '../events/generate.ts';
import { MAX_SEED } from '../events/random.ts';

export type IngestPath = 'api' | 'stream';

export interface SmokeRecord {
  /** The event as one JSON line, without the newline. */
  readonly line: string;
  readonly eventId: string;
  readonly rideId: string;
  /** As written in the event: Firehose partitions by its text. */
  readonly eventTime: string;
  /** How it enters the pipeline: POSTed to the API, or put on the Kinesis stream directly. */
  readonly path: IngestPath;
}

/** One smoke run: its id and the sample events it sends, which no other run shares. */
export interface SmokeRun {
  /** `smoke-20260125-101500-a1b2`: the state machine execution's name. */
  readonly id: string;
  readonly startedAt: Date;
  readonly seed: number;
  readonly records: readonly SmokeRecord[];
  readonly rideIds: readonly string[];
}

/** Largest --events: a smoke run checks the path, not its capacity (npm run bench and npm run events do that). */
export const MAX_SMOKE_EVENTS = 1000;

/**
 * Sample ride events of the last hour, from a random seed, so their event and ride ids are new. Rides
 * alternate between the two ways in (API and stream), each ride's events all going the same way: a ride
 * missing at the end then tells which way lost it.
 */
export function planRun(events: number, now: Date = new Date()): SmokeRun {
  if (!Number.isInteger(events) || events < 1 || events > MAX_SMOKE_EVENTS) {
    throw new RangeError(
      `The number of events must be a whole number from 1 to ${MAX_SMOKE_EVENTS}, not ${events}.`,
    );
  }
  const seed = randomInt(0, MAX_SEED);
  const generated = generateEvents({
    seed,
    count: events,
    start: new Date(now.getTime() - 3_600_000),
    hours: 1,
    schemaVersion: 2,
  });
  const rideIds: string[] = [];
  const paths = new Map<string, IngestPath>();
  const records = generated.map((record) => {
    const event = record.event;
    if (event === undefined) throw new Error('The generator made a record without an event.');
    if (!paths.has(event.ride_id)) {
      paths.set(event.ride_id, rideIds.length % 2 === 0 ? 'api' : 'stream');
      rideIds.push(event.ride_id);
    }
    return {
      line: record.line,
      eventId: event.event_id,
      rideId: event.ride_id,
      eventTime: event.event_time,
      path: paths.get(event.ride_id) as IngestPath,
    };
  });
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return {
    id: `smoke-${stamp}-${randomInt(0, 0x10000).toString(16).padStart(4, '0')}`,
    startedAt: now,
    seed,
    records,
    rideIds,
  };
}
