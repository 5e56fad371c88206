/**
 * Waits for something AWS does in its own time (a file delivered, an execution finished, a query run) by
 * checking it again and again. The wait between checks grows while nothing changes, so a long wait costs
 * few calls, and drops back to the first interval when a check sees progress, so the end is noticed soon.
 * Each wait is spread by a little jitter, and the last one is cut so that a final check lands on the deadline.
 */

export interface Clock {
  /** Milliseconds since any fixed moment. */
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export type PollState<T> =
  | { readonly done: true; readonly value: T }
  | {
      readonly done: false;
      /** What the check saw, in words: shown while waiting and in the timeout error. */
      readonly observed: string;
      /** Something moved since the previous check: check again soon. */
      readonly progressed?: boolean;
    };

export interface PollWait {
  readonly elapsedMs: number;
  /** The wait before the next check. */
  readonly delayMs: number;
  /** Checks made so far. */
  readonly checks: number;
  readonly observed: string;
}

export interface PollOptions {
  /** Time allowed from the first check on. */
  readonly timeoutMs: number;
  /** Wait after the first check, and after a check that saw progress. */
  readonly firstDelayMs: number;
  /** Longest wait between two checks. */
  readonly maxDelayMs: number;
  /** Each check that sees no progress multiplies the next wait by this. Default 1.5. */
  readonly factor?: number;
  /** Each wait is spread by up to ± this share of it. Default 0.2. */
  readonly jitter?: number;
  readonly clock?: Clock;
  readonly random?: () => number;
  readonly onWait?: (wait: PollWait) => void;
}

export class PollTimeoutError extends Error {
  override readonly name = 'PollTimeoutError';

  constructor(
    /** What the last check saw. */
    readonly observed: string,
    readonly elapsedMs: number,
    readonly checks: number,
  ) {
    super(`Still waiting after ${Math.round(elapsedMs / 1000)} s and ${checks} checks: ${observed}`);
  }
}

export async function pollUntil<T>(
  check: () => Promise<PollState<T>>,
  options: PollOptions,
): Promise<{ readonly value: T; readonly elapsedMs: number; readonly checks: number }> {
  const clock = options.clock ?? systemClock;
  const factor = options.factor ?? 1.5;
  const started = clock.now();
  let interval = options.firstDelayMs;
  for (let checks = 1; ; checks++) {
    const state = await check();
    const elapsedMs = clock.now() - started;
    if (state.done) return { value: state.value, elapsedMs, checks };
    if (elapsedMs >= options.timeoutMs) throw new PollTimeoutError(state.observed, elapsedMs, checks);
    if (state.progressed) interval = options.firstDelayMs;
    const delayMs = Math.min(
      pollDelay(interval, options.maxDelayMs, options.jitter ?? 0.2, options.random ?? Math.random),
      options.timeoutMs - elapsedMs,
    );
    options.onWait?.({ elapsedMs, delayMs, checks, observed: state.observed });
    await clock.sleep(delayMs);
    interval = Math.min(options.maxDelayMs, interval * factor);
  }
}

/** `interval` spread uniformly over ± `jitter` of itself, in whole milliseconds, never beyond `maxMs`. */
export function pollDelay(interval: number, maxMs: number, jitter: number, random: () => number): number {
  return Math.min(maxMs, Math.round(interval * (1 - jitter + 2 * jitter * random())));
}

/**
 * Settles as `work` does, or rejects with `onTimeout()` when it takes longer than `ms`. The work itself
 * goes on (a promise cannot be cancelled): its own timeouts end it.
 */
export async function withDeadline<T>(work: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(onTimeout()), ms);
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}
