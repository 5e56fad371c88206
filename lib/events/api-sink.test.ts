import { once } from 'node:events';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type ListeningServer, serveLocally } from '../testing/local-http-server.ts';
import { ApiError, postEvents, retryAfterMs } from './api-sink.ts';

interface Answer {
  readonly status: number;
  readonly body?: string;
  readonly headers?: Record<string, string>;
}

/** A local API that records requests and answers from a script (202 once the script runs out). */
let server: ListeningServer;
let url: string;
let script: Answer[];
const received: { body: string; headers: IncomingMessage['headers'] }[] = [];

beforeAll(async () => {
  server = await serveLocally((request, body, response) => {
    received.push({ body: body.toString('utf8'), headers: request.headers });
    const answer = script.shift() ?? { status: 202, body: '{"sequenceNumber":"1"}' };
    response.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
    response.end(answer.body ?? '{}');
  });
  url = `${server.url}/dev/events`;
});
afterAll(() => server.close());
beforeEach(() => {
  script = [];
  received.length = 0;
});

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  probe.listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

const waits: number[] = [];
const sleep = async (ms: number) => {
  waits.push(ms);
};
beforeEach(() => {
  waits.length = 0;
});

describe('postEvents', () => {
  it('posts each event as JSON with the API key', async () => {
    const result = await postEvents(['{"a":1}', '{"a":2}'], {
      url,
      apiKey: 'key-123',
      sleep,
      concurrency: 1,
    });

    expect(result).toEqual({ accepted: 2, rejected: [], retries: 0, waits: [] });
    expect(received.map((r) => r.body)).toEqual(['{"a":1}', '{"a":2}']);
    expect(received[0]?.headers).toMatchObject({
      'content-type': 'application/json',
      'x-api-key': 'key-123',
    });
  });

  it('honours Retry-After on 429, and backs off exponentially without it', async () => {
    script = [{ status: 429, headers: { 'retry-after': '2' } }, { status: 429 }, { status: 503 }];

    const result = await postEvents(['{"a":1}'], {
      url,
      apiKey: 'k',
      sleep,
      random: () => 1,
      concurrency: 1,
    });

    expect(result.accepted).toBe(1);
    expect(result.retries).toBe(3);
    expect(waits).toEqual([2000, 500, 1000]);
    expect(received).toHaveLength(4);
  });

  it('collects events the API refuses (4xx) without retrying them', async () => {
    script = [
      { status: 202 },
      { status: 400, body: '{"message":"The ride event is not valid (1 problems)."}' },
    ];

    const result = await postEvents(['{"a":1}', 'nope', '{"a":3}'], {
      url,
      apiKey: 'k',
      sleep,
      concurrency: 1,
    });

    expect(result.accepted).toBe(2);
    expect(result.rejected).toEqual([
      { index: 1, status: 400, body: '{"message":"The ride event is not valid (1 problems)."}' },
    ]);
  });

  it('stops at once when the key is refused', async () => {
    script = [{ status: 403, body: '{"message":"Forbidden"}' }];

    await expect(
      postEvents(['{}', '{}', '{}'], { url, apiKey: 'bad', sleep, concurrency: 1 }),
    ).rejects.toThrow('The API refused the request with HTTP 403 ({"message":"Forbidden"}). Check --api-key');
    expect(received).toHaveLength(1);
  });

  it('gives up when throttling outlasts the attempts', async () => {
    script = Array.from({ length: 3 }, () => ({ status: 429, body: '{"message":"Too Many Requests"}' }));

    await expect(postEvents(['{}'], { url, apiKey: 'k', sleep, maxAttempts: 3 })).rejects.toThrow(
      /^The API still answered HTTP 429 after 3 attempts .* lower --concurrency/,
    );
  });

  it('says when the API cannot be reached', async () => {
    const closed = await closedPort();
    await expect(
      postEvents(['{}'], {
        url: `http://127.0.0.1:${closed}/dev/events`,
        apiKey: 'k',
        sleep,
        maxAttempts: 2,
      }),
    ).rejects.toThrow(
      new RegExp(
        `^Could not reach http://127\\.0\\.0\\.1:${closed}/dev/events after 2 attempts: fetch failed: .*ECONNREFUSED`,
      ),
    );
    expect(waits).toHaveLength(1);
  });

  it('refuses a URL that is not one', async () => {
    await expect(postEvents(['{}'], { url: 'abc123.execute-api', apiKey: 'k' })).rejects.toThrow(ApiError);
  });

  it('keeps several requests in flight and counts every event once', async () => {
    const bodies = Array.from({ length: 40 }, (_, i) => `{"n":${i}}`);
    script = [{ status: 429, headers: { 'retry-after': '0' } }];

    const result = await postEvents(bodies, { url, apiKey: 'k', sleep, concurrency: 8 });

    expect(result.accepted).toBe(40);
    expect(new Set(received.map((r) => r.body))).toEqual(new Set(bodies));
    expect(received).toHaveLength(41);
  });
});

describe('retryAfterMs', () => {
  it('reads seconds and HTTP dates', () => {
    expect(retryAfterMs('3')).toBe(3000);
    expect(retryAfterMs('0.5')).toBe(500);
    expect(
      retryAfterMs('Wed, 21 Oct 2015 07:28:05 GMT', () => Date.parse('Wed, 21 Oct 2015 07:28:00 GMT')),
    ).toBe(5000);
    expect(retryAfterMs(null)).toBeUndefined();
    expect(retryAfterMs('soon')).toBeUndefined();
  });
});
