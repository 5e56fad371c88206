import {
  KinesisClient,
  PutRecordsCommand,
  type PutRecordsCommandOutput,
  type PutRecordsRequestEntry,
} from '@aws-sdk/client-kinesis';
import { fullJitterDelay } from '../aws/backoff.ts';
import { type AwsClientOptions, awsClientConfig } from '../aws/client-config.ts';

/** PutRecords limits: 500 records and 5 MiB per request, 1 MiB per record (data and partition key each count). */
export const KINESIS_LIMITS = {
  recordsPerRequest: 500,
  bytesPerRequest: 5 * 1024 * 1024,
  bytesPerRecord: 1024 * 1024,
  partitionKeyLength: 256,
} as const;

export interface StreamRecord {
  readonly data: Uint8Array;
  readonly partitionKey: string;
}

export interface StreamProgress {
  /** Records the stream accepted so far. */
  readonly sent: number;
  readonly total: number;
  /** Records sent again because the stream refused them (throttling, internal errors). */
  readonly retried: number;
}

export interface PutRecordsOptions {
  /** Attempts per batch for records the stream refuses, the first one included. Default 8. */
  readonly maxAttempts?: number;
  /** First backoff; it doubles at each attempt, with full jitter. Default 100 ms. */
  readonly baseDelayMs?: number;
  /** Longest single backoff. Default 5 s. */
  readonly maxDelayMs?: number;
  readonly onProgress?: (progress: StreamProgress) => void;
  /** For tests. */
  readonly sleep?: (ms: number) => Promise<void>;
  readonly random?: () => number;
}

/** What PutRecords needs of a client: the real KinesisClient, or a test double. */
export interface PutRecordsClient {
  send(command: PutRecordsCommand): Promise<PutRecordsCommandOutput>;
}

export class StreamError extends Error {
  override readonly name = 'StreamError';
}

/**
 * A Kinesis client with the project's shared settings (lib/aws/client-config.ts): standard retry
 * for throttled or failed calls, HTTP/1.1 (the SDK's default for Kinesis is HTTP/2, which only its
 * SubscribeToShard needs; local Kinesis servers speak HTTP/1.1), request timeouts that are retried.
 */
export function createKinesisClient(options: AwsClientOptions = {}): KinesisClient {
  return new KinesisClient(awsClientConfig(options));
}

