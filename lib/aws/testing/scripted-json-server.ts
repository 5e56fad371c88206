/**
 * A local AWS that speaks the JSON protocol (AWS JSON 1.0 and 1.1: `POST /`, `X-Amz-Target:
 * Service.Operation`, a signed JSON body) with scripted answers, so the real SDK clients can be tested
 * against what moto never gives: operations it lacks (CodePipeline executions, Price List queries) and
 * faults (throttling, 5xx answers, slow replies, dropped connections). Requests for an operation without a
 * handler can go on to an upstream server, so one endpoint serves a fake in front of moto. Every request
 * is recorded. The pricing, Kinesis and CodePipeline fakes are handlers installed on it.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { forwardRequest, sendForwarded, serveLocally } from '../../testing/local-http-server.ts';

type JsonBody = Record<string, unknown>;

export interface ScriptedAnswer {
  readonly status: number;
  /** JSON body; a string is sent as it is. */
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

/** Answers one operation's request; its argument is the parsed JSON body. */
export type OperationHandler<Body = JsonBody> = (body: Body) => ScriptedAnswer | Promise<ScriptedAnswer>;

export interface Fault<Body = JsonBody> {
  /** The operation it answers, as in X-Amz-Target: `AWSStepFunctions.StartExecution`. Default: any. */
  readonly target?: string;
  /** Only requests whose body it accepts. Default: all. */
  readonly when?: (body: Body) => boolean;
  /** How many of its requests it answers. Default 1; Infinity for all. */
  readonly times?: number;
  /** An answer; `'drop'` to close the connection; or a delay before the usual answer. */
  readonly answer: ScriptedAnswer | 'drop' | { readonly delayMs: number };
}

export interface RecordedRequest<Body = JsonBody> {
  /** X-Amz-Target, or `''` for a request of another protocol (forwarded upstream). */
  readonly target: string;
  readonly body: Body;
  readonly headers: IncomingMessage['headers'];
  /** When the request's body had arrived (Date.now()): for tests of how soon a call is made. */
  readonly receivedAt: number;
  /** Status sent, or -1 when the connection was dropped or the client gave up waiting. */
  status: number;
}

export interface Upstream {
  /** Origin of the server that answers what no handler does, e.g. moto's. */
  readonly endpoint: string;
  /** Changes a JSON answer from upstream before it is sent on, e.g. to mend a field the SDK cannot read. */
  readonly mend?: (target: string, body: unknown) => unknown;
}

export interface ScriptedJsonServerOptions {
  readonly upstream?: Upstream;
}

export interface ScriptedJsonServer<Body = JsonBody> {
  /** `http://127.0.0.1:<port>`, for a client's `endpoint`. */
  readonly endpoint: string;
  readonly requests: RecordedRequest<Body>[];
  /** Handlers by X-Amz-Target; change them between tests. */
  readonly handlers: Record<string, OperationHandler<Body>>;
  addFault(fault: Fault<Body>): void;
  /** Forgets the requests and the faults not used yet. */
  reset(): void;
  /** Requests of one operation, in order. */
  requestsFor(target: string): RecordedRequest<Body>[];
  close(): Promise<void>;
}

export const awsError = (status: number, type: string, message: string): ScriptedAnswer => ({
  status,
  body: { __type: type, message },
});
export const throttlingError = () => awsError(400, 'ThrottlingException', 'Rate exceeded');
export const serviceUnavailable = () => awsError(503, 'ServiceUnavailableException', 'Service Unavailable');
export const ok = (body: unknown = {}): ScriptedAnswer => ({ status: 200, body });

const AWS_JSON = /^application\/x-amz-json-1\.[01]\b/;

