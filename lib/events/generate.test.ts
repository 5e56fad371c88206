import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import { CITIES, haversineKm } from './cities.ts';
import { type GeneratedRecord, type GenerateOptions, generateEvents, summarize } from './generate.ts';
import { MALFORMED_KINDS } from './malformed.ts';
import { createRandom } from './random.ts';
import type { RideEvent } from './ride-event.ts';

const SCHEMA_FILE = path.resolve(import.meta.dirname, '../../pipeline/schemas/ride-event.schema.json');

/** The contract, compiled by Ajv. The schema is draft-04 (for API Gateway); its keywords mean the same in draft-07. */
function schemaValidator() {
  const { $schema: _draft04, ...schema } = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8'));
  return new Ajv({ allErrors: true, strict: false }).compile(schema);
}

const START = new Date('2024-03-07T08:00:00Z');
const options = (overrides: Partial<GenerateOptions> = {}): GenerateOptions => ({
  seed: 42,
  count: 400,
  start: START,
  hours: 3,
  schemaVersion: 2,
  ...overrides,
});
const events = (records: readonly GeneratedRecord[]) => records.map((r) => r.event as RideEvent);
const ms = (time: string) => Date.parse(time);

/** Events per ride, in the order they come (Map.groupBy is Node 21+). */
function byRideId(all: readonly RideEvent[]): Map<string, RideEvent[]> {
  const rides = new Map<string, RideEvent[]>();
  for (const e of all) rides.set(e.ride_id, [...(rides.get(e.ride_id) ?? []), e]);
  return rides;
}