/** Splits records into PutRecords requests within the service's limits, keeping their order. */
export function batchRecords(
  records: readonly StreamRecord[],
  limits: { recordsPerRequest: number; bytesPerRequest: number } = KINESIS_LIMITS,
): StreamRecord[][] {
  const batches: StreamRecord[][] = [];
  let current: StreamRecord[] = [];
  let bytes = 0;
  for (const [index, record] of records.entries()) {
    const size = recordSize(record);
    const keyLength = [...record.partitionKey].length;
    if (keyLength < 1 || keyLength > KINESIS_LIMITS.partitionKeyLength) {
      throw new StreamError(
        `Record ${index + 1}: the partition key must have 1 to ${KINESIS_LIMITS.partitionKeyLength} characters, not ${keyLength}.`,
      );
    }
    if (size > KINESIS_LIMITS.bytesPerRecord) {
      throw new StreamError(
        `Record ${index + 1} is ${size} bytes; Kinesis takes at most ${KINESIS_LIMITS.bytesPerRecord} bytes per record (data and partition key).`,
      );
    }
    if (
      current.length > 0 &&
      (current.length >= limits.recordsPerRequest || bytes + size > limits.bytesPerRequest)
    ) {
      batches.push(current);
      current = [];
      bytes = 0;
    }
    current.push(record);
    bytes += size;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

/** Bytes a record counts for in the PutRecords limits: its data and its partition key in UTF-8. */
export function recordSize(record: StreamRecord): number {
  return record.data.byteLength + Buffer.byteLength(record.partitionKey, 'utf8');
}

/**
 * Puts every record into the stream with PutRecords, in batches within the limits. PutRecords is not
 * all-or-nothing: records it refuses (ProvisionedThroughputExceededException, InternalFailure) come back
 * with an error code and are sent again, alone, after an exponential backoff with full jitter. Calls that
 * fail as a whole are retried by the SDK itself (standard mode). Records of one partition key may change
 * order when some of them are retried.
 */
export async function putRecords(
  client: PutRecordsClient,
  streamName: string,
  records: readonly StreamRecord[],
  options: PutRecordsOptions = {},
): Promise<{ readonly sent: number; readonly retried: number; readonly requests: number }> {
  const maxAttempts = options.maxAttempts ?? 8;
  const baseDelayMs = options.baseDelayMs ?? 100;
  const maxDelayMs = options.maxDelayMs ?? 5_000;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const random = options.random ?? Math.random;
  let sent = 0;
  let retried = 0;
  let requests = 0;
  for (const batch of batchRecords(records)) {
    let pending = batch;
    for (let attempt = 1; pending.length > 0; attempt++) {
      const entries: PutRecordsRequestEntry[] = pending.map((r) => ({
        Data: r.data,
        PartitionKey: r.partitionKey,
      }));
      requests++;
      let output: PutRecordsCommandOutput;
      try {
        output = await client.send(new PutRecordsCommand({ StreamName: streamName, Records: entries }));
      } catch (error) {
        throw explain(error, streamName);
      }
      const results = output.Records ?? [];
      const refused = pending.filter(
        (_, i) => results[i] === undefined || results[i]?.ErrorCode !== undefined,
      );
      sent += pending.length - refused.length;
      if (refused.length === 0) break;
      if (attempt >= maxAttempts) {
        const codes = countBy(
          results.filter((r) => r.ErrorCode !== undefined).map((r) => r.ErrorCode as string),
        );
        throw new StreamError(
          `${refused.length} of the records were still refused by stream ${streamName} after ${maxAttempts} attempts ` +
            `(${Object.entries(codes)
              .map(([code, n]) => `${code} ×${n}`)
              .join(', ')}); ${sent} of ${records.length} were sent. ` +
            'The stream is probably over its write capacity: add shards (or use on-demand mode), or send fewer records at once.',
        );
      }
      retried += refused.length;
      pending = refused;
      await sleep(fullJitterDelay(attempt, baseDelayMs, maxDelayMs, random));
    }
    options.onProgress?.({ sent, total: records.length, retried });
  }
  return { sent, retried, requests };
}

function countBy(items: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[item] = (counts[item] ?? 0) + 1;
  return counts;
}

interface SdkError {
  name?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number; attempts?: number };
}

/** Turns an SDK error into a message that says what to do. */
export function explain(error: unknown, streamName: string): Error {
  const e = (error ?? {}) as SdkError;
  const name = e.name ?? 'Error';
  const message = e.message ?? String(error);
  if (name === 'CredentialsProviderError' || /could not load credentials/i.test(message)) {
    return new StreamError(`${NO_CREDENTIALS}\n(${message})`, { cause: error });
  }
  if (name === 'ResourceNotFoundException') {
    return new StreamError(
      `Stream ${streamName} does not exist in this account and region (${message}). ` +
        'Check --stream and --region, or deploy the ingestion stack first.',
      { cause: error },
    );
  }
  if (/AccessDenied|UnrecognizedClient|InvalidSignature|ExpiredToken/i.test(name)) {
    return new StreamError(
      `AWS refused the credentials (${name}: ${message}). They need kinesis:PutRecords on stream ${streamName} and must not be expired.`,
      { cause: error },
    );
  }
  const attempts = e.$metadata?.attempts;
  return new StreamError(
    `PutRecords on stream ${streamName} failed${attempts && attempts > 1 ? ` after ${attempts} attempts` : ''}: ${name}: ${message}`,
    { cause: error },
  );
}

export const NO_CREDENTIALS = `No AWS credentials found. --stream puts records into Kinesis and needs AWS credentials
allowed kinesis:PutRecords on the stream (aws sso login, AWS_PROFILE, or AWS_ACCESS_KEY_ID and
AWS_SECRET_ACCESS_KEY). --out and --api need none.`;

/** Resolves the client's region and credentials before anything is sent, so that a missing one fails at once. */
export async function checkClient(client: KinesisClient): Promise<string> {
  let region: string;
  try {
    region = await client.config.region();
  } catch {
    throw new StreamError(
      'No AWS region: pass --region (e.g. --region us-east-1), or set AWS_REGION or a region in your AWS profile.',
    );
  }
  try {
    await client.config.credentials();
  } catch (error) {
    throw new StreamError(`${NO_CREDENTIALS}\n(${error instanceof Error ? error.message : String(error)})`, {
      cause: error,
    });
  }
  return region;
}
