/**
 * A local HTTP server that speaks Kinesis Data Streams' wire protocol for PutRecords (AWS JSON 1.1:
 * `POST /`, `X-Amz-Target: Kinesis_20131202.PutRecords`), so that tests run the real SDK client against
 * answers moto never gives: records refused inside a successful call (FailedRecordCount > 0), and whole
 * calls refused with a throttling error. Every request is recorded.
 */
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

const JSON_11 = 'application/x-amz-json-1.1';

export interface PutRecordsBody {
  readonly StreamName?: string;
  readonly Records: readonly { readonly Data: string; readonly PartitionKey: string }[];
}

export interface FakeKinesisServer {
  readonly endpoint: string;
  /** Every PutRecords request, parsed. */
  readonly requests: PutRecordsBody[];
  /** Data (decoded) of every record the server accepted, in order. */
  readonly accepted: string[];
  /**
   * One step per request, in turn: indexes of records to refuse (ProvisionedThroughputExceededException
   * inside a 200 answer), or the whole call refused with that error. Without steps, everything is accepted.
   */
  script: (readonly number[] | 'throttle-call' | 'not-found')[];
  close(): Promise<void>;
}

export async function startFakeKinesisServer(): Promise<FakeKinesisServer> {
  let sequence = 0;
  const state: FakeKinesisServer = {
    endpoint: '',
    requests: [],
    accepted: [],
    script: [],
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  const server: Server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on('data', (c: Buffer) => chunks.push(c));
    request.on('end', () => {
      const target = request.headers['x-amz-target'];
      if (target !== 'Kinesis_20131202.PutRecords') {
        return reply(response, 400, { __type: 'UnknownOperationException', message: String(target) });
      }
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as PutRecordsBody;
      state.requests.push(body);
      const step = state.script.shift() ?? [];
      if (step === 'throttle-call') {
        return reply(response, 400, {
          __type: 'ProvisionedThroughputExceededException',
          message: 'Rate exceeded for stream rides under account 123456789012.',
        });
      }
      if (step === 'not-found') {
        return reply(response, 400, {
          __type: 'ResourceNotFoundException',
          message: `Stream ${body.StreamName} under account 123456789012 not found.`,
        });
      }
      const refuse = new Set(step);
      const records = body.Records.map((record, index) => {
        if (refuse.has(index)) {
          return {
            ErrorCode: 'ProvisionedThroughputExceededException',
            ErrorMessage:
              'Rate exceeded for shard shardId-000000000000 in stream rides under account 123456789012.',
          };
        }
        state.accepted.push(Buffer.from(record.Data, 'base64').toString('utf8'));
        sequence++;
        return { SequenceNumber: String(49_000_000_000 + sequence), ShardId: 'shardId-000000000000' };
      });
      reply(response, 200, { FailedRecordCount: refuse.size, Records: records });
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return Object.assign(state, { endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
}

function reply(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': JSON_11, 'content-length': Buffer.byteLength(text) });
  response.end(text);
}
