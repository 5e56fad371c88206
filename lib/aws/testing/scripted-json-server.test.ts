import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { awsError, ok, type ScriptedJsonServer, startScriptedJsonServer } from './scripted-json-server.ts';

const TARGET = 'Demo_2024.Describe';
const SIGNED = { authorization: 'AWS4-HMAC-SHA256 Credential=testing/20240101/us-east-1/demo/aws4_request' };

let upstream: ScriptedJsonServer;
let server: ScriptedJsonServer;

beforeAll(async () => {
  upstream = await startScriptedJsonServer({
    'Other_2024.Read': () => ok({ when: '2024-03-07T08:00:00Z' }),
  });
  server = await startScriptedJsonServer(
    { [TARGET]: (body) => (body.broken ? Promise.reject(new Error('no such step')) : ok({ echo: body })) },
    { upstream: { endpoint: upstream.endpoint, mend: (target, body) => ({ target, mended: body }) } },
  );
});
afterAll(async () => {
  await server.close();
  await upstream.close();
});
afterEach(() => server.reset());

/** A request as the SDK sends it, with the parts a test leaves out or changes. */
function call(
  body: string,
  headers: Record<string, string> = {},
  init: { method?: string; path?: string } = {},
): Promise<Response> {
  return fetch(`${server.endpoint}${init.path ?? '/'}`, {
    method: init.method ?? 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': TARGET, ...SIGNED, ...headers },
    body: init.method === 'GET' ? undefined : body,
  });
}

describe('the scripted AWS JSON server', () => {
  it('answers an operation from its handler, in the protocol version the client spoke, and records it', async () => {
    const answer = await call('{"Name":"a"}', { 'content-type': 'application/x-amz-json-1.0' });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('application/x-amz-json-1.0');
    expect(await answer.json()).toEqual({ echo: { Name: 'a' } });
    expect(server.requestsFor(TARGET).map((r) => [r.body, r.status])).toEqual([[{ Name: 'a' }, 200]]);
  });

  it('refuses what AWS refuses: another method, another content type, no signature, a body that is not JSON', async () => {
    const answers = [
      await call('', {}, { method: 'GET' }),
      await call('{}', { 'content-type': 'application/json' }),
      await call('{}', { authorization: '' }),
      await call('{"Name":'),
      await call('{}', { 'x-amz-target': 'Demo_2024.Nothing' }),
    ];
    expect(
      await Promise.all(
        answers.map(async (a) => [a.status, ((await a.json()) as { __type: string }).__type]),
      ),
    ).toEqual([
      [404, 'UnknownOperationException'],
      [400, 'SerializationException'],
      [400, 'MissingAuthenticationTokenException'],
      [400, 'SerializationException'],
      [400, 'UnknownOperationException'],
    ]);
  });

  it('answers with its faults first, for an operation or for the bodies a fault accepts', async () => {
    server.addFault({
      target: TARGET,
      when: (body) => body.Name === 'b',
      answer: awsError(400, 'Nope', 'x'),
    });
    server.addFault({ answer: { status: 503, body: { __type: 'Busy' } }, times: 1 });
    expect((await call('{"Name":"a"}')).status).toBe(503);
    expect((await call('{"Name":"a"}')).status).toBe(200);
    expect((await call('{"Name":"b"}')).status).toBe(400);
    expect((await call('{"Name":"b"}')).status).toBe(200);
  });

  it('records a dropped connection and an answer the client stopped waiting for as -1', async () => {
    server.addFault({ target: TARGET, answer: 'drop' });
    await expect(call('{}')).rejects.toThrow();
    server.addFault({ target: TARGET, answer: { delayMs: 5_000 } });
    await expect(
      fetch(server.endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': TARGET, ...SIGNED },
        body: '{}',
        signal: AbortSignal.timeout(100),
      }),
    ).rejects.toThrow();
    await expect.poll(() => server.requestsFor(TARGET).map((r) => r.status)).toEqual([-1, -1]);
  });

  it('passes what it has no handler for upstream, JSON answers mended on the way back', async () => {
    const answer = await call('{}', { 'x-amz-target': 'Other_2024.Read' });
    expect(await answer.json()).toEqual({
      target: 'Other_2024.Read',
      mended: { when: '2024-03-07T08:00:00Z' },
    });
    expect(upstream.requestsFor('Other_2024.Read')).toHaveLength(1);
    const rest = await call('', { 'x-amz-target': '' }, { method: 'GET', path: '/bucket/key' });
    expect(rest.status).toBe(404); // the upstream's own answer to a request of another protocol
    expect(server.requests.map((r) => [r.target, r.status])).toEqual([
      ['Other_2024.Read', 200],
      ['', 404],
    ]);
  });

  it('fails a call whose handler throws with 500 and the reason', async () => {
    const answer = await call('{"broken":true}');
    expect(answer.status).toBe(500);
    expect(((await answer.json()) as { message: string }).message).toBe(
      `The scripted handler of ${TARGET} failed: Error: no such step`,
    );
  });
});
