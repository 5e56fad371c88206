import { CITIES, type City, destination, haversineKm } from './cities.ts';
import { MALFORMED_KINDS } from './malformed.ts';
import { createRandom, type Random } from './random.ts';
import type { EventType, PaymentType, Point, RideEvent, SchemaVersion } from './ride-event.ts';
import { serializeEvent } from './serialize.ts';

export interface GenerateOptions {
  /** Same seed and options, same records, byte for byte. */
  readonly seed: number;
  /** Ride events to generate; duplicates, late and malformed records come on top. */
  readonly count: number;
  /** Start of the window rides are requested in. */
  readonly start: Date;
  /** Length of the window. Events after its end have not happened yet and are left out. */
  readonly hours: number;
  readonly schemaVersion: SchemaVersion;
  /** Events sent a second time, byte-identical (same event_id): what at-least-once delivery does. */
  readonly duplicates?: number;
  /** Events that arrive within the window but happened 1 to 48 hours before it. */
  readonly late?: number;
  /** Lines that break the contract, one kind after the other (see MALFORMED_KINDS). */
  readonly malformed?: number;
}

export type RecordKind = 'event' | 'duplicate' | 'late' | 'malformed';

export interface GeneratedRecord {
  readonly kind: RecordKind;
  /** One line of JSON Lines, without the newline. */
  readonly line: string;
  /** Kinesis partition key: the ride id, so that a ride's events stay in order on one shard. */
  readonly partitionKey: string;
  /** When the record reaches the pipeline (ms since the epoch); records come in this order. */
  readonly arrivalMs: number;
  /** The event, for every kind but malformed. */
  readonly event?: RideEvent;
  /** Which malformed kind, for malformed records. */
  readonly malformed?: string;
}

/** Largest --count and total of injected records accepted: the records are built in memory. */
export const MAX_RECORDS = 1_000_000;

const HOUR_MS = 3_600_000;
const ID_CHARS = '0123456789abcdefghijklmnopqrstuvwxyz';
const RIDERS_PER_CITY = 60;
const DRIVERS_PER_CITY = 20;

/** Realistic ride-hailing events (see docs/guides/sample-events.md), in arrival order. */
export function generateEvents(options: GenerateOptions): GeneratedRecord[] {
  checkOptions(options);
  const startMs = options.start.getTime();
  const endMs = startMs + options.hours * HOUR_MS;
  const rides = new RideMaker(createRandom(options.seed), options.schemaVersion);
  const lag = createRandom(derivedSeed(options.seed, 1));

  // Rides requested within the window; events after its end are left out (they have not happened yet).
  // Whole rides until there are enough events, then the earliest `count` of them: what happened up to a
  // moment, so that every ride shows a prefix of its lifecycle.
  const rideEvents: RideEvent[] = [];
  while (rideEvents.length < options.count) {
    const requestedMs = rides.random.float(startMs, endMs);
    rideEvents.push(...rides.ride(requestedMs).filter((e) => Date.parse(e.event_time) < endMs));
  }
  rideEvents.sort((a, b) => Date.parse(a.event_time) - Date.parse(b.event_time));
  const records = rideEvents
    .slice(0, options.count)
    .map((event) => record('event', event, Date.parse(event.event_time) + lag.int(50, 2500)));
  const events = [...records];

  const duplicates = createRandom(derivedSeed(options.seed, 2));
  const order = shuffled(events.length, duplicates);
  for (let i = 0; i < (options.duplicates ?? 0); i++) {
    const original = events[order[i % order.length] as number] as GeneratedRecord;
    records.push({
      ...original,
      kind: 'duplicate',
      arrivalMs: original.arrivalMs + duplicates.int(1000, 60_000),
    });
  }

  const late = new RideMaker(createRandom(derivedSeed(options.seed, 3)), options.schemaVersion);
  for (let i = 0; i < (options.late ?? 0); i++) {
    const ride = late.ride(late.random.float(startMs - 48 * HOUR_MS, startMs - 2 * HOUR_MS));
    const last = ride.at(-1) as RideEvent;
    records.push(record('late', last, late.random.float(startMs, endMs)));
  }

  const malformed = new RideMaker(createRandom(derivedSeed(options.seed, 4)), options.schemaVersion);
  for (let i = 0; i < (options.malformed ?? 0); i++) {
    const kind = MALFORMED_KINDS[i % MALFORMED_KINDS.length] as (typeof MALFORMED_KINDS)[number];
    const ride = malformed.ride(malformed.random.float(startMs, endMs));
    const base = malformed.random.pick(ride);
    records.push({
      kind: 'malformed',
      line: kind.make(base, malformed.random),
      partitionKey: base.ride_id,
      arrivalMs: Math.round(malformed.random.float(startMs, endMs)),
      malformed: kind.id,
    });
  }

  // Stable sort: records that arrive in the same millisecond keep the order they were made in.
  return records
    .map((r, index) => ({ r, index }))
    .sort((a, b) => a.r.arrivalMs - b.r.arrivalMs || a.index - b.index)
    .map(({ r }) => r);
}

