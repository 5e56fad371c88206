import { describe, expect, it } from 'vitest';
import {
  type Clock,
  type PollState,
  PollTimeoutError,
  type PollWait,
  pollDelay,
  pollUntil,
  withDeadline,
} from './poll.ts';

/** A clock whose sleeps pass at once and only move its time on. */
function fakeClock(): Clock & { readonly sleeps: number[] } {
  let time = 0;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => time,
    sleep: async (ms) => {
      sleeps.push(ms);
      time += ms;
    },
  };
}

/** Answers the given states in turn; the last one repeats. */
function checks<T>(...states: PollState<T>[]) {
  let index = 0;
  return async () => states[Math.min(index++, states.length - 1)] as PollState<T>;
}
const waiting = (observed = 'not yet', progressed = false): PollState<never> => ({
  done: false,
  observed,
  progressed,
});

describe('pollUntil', () => {
  it('waits longer after each check that sees nothing new, up to the longest wait', async () => {
    const clock = fakeClock();
    const check = checks<string>(...Array.from({ length: 6 }, () => waiting()), {
      done: true,
      value: 'there',
    });

    const result = await pollUntil(check, {
      timeoutMs: 60_000,
      firstDelayMs: 100,
      maxDelayMs: 1000,
      factor: 2,
      jitter: 0,
      clock,
    });

    expect(clock.sleeps).toEqual([100, 200, 400, 800, 1000, 1000]);
    expect(result).toEqual({ value: 'there', elapsedMs: 3500, checks: 7 });
  });

  it('checks soon again after a check that saw progress', async () => {
    const clock = fakeClock();
    const check = checks<number>(waiting(), waiting(), waiting('1 of 2', true), waiting(), {
      done: true,
      value: 2,
    });

    await pollUntil(check, {
      timeoutMs: 60_000,
      firstDelayMs: 100,
      maxDelayMs: 1000,
      factor: 2,
      jitter: 0,
      clock,
    });

    expect(clock.sleeps).toEqual([100, 200, 100, 200]);
  });

  it('spreads each wait by the jitter, never past the longest wait', async () => {
    const clock = fakeClock();
    const randoms = [0, 1, 0.5, 1];
    const check = checks<number>(waiting(), waiting(), waiting(), waiting(), { done: true, value: 1 });

    await pollUntil(check, {
      timeoutMs: 60_000,
      firstDelayMs: 1000,
      maxDelayMs: 2000,
      factor: 1.5,
      jitter: 0.2,
      clock,
      random: () => randoms.shift() as number,
    });

    // 1000 −20 %, 1500 +20 %, 2000 (capped) ±0, 2000 +20 % capped.
    expect(clock.sleeps).toEqual([800, 1800, 2000, 2000]);
  });

  it('lands its last check on the deadline, then fails with what that check saw', async () => {
    const clock = fakeClock();
    const waits: PollWait[] = [];
    let n = 0;
    const check = async () => waiting(`check ${++n}`);

    const failure = await pollUntil(check, {
      timeoutMs: 1000,
      firstDelayMs: 300,
      maxDelayMs: 5000,
      factor: 2,
      jitter: 0,
      clock,
      onWait: (w) => waits.push(w),
    }).catch((e: unknown) => e);

    expect(clock.sleeps).toEqual([300, 600, 100]);
    expect(failure).toBeInstanceOf(PollTimeoutError);
    expect(failure).toMatchObject({ observed: 'check 4', elapsedMs: 1000, checks: 4 });
    expect((failure as Error).message).toBe('Still waiting after 1 s and 4 checks: check 4');
    expect(waits).toEqual([
      { elapsedMs: 0, delayMs: 300, checks: 1, observed: 'check 1' },
      { elapsedMs: 300, delayMs: 600, checks: 2, observed: 'check 2' },
      { elapsedMs: 900, delayMs: 100, checks: 3, observed: 'check 3' },
    ]);
  });
});

describe('pollDelay', () => {
  it('stays within ± the jitter of the interval and under the cap', () => {
    for (let i = 0; i < 1000; i++) {
      const delay = pollDelay(1000, 1100, 0.2, Math.random);
      expect(delay).toBeGreaterThanOrEqual(800);
      expect(delay).toBeLessThanOrEqual(1100);
    }
    expect(pollDelay(1000, 5000, 0.2, () => 0)).toBe(800);
    expect(pollDelay(1000, 5000, 0.2, () => 1)).toBe(1200);
  });
});

describe('withDeadline', () => {
  it('settles as the work does when it is in time, and with the deadline’s error when not', async () => {
    await expect(withDeadline(Promise.resolve('done'), 50, () => new Error('late'))).resolves.toBe('done');
    const slow = new Promise((resolve) => setTimeout(resolve, 500));
    await expect(withDeadline(slow, 20, () => new Error('ingest stalled'))).rejects.toThrow('ingest stalled');
  });
});
