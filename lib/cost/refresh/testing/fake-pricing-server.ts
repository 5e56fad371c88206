import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { closeServer, listenLocally } from '../../../testing/local-http-server.ts';
import type { PriceListDocument } from './price-list-fixture.ts';

export const GET_PRODUCTS_TARGET = 'AWSPriceListService.GetProducts';
const JSON_11 = 'application/x-amz-json-1.1';
const ERROR_NAMESPACE = 'com.amazonaws.awspricelistservice';

export interface RecordedRequest {
  readonly headers: IncomingMessage['headers'];
  /** Parsed JSON body. */
  readonly body: GetProductsBody;
  /** What the server answered. */
  status: number;
}

export interface GetProductsBody {
  readonly ServiceCode?: string;
  readonly Filters?: readonly { Type: string; Field: string; Value: string }[];
  readonly FormatVersion?: string;
  readonly NextToken?: string;
  readonly MaxResults?: number;
}

export interface ScriptedAnswer {
  readonly status: number;
  /** JSON body; a string is sent as-is. */
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface Fault {
  /** Which requests it answers (default: any). */
  readonly when?: (body: GetProductsBody) => boolean;
  /** How many matching requests it answers (default 1; Infinity for every one). */
  readonly times?: number;
  /** An answer, `'drop'` (close the connection), or a delay before the normal answer. */
  readonly answer: ScriptedAnswer | 'drop' | { readonly delayMs: number };
}

export const throttling = (): ScriptedAnswer => ({
  status: 400,
  body: { __type: `${ERROR_NAMESPACE}#ThrottlingException`, message: 'Rate exceeded' },
});

export const serviceUnavailable = (): ScriptedAnswer => ({
  status: 503,
  body: { __type: `${ERROR_NAMESPACE}#ServiceUnavailableException`, message: 'Service Unavailable' },
});

export const internalError = (): ScriptedAnswer => ({
  status: 500,
  body: { __type: `${ERROR_NAMESPACE}#InternalErrorException`, message: 'An internal error occurred' },
});

export interface FakePricingServer {
  /** `http://127.0.0.1:<port>`, for the client's `endpoint`. */
  readonly endpoint: string;
  readonly requests: RecordedRequest[];
  /** Products the server holds; replace or edit freely between calls. */
  products: PriceListDocument[];
  /** Products per page at most (the API's own limit is MaxResults, at most 100). */
  pageSize: number;
  addFault(fault: Fault): void;
  /** Forgets the requests, the faults not yet used, and resets `pageSize`. */
  reset(products?: PriceListDocument[]): void;
  close(): Promise<void>;
}

interface QueuedFault {
  readonly fault: Fault;
  remaining: number;
}

export async function startFakePricingServer(products: PriceListDocument[] = []): Promise<FakePricingServer> {
  const faults: QueuedFault[] = [];
  const state: FakePricingServer = {
    endpoint: '',
    requests: [],
    products,
    pageSize: 100,
    addFault: (fault) => faults.push({ fault, remaining: fault.times ?? 1 }),
    reset: (products) => {
      state.requests.length = 0;
      faults.length = 0;
      state.pageSize = 100;
      if (products) state.products = products;
    },
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
    let body: GetProductsBody = {};
    try {
      body = text === '' ? {} : (JSON.parse(text) as GetProductsBody);
    } catch {
      // recorded as {} and answered below
    }
    const recorded: RecordedRequest = { headers: request.headers, body, status: 0 };
    state.requests.push(recorded);
    const send = (answer: ScriptedAnswer) => {
      recorded.status = answer.status;
      const payload = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body ?? {});
      response.writeHead(answer.status, {
        'content-type': JSON_11,
        'x-amzn-requestid': `req-${state.requests.length}`,
        ...answer.headers,
      });
      response.end(payload);
    };

    const queued = faults.find((q) => q.remaining > 0 && (q.fault.when?.(body) ?? true));
    if (queued) {
      queued.remaining -= 1;
      const { answer } = queued.fault;
      if (answer === 'drop') {
        recorded.status = -1;
        request.socket.destroy();
        return;
      }
      if ('delayMs' in answer) {
        // A client that stops waiting closes the connection; such a request is recorded with status -1.
        let abandoned = false;
        response.on('close', () => {
          if (response.writableFinished) return;
          abandoned = true;
          recorded.status = -1;
        });
        await new Promise((resolve) => setTimeout(resolve, answer.delayMs));
        if (abandoned || response.destroyed) {
          recorded.status = -1;
          return;
        }
      } else {
        send(answer);
        return;
      }
    }
    send(answerGetProducts(request, text, body));
  }

