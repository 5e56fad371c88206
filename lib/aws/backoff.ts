/**
 * Exponential backoff with full jitter: a wait anywhere from 0 to `baseMs · 2^(attempt-1)`, capped at
 * `maxMs`. Spreading retries over the whole interval keeps many clients from retrying in step.
 */
export function fullJitterDelay(
  attempt: number,
  baseMs: number,
  maxMs: number,
  random: () => number = Math.random,
): number {
  return random() * Math.min(maxMs, baseMs * 2 ** (attempt - 1));
}