/** How many records of each kind, and ride events of each type. */
export function summarize(records: readonly GeneratedRecord[]): {
  readonly kinds: Record<RecordKind, number>;
  readonly eventTypes: Record<EventType, number>;
  readonly rides: number;
} {
  const kinds: Record<RecordKind, number> = { event: 0, duplicate: 0, late: 0, malformed: 0 };
  const eventTypes: Record<EventType, number> = {
    requested: 0,
    accepted: 0,
    started: 0,
    completed: 0,
    cancelled: 0,
  };
  const rides = new Set<string>();
  for (const r of records) {
    kinds[r.kind]++;
    if (r.kind === 'event' && r.event) {
      eventTypes[r.event.event_type]++;
      rides.add(r.event.ride_id);
    }
  }
  return { kinds, eventTypes, rides: rides.size };
}

function record(kind: RecordKind, event: RideEvent, arrivalMs: number): GeneratedRecord {
  return {
    kind,
    line: serializeEvent(event),
    partitionKey: event.ride_id,
    arrivalMs: Math.round(arrivalMs),
    event,
  };
}

function checkOptions(options: GenerateOptions): void {
  const whole = (name: string, value: number | undefined, min: number) => {
    if (value !== undefined && (!Number.isInteger(value) || value < min || value > MAX_RECORDS)) {
      throw new RangeError(`${name} must be a whole number from ${min} to ${MAX_RECORDS}, not ${value}.`);
    }
  };
  whole('count', options.count, 0);
  whole('duplicates', options.duplicates, 0);
  whole('late', options.late, 0);
  whole('malformed', options.malformed, 0);
  const total = options.count + (options.duplicates ?? 0) + (options.late ?? 0) + (options.malformed ?? 0);
  if (total > MAX_RECORDS) throw new RangeError(`At most ${MAX_RECORDS} records in all, not ${total}.`);
  if ((options.duplicates ?? 0) > 0 && options.count === 0) {
    throw new RangeError('duplicates copy ride events: ask for a count above 0 as well.');
  }
  if (!Number.isFinite(options.hours) || options.hours <= 0 || options.hours > 24 * 366) {
    throw new RangeError(`hours must be a positive number of hours (at most a year), not ${options.hours}.`);
  }
  if (Number.isNaN(options.start.getTime())) throw new RangeError('start is not a valid date.');
  if (options.schemaVersion !== 1 && options.schemaVersion !== 2) {
    throw new RangeError(`schema version must be 1 or 2, not ${options.schemaVersion}.`);
  }
}

/** An independent stream of numbers per purpose, so that injecting records leaves the rides unchanged. */
function derivedSeed(seed: number, stream: number): number {
  return (Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) + Math.imul(stream, 0xc2b2ae35)) >>> 0;
}

function shuffled(length: number, random: Random): number[] {
  const order = Array.from({ length }, (_, i) => i);
  for (let i = length - 1; i > 0; i--) {
    const j = random.int(0, i);
    [order[i], order[j]] = [order[j] as number, order[i] as number];
  }
  return order;
}

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;
const roundPoint = (p: Point): Point => ({ lat: round(p.lat, 6), lon: round(p.lon, 6) });

/** Whole rides, one lifecycle each: requested → accepted → started → completed, or cancelled on the way. */
class RideMaker {
  private readonly riders = new Map<string, string[]>();
  private readonly drivers = new Map<string, string[]>();
  private readonly cityWeights: readonly (readonly [City, number])[] = CITIES.map((c) => [c, c.weight]);