  function answerGetProducts(request: IncomingMessage, text: string, body: GetProductsBody): ScriptedAnswer {
    if (request.method !== 'POST' || request.url !== '/')
      return error(404, 'UnknownOperationException', `${request.method} ${request.url}`);
    if (request.headers['x-amz-target'] !== GET_PRODUCTS_TARGET) {
      return error(
        400,
        'UnknownOperationException',
        `Unknown operation ${String(request.headers['x-amz-target'])}`,
      );
    }
    if (!String(request.headers['content-type']).startsWith(JSON_11)) {
      return error(400, 'SerializationException', `Content-Type must be ${JSON_11}`);
    }
    if (!String(request.headers.authorization ?? '').startsWith('AWS4-HMAC-SHA256 ')) {
      return error(400, 'MissingAuthenticationTokenException', 'Missing Authentication Token');
    }
    try {
      JSON.parse(text);
    } catch {
      return error(400, 'SerializationException', 'Body is not JSON');
    }
    if (!body.ServiceCode) return error(400, 'InvalidParameterException', 'ServiceCode is required');
    const maxResults = body.MaxResults ?? 100;
    if (!Number.isInteger(maxResults) || maxResults < 1 || maxResults > 100) {
      return error(400, 'InvalidParameterException', 'MaxResults must be between 1 and 100');
    }
    for (const filter of body.Filters ?? []) {
      if (filter.Type !== 'TERM_MATCH')
        return error(
          400,
          'InvalidParameterException',
          `Filter type ${filter.Type} is not supported by this fake`,
        );
    }
    const matching = state.products.filter(
      (document) =>
        document.serviceCode === body.ServiceCode &&
        (body.Filters ?? []).every((filter) => {
          const value =
            filter.Field === 'productFamily'
              ? document.product.productFamily
              : document.product.attributes[filter.Field];
          return value !== undefined && value.toLowerCase() === filter.Value.toLowerCase();
        }),
    );
    const query = JSON.stringify([body.ServiceCode, body.Filters ?? []]);
    let offset = 0;
    if (body.NextToken !== undefined) {
      const token = decodeToken(body.NextToken);
      if (token === undefined || token.query !== query)
        return error(400, 'InvalidNextTokenException', 'The pagination token is invalid.');
      offset = token.offset;
    }
    const size = Math.min(maxResults, state.pageSize);
    const page = matching.slice(offset, offset + size);
    const next = offset + size < matching.length ? encodeToken({ query, offset: offset + size }) : undefined;
    return {
      status: 200,
      body: {
        FormatVersion: 'aws_v1',
        PriceList: page.map((document) => JSON.stringify(document)),
        ...(next === undefined ? {} : { NextToken: next }),
      },
    };
  }

  return Object.assign(state, { endpoint: (await listenLocally(server)).url });
}

function error(status: number, type: string, message: string): ScriptedAnswer {
  return { status, body: { __type: `${ERROR_NAMESPACE}#${type}`, message } };
}

function encodeToken(token: { query: string; offset: number }): string {
  return Buffer.from(JSON.stringify(token)).toString('base64url');
}

function decodeToken(text: string): { query: string; offset: number } | undefined {
  try {
    const token = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as {
      query?: unknown;
      offset?: unknown;
    };
    return typeof token.query === 'string' && typeof token.offset === 'number'
      ? { query: token.query, offset: token.offset }
      : undefined;
  } catch {
    return undefined;
  }
}

/** The requests of one GetProducts query, e.g. to count pages or retries. */
export function requestsFor(server: FakePricingServer, field: string, value: string): RecordedRequest[] {
  return server.requests.filter((r) =>
    (r.body.Filters ?? []).some((f) => f.Field === field && f.Value === value),
  );
}
