/**
 * The ride event of pipeline/schemas/ride-event.schema.json, as TypeScript types: what the generator
 * writes. The schema is the contract; pipeline/lambdas/common/ride_event.py validates it in Python.
 */
export const EVENT_TYPES = ['requested', 'accepted', 'started', 'completed', 'cancelled'] as const;
export const PAYMENT_TYPES = ['card', 'cash', 'wallet'] as const;
export const CURRENCIES = ['USD', 'EUR', 'GBP'] as const;
export const SCHEMA_VERSIONS = [1, 2] as const;

export type EventType = (typeof EVENT_TYPES)[number];
export type PaymentType = (typeof PAYMENT_TYPES)[number];
export type Currency = (typeof CURRENCIES)[number];
export type SchemaVersion = (typeof SCHEMA_VERSIONS)[number];

export interface Point {
  readonly lat: number;
  readonly lon: number;
}

/** One event of a ride. Every field is written (null when not known yet), except tip_amount in version 1. */
export interface RideEvent {
  readonly schema_version: SchemaVersion;
  readonly event_id: string;
  readonly ride_id: string;
  readonly event_type: EventType;
  readonly event_time: string;
  readonly city: string;
  readonly rider_id: string;
  readonly driver_id: string | null;
  readonly pickup: Point;
  readonly dropoff: Point;
  readonly distance_km: number | null;
  /** Version 1: whole currency units (an integer). Version 2: cents precision. */
  readonly fare_amount: number | null;
  /** Version 2 only. */
  readonly tip_amount?: number | null;
  readonly currency: Currency;
  readonly payment_type: PaymentType | null;
}

/** Field order of every written event: the schema's order, so that lines are easy to compare by eye. */
export const FIELD_ORDER = [
  'schema_version',
  'event_id',
  'ride_id',
  'event_type',
  'event_time',
  'city',
  'rider_id',
  'driver_id',
  'pickup',
  'dropoff',
  'distance_km',
  'fare_amount',
  'tip_amount',
  'currency',
  'payment_type',
] as const satisfies readonly (keyof RideEvent)[];