  constructor(
    readonly random: Random,
    private readonly version: SchemaVersion,
  ) {}

  ride(requestedMs: number): RideEvent[] {
    const { random, version } = this;
    const city = random.weighted(this.cityWeights);
    const rideId = `ride-${random.chars(ID_CHARS, 10)}`;
    const riderId = random.pick(this.pool(this.riders, city, 'rider', RIDERS_PER_CITY));
    const pickup = this.pointNear(city.center, city.radiusKm);
    // Many short trips, a few long ones.
    const dropoff = destination(pickup, random.float(0, 360), 0.8 + 14 * random.next() ** 2);
    const roadKm = round(haversineKm(pickup, dropoff) * random.float(1.2, 1.45), 2);
    const payment = random.weighted<PaymentType>([
      ['card', 60],
      ['wallet', 25],
      ['cash', 15],
    ]);
    const outcome = random.weighted([
      ['completed', 85],
      ['cancelled-before-accept', 8],
      ['cancelled-after-accept', 7],
    ] as const);

    const base = {
      schema_version: version,
      ride_id: rideId,
      city: city.name,
      rider_id: riderId,
      pickup: roundPoint(pickup),
      dropoff: roundPoint(dropoff),
      currency: city.currency,
    };
    const money = (amount: number) => (version === 1 ? Math.round(amount) : round(amount, 2));
    const event = (
      type: EventType,
      ms: number,
      fields: Partial<Pick<RideEvent, 'driver_id' | 'distance_km' | 'fare_amount' | 'payment_type'>> & {
        tip?: number;
      } = {},
    ): RideEvent => ({
      ...base,
      event_id: random.uuid(),
      event_type: type,
      event_time: new Date(Math.round(ms)).toISOString(),
      driver_id: fields.driver_id ?? null,
      distance_km: fields.distance_km ?? null,
      fare_amount: fields.fare_amount ?? null,
      ...(version === 2 ? { tip_amount: fields.tip ?? null } : {}),
      payment_type: fields.payment_type ?? null,
    });

    const events = [event('requested', requestedMs)];
    if (outcome === 'cancelled-before-accept') {
      events.push(event('cancelled', requestedMs + random.float(30, 300) * 1000));
      return events;
    }
    const driverId = random.pick(this.pool(this.drivers, city, 'driver', DRIVERS_PER_CITY));
    const acceptedMs = requestedMs + random.float(15, 150) * 1000;
    events.push(event('accepted', acceptedMs, { driver_id: driverId }));
    if (outcome === 'cancelled-after-accept') {
      events.push(
        event('cancelled', acceptedMs + random.float(30, 240) * 1000, {
          driver_id: driverId,
          fare_amount: money(city.tariff.cancellationFee),
          payment_type: payment,
        }),
      );
      return events;
    }
    const startedMs = acceptedMs + random.float(120, 600) * 1000;
    events.push(event('started', startedMs, { driver_id: driverId }));
    const minutes = (roadKm / (city.speedKmh * random.float(0.75, 1.25))) * 60;
    const { base: flagFall, perKm, perMinute, minimum } = city.tariff;
    const surge = random.chance(0.1) ? round(random.float(1.2, 1.8), 1) : 1;
    const fare = Math.max(minimum, flagFall + perKm * roadKm + perMinute * minutes) * surge;
    const tips = payment !== 'cash' && random.chance(0.55);
    events.push(
      event('completed', startedMs + minutes * 60_000, {
        driver_id: driverId,
        distance_km: roadKm,
        fare_amount: money(fare),
        payment_type: payment,
        tip: tips ? round(fare * random.float(0.08, 0.2), 2) : 0,
      }),
    );
    return events;
  }

  private pool(pools: Map<string, string[]>, city: City, prefix: string, size: number): string[] {
    let ids = pools.get(city.name);
    if (ids === undefined) {
      ids = Array.from(
        { length: size },
        () => `${prefix}-${String(this.random.int(0, 999_999)).padStart(6, '0')}`,
      );
      pools.set(city.name, ids);
    }
    return ids;
  }

  /** A point uniformly spread over the disc of `radiusKm` around `center`. */
  private pointNear(center: Point, radiusKm: number): Point {
    return destination(center, this.random.float(0, 360), radiusKm * Math.sqrt(this.random.next()));
  }
}
