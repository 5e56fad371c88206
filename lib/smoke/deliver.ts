import { DescribeDeliveryStreamCommand } from '@aws-sdk/client-firehose';
import { GetObjectCommand, paginateListObjectsV2 } from '@aws-sdk/client-s3';
import { PollTimeoutError, pollUntil } from '../aws/poll.ts';
import { describeSdkError } from '../aws/sdk-error.ts';
import { consoleLinks } from './console-links.ts';
import { formatDuration } from './duration.ts';
import {
  eventPartitions,
  type FailedEvent,
  RAW_ERRORS_PREFIX,
  RAW_STREAM_PREFIX,
  scanRawObject,
} from './raw-zone.ts';
import { call, type Stage, type StageContext, StageError } from './stage.ts';

/** S3 stamps LastModified by its own clock: this margin keeps a local clock that runs ahead from skipping objects. */
const CLOCK_SKEW_MS = 5 * 60_000;

/**
 * Deliver: waits until Firehose has written every event of the run to the raw zone. Each check lists the
 * partitions of the run's events and stream/errors/, reads every object written since the run began (once)
 * and looks for the run's event ids. Events Firehose wrote under stream/errors/ end the stage at once: they
 * will never arrive.
 */
export const deliverStage: Stage = {
  name: 'deliver',
  async run(context) {
    const { clients, deployment, run } = context;
    const bucket = deployment.rawBucket;
    const where = `s3://${bucket}/${RAW_STREAM_PREFIX}`;
    const runEventIds = new Set(run.records.map((r) => r.eventId));
    const found = new Set<string>();
    const failed = new Map<string, FailedEvent>();
    const read = new Set<string>();
    const since = run.startedAt.getTime() - CLOCK_SKEW_MS;

    const check = async () => {
      const before = found.size;
      const keys: string[] = [];
      for (const prefix of [...eventPartitions(run.records.map((r) => r.eventTime)), RAW_ERRORS_PREFIX]) {
        await call('deliver', `Listing s3://${bucket}/${prefix} (ListObjectsV2)`, async () => {
          for await (const page of paginateListObjectsV2(
            { client: clients.s3 },
            { Bucket: bucket, Prefix: prefix },
          )) {
            for (const object of page.Contents ?? []) {
              const modified = object.LastModified?.getTime() ?? 0;
              if (object.Key && !read.has(object.Key) && modified >= since) keys.push(object.Key);
            }
          }
        });
      }
      for (const key of keys) {
        const bytes = await call('deliver', `Reading s3://${bucket}/${key} (GetObject)`, async () => {
          const object = await clients.s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
          return (await object.Body?.transformToByteArray()) ?? new Uint8Array();
        });
        const scan = scanRawObject(bytes, runEventIds);
        for (const id of scan.found) found.add(id);
        for (const failure of scan.failed) failed.set(failure.eventId, failure);
        read.add(key);
      }
      if (failed.size > 0) throw undeliverable([...failed.values()], where, context);
      if (found.size === runEventIds.size) return { done: true as const, value: undefined };
      return {
        done: false as const,
        observed: `${found.size} of ${runEventIds.size} events in ${where} (${objects(read.size)} read)`,
        progressed: found.size > before,
      };
    };

    try {
      await pollUntil(check, {
        timeoutMs: context.timeoutMs,
        ...context.poll,
        clock: context.clock,
        onWait: (wait) =>
          context.progress(
            `waiting for Firehose: ${wait.observed}; next check in ${formatDuration(wait.delayMs)}`,
          ),
      });
    } catch (error) {
      if (!(error instanceof PollTimeoutError)) throw error;
      throw await stalled(context, found, read.size, where);
    }
    return `${runEventIds.size} of ${runEventIds.size} events in ${where} (${objects(read.size)} read)`;
  },
};

function undeliverable(failures: readonly FailedEvent[], where: string, context: StageContext): StageError {
  const [first] = failures;
  const { region, deliveryStreamName } = context.deployment;
  return new StageError(
    'deliver',
    `Firehose could not deliver ${failures.length} of the run's events: it wrote them under ${where}errors/ ` +
      `(${first?.errorCode}: ${first?.errorMessage}).\n` +
      `Check next: the delivery stream's error log, CloudWatch log group /aws/kinesisfirehose/${deliveryStreamName}, ` +
      `and its processing settings (dynamic partitioning reads event_time): ${consoleLinks.firehoseMonitoring(region, deliveryStreamName)}`,
  );
}

async function stalled(
  context: StageContext,
  found: ReadonlySet<string>,
  objectsRead: number,
  where: string,
): Promise<StageError> {
  const { region, deliveryStreamName, rawBucket } = context.deployment;
  const records = context.run.records;
  const share = (path: 'api' | 'stream') => {
    const sent = records.filter((r) => r.path === path);
    return { arrived: sent.filter((r) => found.has(r.eventId)).length, sent: sent.length };
  };
  const api = share('api');
  const stream = share('stream');
  const lines = [
    `deliver stalled: ${found.size} of ${records.length} events in ${where} after ${formatDuration(context.timeoutMs)} ` +
      `(${stream.arrived} of ${stream.sent} put on the stream, ${api.arrived} of ${api.sent} posted to the API; ` +
      `${objects(objectsRead)} read).`,
    await describeFirehose(context),
    'Check next:',
    `  - the delivery stream's metrics (DataReadFromKinesisStream.Records, DeliveryToS3.Records, DeliveryToS3.DataFreshness): ${consoleLinks.firehoseMonitoring(region, deliveryStreamName)}`,
    `  - its error log, CloudWatch log group /aws/kinesisfirehose/${deliveryStreamName}, and ${where}errors/: ${consoleLinks.s3Prefix(region, rawBucket, RAW_STREAM_PREFIX)}`,
  ];
  if (api.arrived < api.sent && stream.arrived === stream.sent) {
    lines.push(
      '  - only events posted to the API are missing: the ingest function puts them on the stream; read its logs in CloudWatch',
    );
  }
  lines.push(
    '  - a longer --deliver-timeout: Firehose holds records up to its buffer interval, and retries partitioning for up to 5 minutes',
  );
  return new StageError('deliver', lines.join('\n'));
}

/** The delivery stream's state and buffering, when it can be read: the first thing to look at. */
async function describeFirehose({ clients, deployment }: StageContext): Promise<string> {
  const name = deployment.deliveryStreamName;
  try {
    const { DeliveryStreamDescription: stream } = await clients.firehose.send(
      new DescribeDeliveryStreamCommand({ DeliveryStreamName: name }),
    );
    const hints = stream?.Destinations?.[0]?.ExtendedS3DestinationDescription?.BufferingHints;
    const buffer = hints ? `, writes every ${hints.IntervalInSeconds} s or ${hints.SizeInMBs} MB` : '';
    return `Firehose ${name} is ${stream?.DeliveryStreamStatus ?? 'in an unknown state'}${buffer}.`;
  } catch (error) {
    return `Firehose ${name} could not be described: ${describeSdkError(error).summary}.`;
  }
}

const objects = (n: number) => `${n} object${n === 1 ? '' : 's'}`;
