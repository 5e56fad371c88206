import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { closeServer, listenLocally } from '../../testing/local-http-server.ts';

export interface ScriptedAnswer {
  readonly status: number;
  readonly body?: unknown;
}

/** Answers one operation's request; its argument is the parsed JSON body. */
export type OperationHandler = (body: Record<string, unknown>) => ScriptedAnswer | Promise<ScriptedAnswer>;

export interface Fault {
  /** The operation it answers, as in X-Amz-Target: `AWSStepFunctions.StartExecution`. */
  readonly target: string;
  /** How many of its requests it answers. Default 1; Infinity for all. */
  readonly times?: number;
  /** An answer; `'drop'` to close the connection; or a delay before the handler's own answer. */
  readonly answer: ScriptedAnswer | 'drop' | { readonly delayMs: number };
}

export interface RecordedRequest {
  readonly target: string;
  readonly body: Record<string, unknown>;
  readonly headers: IncomingMessage['headers'];
  /** When the request's body had arrived (Date.now()): for tests of how soon a call is made. */
  readonly receivedAt: number;
  /** Status sent, or -1 when the connection was dropped or the client gave up waiting. */
  status: number;
}

export interface ScriptedJsonServer {
  /** `http://127.0.0.1:<port>`, for a client's `endpoint`. */
  readonly endpoint: string;
  readonly requests: RecordedRequest[];
  /** Handlers by X-Amz-Target; change them between tests. */
  readonly handlers: Record<string, OperationHandler>;
  addFault(fault: Fault): void;
  /** Forgets the requests and the faults not used yet. */
  reset(): void;
  /** Requests of one operation, in order. */
  requestsFor(target: string): RecordedRequest[];
  close(): Promise<void>;
}

export const awsError = (status: number, type: string, message: string): ScriptedAnswer => ({
  status,
  body: { __type: type, message },
});
export const throttlingError = () => awsError(400, 'ThrottlingException', 'Rate exceeded');
export const serviceUnavailable = () => awsError(503, 'ServiceUnavailableException', 'Service Unavailable');
export const ok = (body: unknown = {}): ScriptedAnswer => ({ status: 200, body });

export async function startScriptedJsonServer(
  handlers: Record<string, OperationHandler> = {},
): Promise<ScriptedJsonServer> {
  const faults: { fault: Fault; remaining: number }[] = [];
  const state: ScriptedJsonServer = {
    endpoint: '',
    requests: [],
    handlers,
    addFault: (fault) => faults.push({ fault, remaining: fault.times ?? 1 }),
    reset: () => {
      state.requests.length = 0;
      faults.length = 0;
    },
    requestsFor: (target) => state.requests.filter((r) => r.target === target),
    close: () => closeServer(server),
  };

  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      void handle(request, Buffer.concat(chunks).toString('utf8'), response);
    });
  });

  async function handle(request: IncomingMessage, text: string, response: ServerResponse): Promise<void> {
    const target = String(request.headers['x-amz-target'] ?? '');
    let body: Record<string, unknown> = {};
    try {
      body = text === '' ? {} : (JSON.parse(text) as Record<string, unknown>);
    } catch {
      // answered by the handler's checks below
    }
    const recorded: RecordedRequest = {
      target,
      body,
      headers: request.headers,
      receivedAt: Date.now(),
      status: 0,
    };
    state.requests.push(recorded);
    // Answer in the protocol version the client spoke.
    const contentType = String(request.headers['content-type'] ?? 'application/x-amz-json-1.1');
    const send = (answer: ScriptedAnswer) => {
      if (response.destroyed) return;
      recorded.status = answer.status;
      response.writeHead(answer.status, {
        'content-type': contentType,
        'x-amzn-requestid': `req-${state.requests.length}`,
      });
      response.end(JSON.stringify(answer.body ?? {}));
    };

    const queued = faults.find((q) => q.remaining > 0 && q.fault.target === target);
    if (queued) {
      queued.remaining -= 1;
      const { answer } = queued.fault;
      if (answer === 'drop') {
        recorded.status = -1;
        request.socket.destroy();
        return;
      }
      if (!('delayMs' in answer)) return send(answer);
      response.on('close', () => {
        if (!response.writableFinished) recorded.status = -1;
      });
      await new Promise((resolve) => setTimeout(resolve, answer.delayMs));
      if (response.destroyed) return;
    }

    if (
      request.method !== 'POST' ||
      request.url !== '/' ||
      !contentType.startsWith('application/x-amz-json-1.')
    ) {
      return send(
        awsError(
          400,
          'SerializationException',
          `Expected POST / with AWS JSON, got ${request.method} ${request.url}`,
        ),
      );
    }
    if (!String(request.headers.authorization ?? '').startsWith('AWS4-HMAC-SHA256 ')) {
      return send(awsError(400, 'MissingAuthenticationTokenException', 'Missing Authentication Token'));
    }
    const handler = state.handlers[target];
    if (handler === undefined)
      return send(awsError(400, 'UnknownOperationException', `No handler for ${target}`));
    send(await handler(body));
  }

  return Object.assign(state, { endpoint: (await listenLocally(server)).url });
}
