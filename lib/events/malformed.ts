import type { Random } from './random.ts';
import type { RideEvent } from './ride-event.ts';
import { serializeEvent } from './serialize.ts';

/**
 * Ways a producer gets a ride event wrong, each made from a valid event. The pipeline must reject every
 * one of them: `schemaCatches` says whether ride-event.schema.json alone rejects it (API Gateway's
 * request validation), or only the stricter checks of pipeline/lambdas/common/ride_event.py do.
 */
export interface MalformedKind {
  readonly id: string;
  /** What is wrong, for people: the guide lists these. */
  readonly reason: string;
  readonly schemaCatches: boolean;
  readonly make: (event: RideEvent, random: Random) => string;
}

const withFields = (event: RideEvent, fields: Record<string, unknown>): string =>
  JSON.stringify({ ...JSON.parse(serializeEvent(event)), ...fields });

export const MALFORMED_KINDS: readonly MalformedKind[] = [
  {
    id: 'truncated-json',
    reason: 'not JSON: the line stops in the middle of the object (a write cut short)',
    schemaCatches: true,
    make: (event) => {
      const line = serializeEvent(event);
      return line.slice(0, Math.floor(line.length * 0.6));
    },
  },
  {
    id: 'not-an-object',
    reason: 'valid JSON, but an array holding the event instead of the event itself',
    schemaCatches: true,
    make: (event) => `[${serializeEvent(event)}]`,
  },
  {
    id: 'missing-required',
    reason: 'the required field ride_id is missing',
    schemaCatches: true,
    make: (event) => {
      const { ride_id: _dropped, ...rest } = JSON.parse(serializeEvent(event)) as Record<string, unknown>;
      return JSON.stringify(rest);
    },
  },
  {
    id: 'wrong-type',
    reason: 'fare_amount is a string ("18.40"), not a number',
    schemaCatches: true,
    make: (event) => withFields(event, { fare_amount: String(event.fare_amount ?? 18.4) }),
  },
  {
    id: 'unknown-event-type',
    reason: 'event_type "arrived" is not one of requested, accepted, started, completed, cancelled',
    schemaCatches: true,
    make: (event) => withFields(event, { event_type: 'arrived' }),
  },
  {
    id: 'bad-timestamp',
    reason: 'event_time is not ISO 8601 in UTC with a Z ("2024-03-07 08:15:02", a space and no zone)',
    schemaCatches: true,
    make: (event) =>
      withFields(event, { event_time: event.event_time.replace('T', ' ').replace(/\.\d+Z$/, '') }),
  },
  {
    id: 'impossible-timestamp',
    reason: 'event_time has the right shape but is no real time (30 February, 25 o’clock)',
    schemaCatches: false,
    make: (event) => withFields(event, { event_time: `${event.event_time.slice(0, 4)}-02-30T25:10:00Z` }),
  },
  {
    id: 'out-of-range',
    reason: 'pickup.lat is 123.456, outside -90 to 90',
    schemaCatches: true,
    make: (event) => withFields(event, { pickup: { lat: 123.456, lon: event.pickup.lon } }),
  },
  {
    id: 'bad-event-id',
    reason: 'event_id is an upper-case UUID; the contract wants lower case',
    schemaCatches: true,
    make: (event) => withFields(event, { event_id: event.event_id.toUpperCase() }),
  },
  {
    id: 'unknown-field',
    reason: 'surge_multiplier is not a field of the schema (no additional properties)',
    schemaCatches: true,
    make: (event, random) =>
      withFields(event, { surge_multiplier: Math.round(random.float(1.1, 2) * 10) / 10 }),
  },
  {
    id: 'tip-in-version-1',
    reason: 'schema_version 1 with tip_amount, a field that version 2 added',
    schemaCatches: false,
    make: (event) =>
      withFields(event, {
        schema_version: 1,
        fare_amount: event.fare_amount === null ? null : Math.round(event.fare_amount),
        tip_amount: 2.5,
      }),
  },
  {
    id: 'unsupported-version',
    reason: 'schema_version 3, a version that does not exist yet',
    schemaCatches: true,
    make: (event) => withFields(event, { schema_version: 3 }),
  },
  {
    id: 'nan-value',
    reason: 'distance_km is NaN, which JSON does not allow (Python’s json.dumps writes it by default)',
    schemaCatches: true,
    make: (event) => serializeEvent(event).replace(/"distance_km":[^,]*/, '"distance_km":NaN'),
  },
];
