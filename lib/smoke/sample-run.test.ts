import { describe, expect, it } from 'vitest';
import { MAX_SMOKE_EVENTS, planRun } from './sample-run.ts';

describe('planRun', () => {
  const now = new Date('2026-01-25T10:15:00Z');

  it('names the run after its start and makes events of the last hour that no other run shares', () => {
    const [a, b] = [planRun(20, now), planRun(20, now)];

    expect(a.id).toMatch(/^smoke-20260125-101500-[0-9a-f]{4}$/);
    expect(a.records).toHaveLength(20);
    for (const r of a.records) {
      const event = JSON.parse(r.line);
      expect([event.event_id, event.ride_id]).toEqual([r.eventId, r.rideId]);
      expect(Date.parse(event.event_time)).toBeGreaterThanOrEqual(now.getTime() - 3_600_000);
      expect(Date.parse(event.event_time)).toBeLessThan(now.getTime());
    }
    expect(new Set(a.records.map((r) => r.eventId)).size).toBe(20);
    expect(a.rideIds).toEqual([...new Set(a.records.map((r) => r.rideId))]);
    expect(a.rideIds.filter((id) => b.rideIds.includes(id))).toEqual([]);
  });

  it('sends rides the two ways in turn, each ride’s events all the same way', () => {
    const run = planRun(40, now);

    run.rideIds.forEach((ride, index) => {
      const paths = new Set(run.records.filter((r) => r.rideId === ride).map((r) => r.path));
      expect([...paths]).toEqual([index % 2 === 0 ? 'api' : 'stream']);
    });
  });

  it('refuses a number of events it cannot send', () => {
    for (const n of [0, 1.5, MAX_SMOKE_EVENTS + 1]) {
      expect(() => planRun(n, now)).toThrow(`from 1 to ${MAX_SMOKE_EVENTS}, not ${n}`);
    }
  });
});
