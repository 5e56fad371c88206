import { KinesisClient } from '@aws-sdk/client-kinesis';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  batchRecords,
  checkClient,
  createKinesisClient,
  KINESIS_LIMITS,
  putRecords,
  type StreamProgress,
  type StreamRecord,
} from './kinesis-sink.ts';
import { type FakeKinesisServer, startFakeKinesisServer } from './testing/fake-kinesis-server.ts';

const CREDENTIALS = { accessKeyId: 'AKIDEVENTSTEST', secretAccessKey: 'events-test-secret' };
const record = (text: string, partitionKey = 'ride-abcdefghij'): StreamRecord => ({
  data: Buffer.from(text),
  partitionKey,
});

describe('batchRecords', () => {
  it('cuts at 500 records per request, in order', () => {
    const records = Array.from({ length: 1201 }, (_, i) => record(`{"n":${i}}\n`));
    const batches = batchRecords(records);
    expect(batches.map((b) => b.length)).toEqual([500, 500, 201]);
    expect(batches.flat()).toEqual(records);
  });

  it('cuts at 5 MiB per request, partition keys included', () => {
    const big = record('x'.repeat(1024 * 1024 - 20), 'k'.repeat(20)); // exactly 1 MiB
    const batches = batchRecords(Array.from({ length: 11 }, () => big));
    expect(batches.map((b) => b.length)).toEqual([5, 5, 1]);
    expect(batches[0]?.reduce((n, r) => n + r.data.byteLength + r.partitionKey.length, 0)).toBe(
      KINESIS_LIMITS.bytesPerRequest,
    );
  });

  it('refuses a record over 1 MiB and partition keys of the wrong length, naming the record', () => {
    expect(() => batchRecords([record('a'), record('x'.repeat(1024 * 1024))])).toThrow(
      /^Record 2 is 1048591 bytes; Kinesis takes at most 1048576 bytes/,
    );
    expect(() => batchRecords([record('a', '')])).toThrow(/Record 1: the partition key must have 1 to 256/);
    expect(() => batchRecords([record('a', 'k'.repeat(257))])).toThrow(/not 257/);
  });
});

describe('putRecords (the real SDK client against a local Kinesis that refuses what it is told to)', () => {
  let server: FakeKinesisServer;
  let client: KinesisClient;
  const waits: number[] = [];
  const sleep = async (ms: number) => {
    waits.push(ms);
  };

  beforeAll(async () => {
    server = await startFakeKinesisServer();
    client = createKinesisClient({
      region: 'us-east-1',
      endpoint: server.endpoint,
      credentials: CREDENTIALS,
    });
  });
  afterAll(async () => {
    client.destroy();
    await server.close();
  });
  beforeEach(() => {
    server.requests.length = 0;
    server.accepted.length = 0;
    server.script = [];
    waits.length = 0;
  });

  it('sends every record, batch after batch, and reports progress', async () => {
    const records = Array.from({ length: 1100 }, (_, i) => record(`{"n":${i}}\n`));
    const progress: StreamProgress[] = [];

    const result = await putRecords(client, 'rides', records, { sleep, onProgress: (p) => progress.push(p) });

    expect(result).toEqual({ sent: 1100, retried: 0, requests: 3 });
    expect(server.requests.map((r) => [r.StreamName, r.Records.length])).toEqual([
      ['rides', 500],
      ['rides', 500],
      ['rides', 100],
    ]);
    expect(server.accepted).toEqual(records.map((r) => Buffer.from(r.data).toString()));
    expect(progress.map((p) => p.sent)).toEqual([500, 1000, 1100]);
  });

  it('sends the records the stream refused again, alone, after a backoff that grows', async () => {
    server.script = [[1, 3], [1], []];
    const records = ['a', 'b', 'c', 'd', 'e'].map((x) => record(x));

    const result = await putRecords(client, 'rides', records, { sleep, random: () => 1 });

    expect(result).toEqual({ sent: 5, retried: 3, requests: 3 });
    expect(
      server.requests.map((r) => r.Records.map((x) => Buffer.from(x.Data, 'base64').toString())),
    ).toEqual([['a', 'b', 'c', 'd', 'e'], ['b', 'd'], ['d']]);
    expect(server.accepted).toEqual(['a', 'c', 'e', 'b', 'd']);
    expect(waits).toEqual([100, 200]);
  });

  it('gives up after the last attempt, saying what was refused and what to do', async () => {
    server.script = [[0, 1], [0, 1], [1]];

    const failure = putRecords(client, 'rides', [record('a'), record('b'), record('c')], {
      sleep,
      maxAttempts: 3,
    });

    await expect(failure).rejects.toThrow(
      '1 of the records were still refused by stream rides after 3 attempts (ProvisionedThroughputExceededException ×1); ' +
        '2 of 3 were sent. The stream is probably over its write capacity',
    );
  });

  it('leaves throttled calls to the SDK’s own retries', async () => {
    server.script = ['throttle-call'];

    const result = await putRecords(client, 'rides', [record('a')], { sleep });

    expect(result).toEqual({ sent: 1, retried: 0, requests: 1 });
    expect(server.requests).toHaveLength(2);
    expect(waits).toEqual([]);
  });

  it('says when the stream does not exist', async () => {
    server.script = ['not-found'];

    await expect(putRecords(client, 'nope', [record('a')], { sleep })).rejects.toThrow(
      /^Stream nope does not exist in this account and region .* Check --stream and --region, or deploy the ingestion stack first\.$/,
    );
  });
});

describe('checkClient', () => {
  it('resolves region and credentials before anything is sent', async () => {
    const client = createKinesisClient({ region: 'eu-west-1', credentials: CREDENTIALS });
    await expect(checkClient(client)).resolves.toBe('eu-west-1');
    client.destroy();
  });

  it('says which credentials are missing and that the other modes need none', async () => {
    const client = new KinesisClient({
      region: 'us-east-1',
      credentials: async () => {
        throw Object.assign(new Error('Could not load credentials from any providers'), {
          name: 'CredentialsProviderError',
        });
      },
    });
    await expect(checkClient(client)).rejects.toThrow(
      /^No AWS credentials found\. --stream puts records into Kinesis/,
    );
    await expect(checkClient(client)).rejects.toThrow(
      /--out and --api need none\.\n\(Could not load credentials/,
    );
    client.destroy();
  });
});
