/**
 * Kinesis Data Streams' PutRecords as a handler of the scripted JSON server, so that tests run the real
 * SDK client against answers moto never gives: records refused inside a successful call
 * (FailedRecordCount > 0), and whole calls refused with a throttling error.
 */
import { awsError, ok, startScriptedJsonServer } from '../../aws/testing/scripted-json-server.ts';

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
  const server = await startScriptedJsonServer<PutRecordsBody>({
    'Kinesis_20131202.PutRecords': (body) => {
      fake.requests.push(body);
      const step = fake.script.shift() ?? [];
      if (step === 'throttle-call') {
        return awsError(
          400,
          'ProvisionedThroughputExceededException',
          'Rate exceeded for stream rides under account 123456789012.',
        );
      }
      if (step === 'not-found') {
        return awsError(
          400,
          'ResourceNotFoundException',
          `Stream ${body.StreamName} under account 123456789012 not found.`,
        );
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
        fake.accepted.push(Buffer.from(record.Data, 'base64').toString('utf8'));
        sequence++;
        return { SequenceNumber: String(49_000_000_000 + sequence), ShardId: 'shardId-000000000000' };
      });
      return ok({ FailedRecordCount: refuse.size, Records: records });
    },
  });
  const fake: FakeKinesisServer = {
    endpoint: server.endpoint,
    requests: [],
    accepted: [],
    script: [],
    close: server.close,
  };
  return fake;
}
