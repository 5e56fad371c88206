import { describe, expect, it } from 'vitest';
import { ridesQuery } from './query.ts';

describe('ridesQuery', () => {
  it('selects the run’s rides from the curated table, quoting the database', () => {
    expect(ridesQuery('launchpad_dev_curated', ['ride-abcdefghij', 'ride-0123456789'])).toBe(
      `SELECT DISTINCT ride_id FROM "launchpad_dev_curated"."rides" WHERE ride_id IN ('ride-abcdefghij', 'ride-0123456789')`,
    );
  });

  it('refuses anything but a ride id inside the SQL', () => {
    expect(() => ridesQuery('db', ["ride-x' OR '1'='1"])).toThrow(/^Not a ride id: /);
  });
});