export async function startScriptedJsonServer<Body = JsonBody>(
  handlers: Record<string, OperationHandler<Body>> = {},
  options: ScriptedJsonServerOptions = {},
): Promise<ScriptedJsonServer<Body>> {
  const faults: { fault: Fault<Body>; remaining: number }[] = [];
  const requests: RecordedRequest<Body>[] = [];

  async function handle(request: IncomingMessage, raw: Buffer, response: ServerResponse): Promise<void> {
    const target = String(request.headers['x-amz-target'] ?? '');
    const text = raw.toString('utf8');
    let parsed: unknown;
    try {
      parsed = text === '' ? {} : JSON.parse(text);
    } catch {
      // recorded as {} and refused below, unless it goes upstream
    }
    const body = (parsed ?? {}) as Body;
    const recorded: RecordedRequest<Body> = {
      target,
      body,
      headers: request.headers,
      receivedAt: Date.now(),
      status: 0,
    };
    requests.push(recorded);
    // Answer in the protocol version the client spoke.
    const contentType = String(request.headers['content-type'] ?? '');
    const send = (answer: ScriptedAnswer) => {
      if (response.destroyed) return;
      recorded.status = answer.status;
      response.writeHead(answer.status, {
        'content-type': AWS_JSON.test(contentType) ? contentType : 'application/x-amz-json-1.1',
        'x-amzn-requestid': `req-${requests.length}`,
        ...answer.headers,
      });
      response.end(typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body ?? {}));
    };

    const queued = faults.find(
      (q) =>
        q.remaining > 0 &&
        (q.fault.target === undefined || q.fault.target === target) &&
        (q.fault.when?.(body) ?? true),
    );
    if (queued) {
      queued.remaining -= 1;
      const { answer } = queued.fault;
      if (answer === 'drop') {
        recorded.status = -1;
        request.socket.destroy();
        return;
      }
      if (!('delayMs' in answer)) return send(answer);
      // A client that stops waiting closes the connection: such a request is recorded with status -1.
      response.on('close', () => {
        if (!response.writableFinished) recorded.status = -1;
      });
      await new Promise((resolve) => setTimeout(resolve, answer.delayMs));
      if (response.destroyed) return;
    }

    const handler = handlers[target];
    const { upstream } = options;
    if (handler === undefined && upstream) {
      const answer = await forwardRequest(upstream.endpoint, request, raw);
      recorded.status = answer.status;
      const mended =
        upstream.mend && answer.status < 300 && answer.body.length > 0 && target !== ''
          ? Buffer.from(JSON.stringify(upstream.mend(target, JSON.parse(answer.body.toString('utf8')))))
          : answer.body;
      return sendForwarded(response, { ...answer, body: mended });
    }
    if (request.method !== 'POST' || request.url !== '/') {
      return send(awsError(404, 'UnknownOperationException', `${request.method} ${request.url}`));
    }
    if (!AWS_JSON.test(contentType)) {
      return send(
        awsError(400, 'SerializationException', `Content-Type must be AWS JSON, not "${contentType}"`),
      );
    }
    if (!String(request.headers.authorization ?? '').startsWith('AWS4-HMAC-SHA256 ')) {
      return send(awsError(400, 'MissingAuthenticationTokenException', 'Missing Authentication Token'));
    }
    if (parsed === undefined) return send(awsError(400, 'SerializationException', 'Body is not JSON'));
    if (handler === undefined) {
      return send(awsError(400, 'UnknownOperationException', `Unknown operation ${target}`));
    }
    try {
      send(await handler(body));
    } catch (error) {
      // A broken script: fail the call loudly, with the reason, instead of leaving it unanswered.
      send(awsError(500, 'InternalFailure', `The scripted handler of ${target} failed: ${String(error)}`));
    }
  }

  const listening = await serveLocally(handle);
  return {
    endpoint: listening.url,
    requests,
    handlers,
    addFault: (fault) => faults.push({ fault, remaining: fault.times ?? 1 }),
    reset: () => {
      requests.length = 0;
      faults.length = 0;
    },
    requestsFor: (target) => requests.filter((r) => r.target === target),
    close: listening.close,
  };
}