describe('createRandom', () => {
  it('gives the same numbers for the same seed, and others for another seed', () => {
    const a = createRandom(7);
    const b = createRandom(7);
    const c = createRandom(8);
    const first = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(first);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(first);
    expect(first.every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it('draws version-4 UUIDs and integers within bounds', () => {
    const random = createRandom(1);
    for (let i = 0; i < 200; i++) {
      expect(random.uuid()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      const n = random.int(3, 5);
      expect(n >= 3 && n <= 5 && Number.isInteger(n)).toBe(true);
    }
  });

  it('refuses seeds that are not unsigned 32-bit integers', () => {
    expect(() => createRandom(-1)).toThrow(/seed must be a whole number from 0 to 4294967295/);
    expect(() => createRandom(1.5)).toThrow(RangeError);
    expect(() => createRandom(2 ** 32)).toThrow(RangeError);
  });
});

describe('generateEvents', () => {
  it('is deterministic: the same seed and options give the same lines', () => {
    const a = generateEvents(options({ duplicates: 5, late: 5, malformed: 5 }));
    const b = generateEvents(options({ duplicates: 5, late: 5, malformed: 5 }));
    expect(b.map((r) => r.line)).toEqual(a.map((r) => r.line));
    expect(generateEvents(options({ seed: 43 })).map((r) => r.line)).not.toEqual(a.map((r) => r.line));
  });

  it('writes exactly --count ride events, and every one follows the schema', () => {
    const validate = schemaValidator();
    for (const schemaVersion of [1, 2] as const) {
      const records = generateEvents(options({ schemaVersion }));
      expect(records).toHaveLength(400);
      for (const record of records) {
        expect(validate(JSON.parse(record.line)), `${record.line}\n${JSON.stringify(validate.errors)}`).toBe(
          true,
        );
        expect(record.kind).toBe('event');
        expect(record.partitionKey).toBe(record.event?.ride_id);
      }
    }
  });

  it('follows the version rules: whole fares and no tip in 1, cents and tip_amount in 2', () => {
    const v1 = events(generateEvents(options({ schemaVersion: 1 })));
    expect(v1.every((e) => e.schema_version === 1 && !('tip_amount' in e))).toBe(true);
    expect(v1.every((e) => e.fare_amount === null || Number.isInteger(e.fare_amount))).toBe(true);

    const v2 = events(generateEvents(options({ schemaVersion: 2 })));
    expect(v2.every((e) => e.schema_version === 2 && 'tip_amount' in e)).toBe(true);
    const fares = v2.filter((e) => e.fare_amount !== null).map((e) => e.fare_amount as number);
    expect(fares.some((f) => !Number.isInteger(f))).toBe(true);
    expect(fares.every((f) => Math.round(f * 100) / 100 === f)).toBe(true);
    const completed = v2.filter((e) => e.event_type === 'completed');
    expect(completed.some((e) => (e.tip_amount ?? 0) > 0)).toBe(true);
    expect(completed.filter((e) => e.payment_type === 'cash').every((e) => e.tip_amount === 0)).toBe(true);
    expect(v2.filter((e) => e.event_type !== 'completed').every((e) => e.tip_amount === null)).toBe(true);
  });

  it('puts every event of the window inside it, in arrival order', () => {
    const records = generateEvents(options());
    const end = START.getTime() + 3 * 3_600_000;
    for (const e of events(records)) {
      expect(ms(e.event_time)).toBeGreaterThanOrEqual(START.getTime());
      expect(ms(e.event_time)).toBeLessThan(end);
      expect(e.event_time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    }
    const arrivals = records.map((r) => r.arrivalMs);
    expect(arrivals).toEqual([...arrivals].sort((a, b) => a - b));
    const hours = new Set(events(records).map((e) => e.event_time.slice(11, 13)));
    expect(hours).toEqual(new Set(['08', '09', '10']));
  });

  it('gives every ride a plausible lifecycle', () => {
    const rides = byRideId(events(generateEvents(options({ count: 2000, hours: 12 }))));
    const lifecycles = new Map<string, number>();
    for (const [rideId, ride] of rides) {
      const steps = ride.map((e) => e.event_type);
      const key = steps.join('>');
      lifecycles.set(key, (lifecycles.get(key) ?? 0) + 1);
      expect(
        [
          'requested',
          'requested>accepted',
          'requested>accepted>started',
          'requested>accepted>started>completed',
          'requested>cancelled',
          'requested>accepted>cancelled',
        ],
        rideId,
      ).toContain(key);
      // One rider, city, pickup and destination per ride; a driver from acceptance on.
      expect(
        new Set(ride.map((e) => `${e.rider_id} ${e.city} ${JSON.stringify([e.pickup, e.dropoff])}`)).size,
      ).toBe(1);
      expect(ride[0]?.driver_id).toBeNull();
      expect(new Set(ride.slice(1).map((e) => e.driver_id)).size).toBeLessThanOrEqual(1);
      const times = ride.map((e) => ms(e.event_time));
      expect(times).toEqual([...times].sort((a, b) => a - b));
    }
    const completed = lifecycles.get('requested>accepted>started>completed') ?? 0;
    const cancelled =
      (lifecycles.get('requested>cancelled') ?? 0) + (lifecycles.get('requested>accepted>cancelled') ?? 0);
    expect(completed / rides.size).toBeGreaterThan(0.7);
    expect(cancelled / rides.size).toBeGreaterThan(0.05);
    expect(cancelled / rides.size).toBeLessThan(0.3);
  });

  it('keeps pickups in their city and makes distances, durations and fares fit the trip', () => {
    const all = events(generateEvents(options({ count: 2000, hours: 12, schemaVersion: 2 })));
    const byRide = byRideId(all);
    for (const e of all) {
      const city = CITIES.find((c) => c.name === e.city);
      expect(city, e.city).toBeDefined();
      if (city === undefined) continue;
      expect(e.currency).toBe(city.currency);
      expect(haversineKm(city.center, e.pickup)).toBeLessThanOrEqual(city.radiusKm + 0.01);
      if (e.event_type !== 'completed') {
        expect(e.distance_km).toBeNull();
        continue;
      }
      const straight = haversineKm(e.pickup, e.dropoff);
      expect(e.distance_km as number).toBeGreaterThanOrEqual(straight * 1.2 - 0.01);
      expect(e.distance_km as number).toBeLessThanOrEqual(straight * 1.45 + 0.01);
      expect(e.fare_amount as number).toBeGreaterThanOrEqual(city.tariff.minimum);
      const started = byRide.get(e.ride_id)?.find((x) => x.event_type === 'started');
      const minutes = (ms(e.event_time) - ms(started?.event_time ?? '')) / 60_000;
      const speed = (e.distance_km as number) / (minutes / 60);
      expect(speed).toBeGreaterThan(city.speedKmh * 0.7);
      expect(speed).toBeLessThan(city.speedKmh * 1.4);
      expect(['card', 'cash', 'wallet']).toContain(e.payment_type);
    }
  });

  it('spreads rides over the cities by weight, with their currencies', () => {
    const records = generateEvents(options({ count: 4000, hours: 24 }));
    const { rides } = summarize(records);
    const cities = new Set(events(records).map((e) => e.city));
    expect(rides).toBeGreaterThan(900);
    expect(cities).toEqual(new Set(CITIES.map((c) => c.name)));
  });

  it('adds duplicates that repeat events byte for byte, shortly after the original', () => {
    const records = generateEvents(options({ duplicates: 10 }));
    const duplicates = records.filter((r) => r.kind === 'duplicate');
    expect(duplicates).toHaveLength(10);
    for (const duplicate of duplicates) {
      const original = records.find(
        (r) => r.kind === 'event' && r.event?.event_id === duplicate.event?.event_id,
      );
      expect(original?.line).toBe(duplicate.line);
      expect(duplicate.arrivalMs).toBeGreaterThan(original?.arrivalMs ?? Number.POSITIVE_INFINITY);
    }
    expect(new Set(duplicates.map((d) => d.event?.event_id)).size).toBe(10);
  });

  it('adds late events: they arrive within the window and happened 1 to 48 hours before it', () => {
    const late = generateEvents(options({ late: 20 })).filter((r) => r.kind === 'late');
    expect(late).toHaveLength(20);
    for (const record of late) {
      const happened = ms(record.event?.event_time ?? '');
      expect(happened).toBeLessThan(START.getTime() - 3_600_000);
      expect(happened).toBeGreaterThanOrEqual(START.getTime() - 48 * 3_600_000);
      expect(record.arrivalMs).toBeGreaterThanOrEqual(START.getTime());
      expect(['completed', 'cancelled']).toContain(record.event?.event_type);
    }
  });

  it('adds malformed lines of every kind in turn; the schema rejects those it can see', () => {
    const validate = schemaValidator();
    const records = generateEvents(options({ count: 0, malformed: MALFORMED_KINDS.length * 2 }));
    const malformed = records.filter((r) => r.kind === 'malformed');
    expect(malformed).toHaveLength(MALFORMED_KINDS.length * 2);
    for (const kind of MALFORMED_KINDS) {
      const lines = malformed.filter((r) => r.malformed === kind.id);
      expect(lines, kind.id).toHaveLength(2);
      for (const { line } of lines) {
        let parsed: unknown;
        try {
          parsed = JSON.parse(line);
        } catch {
          expect(kind.schemaCatches, kind.id).toBe(true); // not JSON at all
          continue;
        }
        expect(validate(parsed), `${kind.id}: ${line}`).toBe(!kind.schemaCatches);
      }
    }
  });

  it('leaves the ride events unchanged when records are injected', () => {
    const plain = generateEvents(options()).map((r) => r.line);
    const injected = generateEvents(options({ duplicates: 7, late: 3, malformed: 4 }));
    expect(injected.filter((r) => r.kind === 'event').map((r) => r.line)).toEqual(plain);
  });

  it('counts records by kind and ride events by type', () => {
    const summary = summarize(generateEvents(options({ count: 50, duplicates: 2, late: 1, malformed: 3 })));
    expect(summary.kinds).toEqual({ event: 50, duplicate: 2, late: 1, malformed: 3 });
    expect(Object.values(summary.eventTypes).reduce((a, b) => a + b, 0)).toBe(50);
    expect(summary.eventTypes.requested).toBe(summary.rides);
  });

  it('refuses options it cannot honour', () => {
    expect(() => generateEvents(options({ count: -1 }))).toThrow(/count must be a whole number/);
    expect(() => generateEvents(options({ count: 0, duplicates: 1 }))).toThrow(/duplicates copy ride events/);
    expect(() => generateEvents(options({ hours: 0 }))).toThrow(/hours must be a positive number/);
    expect(() => generateEvents(options({ start: new Date('nope') }))).toThrow(/start is not a valid date/);
    expect(() => generateEvents(options({ count: 1_000_000, late: 1 }))).toThrow(/At most 1000000 records/);
  });
});
