import { GetApiKeyCommand } from '@aws-sdk/client-api-gateway';
import { withDeadline } from '../aws/poll.ts';
import { ApiError, postEvents } from '../events/api-sink.ts';
import { putRecords, StreamError } from '../events/kinesis-sink.ts';
import { formatDuration } from './duration.ts';
import type { SmokeRecord } from './sample-run.ts';
import { call, type Stage, StageError } from './stage.ts';

/**
 * Ingest: the run's events go in both ways the pipeline takes them: half the rides POSTed to the API (with
 * the usage plan's key, read from API Gateway), the other half put on the Kinesis stream directly.
 */
export const ingestStage: Stage = {
  name: 'ingest',
  async run({ clients, deployment, run, timeoutMs }) {
    const { apiUrl, apiKeyId, streamName } = deployment;
    const key = await call('ingest', `Reading the API key ${apiKeyId} (apigateway GetApiKey)`, () =>
      clients.apiGateway.send(new GetApiKeyCommand({ apiKey: apiKeyId, includeValue: true })),
    );
    if (!key.value || key.enabled === false) {
      throw new StageError(
        'ingest',
        `The API key ${apiKeyId} is ${key.enabled === false ? 'disabled' : 'without a value'}: enable it in API Gateway (API keys) or deploy the ingestion phase again.`,
      );
    }
    const apiKey = key.value;
    const viaApi = run.records.filter((r) => r.path === 'api');
    const viaStream = run.records.filter((r) => r.path === 'stream');
    let posted = 0;
    let put = 0;

    const post = async () => {
      if (viaApi.length === 0) return;
      let result: Awaited<ReturnType<typeof postEvents>>;
      try {
        result = await postEvents(
          viaApi.map((r) => r.line),
          { url: apiUrl, apiKey, onProgress: (p) => (posted = p.accepted) },
        );
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
        throw new StageError('ingest', `Posting events to ${apiUrl}: ${error.message}`, { cause: error });
      }
      const [first] = result.rejected;
      if (first !== undefined) {
        throw new StageError(
          'ingest',
          `The API refused ${result.rejected.length} of ${viaApi.length} valid sample events; the first with HTTP ${first.status}: ${first.body}\n` +
            'The API model or the ingest function disagrees with pipeline/schemas/ride-event.schema.json: deploy the ingestion phase again.',
        );
      }
    };
    const putOnStream = async () => {
      if (viaStream.length === 0) return;
      try {
        await putRecords(
          clients.kinesis,
          streamName,
          // A newline after each record, as the API's function writes them: Firehose stores JSON Lines.
          viaStream.map((r) => ({ data: Buffer.from(`${r.line}\n`), partitionKey: r.rideId })),
          { onProgress: (p) => (put = p.sent) },
        );
      } catch (error) {
        if (!(error instanceof StreamError)) throw error;
        throw new StageError('ingest', `Putting events on stream ${streamName}: ${error.message}`, {
          cause: error,
        });
      }
    };

    await withDeadline(
      Promise.all([post(), putOnStream()]),
      timeoutMs,
      () =>
        new StageError(
          'ingest',
          `ingest stalled: after ${formatDuration(timeoutMs)}, ${posted} of ${viaApi.length} events were accepted by ${apiUrl} ` +
            `and ${put} of ${viaStream.length} put on stream ${streamName}.\n` +
            'Check next: the API stage’s throttling limits and the ingest function’s logs in CloudWatch; the stream’s ' +
            'WriteProvisionedThroughputExceeded metric. Raise --ingest-timeout if the network is slow.',
        ),
    );
    return `${describe(viaApi)} posted to the API, ${describe(viaStream)} put on stream ${streamName}`;
  },
};

function describe(records: readonly SmokeRecord[]): string {
  const rides = new Set(records.map((r) => r.rideId)).size;
  return `${records.length} event${records.length === 1 ? '' : 's'} (${rides} ride${rides === 1 ? '' : 's'})`;
}
