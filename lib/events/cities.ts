import type { Currency, Point } from './ride-event.ts';

/** A city rides happen in: its centre, how far pickups spread, and a simple metered tariff. */
export interface City {
  readonly name: string;
  readonly center: Point;
  /** Pickups fall within this distance of the centre. */
  readonly radiusKm: number;
  readonly currency: Currency;
  /** Average driving speed in town, which turns distance into trip time. */
  readonly speedKmh: number;
  readonly tariff: {
    readonly base: number;
    readonly perKm: number;
    readonly perMinute: number;
    readonly minimum: number;
    /** What a rider pays for cancelling once a driver accepted. */
    readonly cancellationFee: number;
  };
  /** How many rides it gets relative to the others. */
  readonly weight: number;
}

/**
 * Real city centres (WGS 84) and tariffs in the ballpark of what ride-hailing costs there; the currencies
 * are the three the schema allows.
 */
export const CITIES: readonly City[] = [
  {
    name: 'New York',
    center: { lat: 40.7128, lon: -74.006 },
    radiusKm: 8,
    currency: 'USD',
    speedKmh: 17,
    tariff: { base: 3, perKm: 1.75, perMinute: 0.5, minimum: 10, cancellationFee: 5 },
    weight: 4,
  },
  {
    name: 'San Francisco',
    center: { lat: 37.7749, lon: -122.4194 },
    radiusKm: 6,
    currency: 'USD',
    speedKmh: 22,
    tariff: { base: 2.5, perKm: 1.5, perMinute: 0.4, minimum: 8, cancellationFee: 5 },
    weight: 2,
  },
  {
    name: 'Chicago',
    center: { lat: 41.8781, lon: -87.6298 },
    radiusKm: 9,
    currency: 'USD',
    speedKmh: 26,
    tariff: { base: 2.25, perKm: 1.3, perMinute: 0.35, minimum: 7, cancellationFee: 5 },
    weight: 2,
  },
  {
    name: 'London',
    center: { lat: 51.5074, lon: -0.1278 },
    radiusKm: 10,
    currency: 'GBP',
    speedKmh: 18,
    tariff: { base: 2.5, perKm: 1.25, perMinute: 0.3, minimum: 6, cancellationFee: 5 },
    weight: 4,
  },
  {
    name: 'Manchester',
    center: { lat: 53.4808, lon: -2.2426 },
    radiusKm: 6,
    currency: 'GBP',
    speedKmh: 24,
    tariff: { base: 2, perKm: 1, perMinute: 0.25, minimum: 5, cancellationFee: 4 },
    weight: 1,
  },
  {
    name: 'Paris',
    center: { lat: 48.8566, lon: 2.3522 },
    radiusKm: 7,
    currency: 'EUR',
    speedKmh: 17,
    tariff: { base: 2.5, perKm: 1.1, perMinute: 0.35, minimum: 7, cancellationFee: 5 },
    weight: 3,
  },
  {
    name: 'Berlin',
    center: { lat: 52.52, lon: 13.405 },
    radiusKm: 9,
    currency: 'EUR',
    speedKmh: 24,
    tariff: { base: 3.9, perKm: 2, perMinute: 0.1, minimum: 6, cancellationFee: 5 },
    weight: 2,
  },
  {
    name: 'Madrid',
    center: { lat: 40.4168, lon: -3.7038 },
    radiusKm: 8,
    currency: 'EUR',
    speedKmh: 22,
    tariff: { base: 2.4, perKm: 1.05, perMinute: 0.25, minimum: 5, cancellationFee: 4 },
    weight: 2,
  },
  {
    name: 'Amsterdam',
    center: { lat: 52.3676, lon: 4.9041 },
    radiusKm: 6,
    currency: 'EUR',
    speedKmh: 20,
    tariff: { base: 3.2, perKm: 2.3, perMinute: 0.4, minimum: 8, cancellationFee: 5 },
    weight: 1,
  },
];

const EARTH_RADIUS_KM = 6371.0088;
const toRadians = (degrees: number) => (degrees * Math.PI) / 180;
const toDegrees = (radians: number) => (radians * 180) / Math.PI;

/** Great-circle distance between two points (haversine). */
export function haversineKm(a: Point, b: Point): number {
  const dLat = toRadians(b.lat - a.lat);
  const dLon = toRadians(b.lon - a.lon);
  const h =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(toRadians(a.lat)) * Math.cos(toRadians(b.lat)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** The point `distanceKm` away from `from` in direction `bearingDegrees` (0 = north, 90 = east). */
export function destination(from: Point, bearingDegrees: number, distanceKm: number): Point {
  const angular = distanceKm / EARTH_RADIUS_KM;
  const bearing = toRadians(bearingDegrees);
  const lat1 = toRadians(from.lat);
  const lon1 = toRadians(from.lon);
  const lat2 = Math.asin(
    Math.sin(lat1) * Math.cos(angular) + Math.cos(lat1) * Math.sin(angular) * Math.cos(bearing),
  );
  const lon2 =
    lon1 +
    Math.atan2(
      Math.sin(bearing) * Math.sin(angular) * Math.cos(lat1),
      Math.cos(angular) - Math.sin(lat1) * Math.sin(lat2),
    );
  return { lat: toDegrees(lat2), lon: ((toDegrees(lon2) + 540) % 360) - 180 };
}
