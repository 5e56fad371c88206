/**
 * Posts ride events to the ingestion API (API Gateway → Lambda → Kinesis), one JSON event per request
 * with the API key in `x-api-key`. Throttling (429) and server errors (5xx) are retried with backoff,
 * honouring Retry-After; other 4xx answers are the API refusing the event and are not retried.
 */
import { fullJitterDelay } from '../aws/backoff.ts';

export interface ApiProgress {
  readonly done: number;
  readonly total: number;
  readonly accepted: number;
  readonly rejected: number;
  readonly retries: number;
}

export interface PostOptions {
  readonly url: string;
  readonly apiKey: string;
  /** Requests in flight at once. Default 4. */
  readonly concurrency?: number;
  /** Attempts per event, the first one included. Default 6. */
  readonly maxAttempts?: number;
  /** First backoff when the answer has no Retry-After; it doubles each attempt, with full jitter. Default 250 ms. */
  readonly baseDelayMs?: number;
  /** Longest single wait, Retry-After included. Default 20 s. */
  readonly maxDelayMs?: number;
  /** Time allowed for one answer. Default 30 s (API Gateway's own limit is 29 s). */
  readonly timeoutMs?: number;
  readonly onProgress?: (progress: ApiProgress) => void;
  /** For tests. */
  readonly sleep?: (ms: number) => Promise<void>;
  readonly random?: () => number;
  readonly fetch?: typeof fetch;
}

export interface Rejection {
  /** Position of the event in the input (0-based). */
  readonly index: number;
  readonly status: number;
  /** The answer's body, cut to 500 characters. */
  readonly body: string;
}

export interface PostResult {
  readonly accepted: number;
  /** Events the API answered with a 4xx other than 429: it looked at them and said no. */
  readonly rejected: readonly Rejection[];
  readonly retries: number;
  /** Every wait, in ms, in order (tests check Retry-After with it). */
  readonly waits: readonly number[];
}

export class ApiError extends Error {
  override readonly name = 'ApiError';
}

const RETRIED_STATUSES = new Set([429, 500, 502, 503, 504]);

export async function postEvents(bodies: readonly string[], options: PostOptions): Promise<PostResult> {
  const url = checkUrl(options.url);
  const concurrency = Math.max(1, options.concurrency ?? 4);
  const maxAttempts = options.maxAttempts ?? 6;
  const baseDelayMs = options.baseDelayMs ?? 250;
  const maxDelayMs = options.maxDelayMs ?? 20_000;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const random = options.random ?? Math.random;
  const doFetch = options.fetch ?? fetch;

  let next = 0;
  let done = 0;
  let accepted = 0;
  let retries = 0;
  let fatal: Error | undefined;
  const rejected: Rejection[] = [];
  const waits: number[] = [];

  const post = async (index: number): Promise<void> => {
    for (let attempt = 1; ; attempt++) {
      let status: number;
      let text: string;
      let retryAfter: string | null = null;
      try {
        const response = await doFetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-api-key': options.apiKey },
          body: bodies[index],
          signal: AbortSignal.timeout(timeoutMs),
        });
        status = response.status;
        retryAfter = response.headers.get('retry-after');
        text = await response.text();
      } catch (error) {
        if (attempt >= maxAttempts) {
          throw new ApiError(
            `Could not reach ${url.href} after ${maxAttempts} attempts: ${describe(error)}. Check --api (the invoke URL of the stage and resource, e.g. https://abc123.execute-api.us-east-1.amazonaws.com/dev/events).`,
            { cause: error },
          );
        }
        retries++;
        await wait(backoff(attempt));
        continue;
      }
      if (status >= 200 && status < 300) {
        accepted++;
        return;
      }
      if (status === 401 || status === 403) {
        throw new ApiError(
          `The API refused the request with HTTP ${status} (${text.slice(0, 200)}). Check --api-key (the key of the API's usage plan) and the URL: API Gateway also answers 403 for a path or method it does not have.`,
        );
      }
      if (!RETRIED_STATUSES.has(status)) {
        rejected.push({ index, status, body: text.slice(0, 500) });
        return;
      }
      if (attempt >= maxAttempts) {
        throw new ApiError(
          `The API still answered HTTP ${status} after ${maxAttempts} attempts (${text.slice(0, 200)}). ${
            status === 429
              ? 'It throttles: lower --concurrency, or raise the usage plan’s rate and burst limits.'
              : 'It has a problem on its side: look at the function’s logs in CloudWatch.'
          }`,
        );
      }
      retries++;
      await wait(retryAfterMs(retryAfter) ?? backoff(attempt));
    }
  };

  const backoff = (attempt: number) => fullJitterDelay(attempt, baseDelayMs, maxDelayMs, random);
  const wait = async (ms: number) => {
    const capped = Math.min(maxDelayMs, ms);
    waits.push(capped);
    await sleep(capped);
  };
  const report = () =>
    options.onProgress?.({ done, total: bodies.length, accepted, rejected: rejected.length, retries });

  const worker = async () => {
    while (fatal === undefined && next < bodies.length) {
      const index = next++;
      try {
        await post(index);
      } catch (error) {
        fatal ??= error instanceof Error ? error : new Error(String(error));
        return;
      }
      done++;
      report();
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, bodies.length) }, worker));
  if (fatal) throw fatal;
  return { accepted, rejected, retries, waits };
}

/** Retry-After in seconds or as an HTTP date, in ms; undefined when absent or unreadable. */
export function retryAfterMs(value: string | null, now: () => number = Date.now): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now());
}

function checkUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new ApiError(
      `--api must be a URL such as https://abc123.execute-api.us-east-1.amazonaws.com/dev/events, not "${text}".`,
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ApiError(`--api must be an http(s) URL, not "${text}".`);
  }
  return url;
}

/** fetch's own message is only "fetch failed": the reason (ECONNREFUSED, ENOTFOUND, a timeout) is its cause. */
function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause as { code?: string; message?: string } | undefined;
  if (cause?.message === undefined) return error.message;
  return `${error.message}: ${cause.message}${cause.code && !cause.message.includes(cause.code) ? ` (${cause.code})` : ''}`;
}
