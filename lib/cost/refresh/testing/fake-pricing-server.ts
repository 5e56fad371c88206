/**
 * The AWS Price List Query API (GetProducts) as a handler of the scripted JSON server: products from a
 * list the test controls, TERM_MATCH filters, MaxResults and NextToken paging as the API does them, and
 * the server's faults (throttling, 5xx, slow replies, dropped connections) in front.
 */
import {
  awsError,
  type ScriptedAnswer,
  type Fault as ScriptedFault,
  type RecordedRequest as ScriptedRequest,
  startScriptedJsonServer,
} from '../../../aws/testing/scripted-json-server.ts';
import type { PriceListDocument } from './price-list-fixture.ts';

export const GET_PRODUCTS_TARGET = 'AWSPriceListService.GetProducts';
const ERROR_NAMESPACE = 'com.amazonaws.awspricelistservice';

export interface GetProductsBody {
  readonly ServiceCode?: string;
  readonly Filters?: readonly { Type: string; Field: string; Value: string }[];
  readonly FormatVersion?: string;
  readonly NextToken?: string;
  readonly MaxResults?: number;
}

export type RecordedRequest = ScriptedRequest<GetProductsBody>;
export type Fault = ScriptedFault<GetProductsBody>;

const error = (status: number, type: string, message: string) =>
  awsError(status, `${ERROR_NAMESPACE}#${type}`, message);
export const throttling = () => error(400, 'ThrottlingException', 'Rate exceeded');
export const serviceUnavailable = () => error(503, 'ServiceUnavailableException', 'Service Unavailable');
export const internalError = () => error(500, 'InternalErrorException', 'An internal error occurred');

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

export async function startFakePricingServer(products: PriceListDocument[] = []): Promise<FakePricingServer> {
  const server = await startScriptedJsonServer<GetProductsBody>({
    [GET_PRODUCTS_TARGET]: (body) => getProducts(fake, body),
  });
  const fake: FakePricingServer = {
    endpoint: server.endpoint,
    requests: server.requests,
    products,
    pageSize: 100,
    addFault: server.addFault,
    reset: (products) => {
      server.reset();
      fake.pageSize = 100;
      if (products) fake.products = products;
    },
    close: server.close,
  };
  return fake;
}

function getProducts(fake: FakePricingServer, body: GetProductsBody): ScriptedAnswer {
  if (!body.ServiceCode) return error(400, 'InvalidParameterException', 'ServiceCode is required');
  const maxResults = body.MaxResults ?? 100;
  if (!Number.isInteger(maxResults) || maxResults < 1 || maxResults > 100) {
    return error(400, 'InvalidParameterException', 'MaxResults must be between 1 and 100');
  }
  for (const filter of body.Filters ?? []) {
    if (filter.Type !== 'TERM_MATCH') {
      return error(
        400,
        'InvalidParameterException',
        `Filter type ${filter.Type} is not supported by this fake`,
      );
    }
  }
  const matching = fake.products.filter(
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
  const size = Math.min(maxResults, fake.pageSize);
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
