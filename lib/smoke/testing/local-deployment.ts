/**
 * A deployed environment in moto's server, as the smoke test sees it: the raw bucket, the Kinesis stream,
 * the Firehose delivery stream into the raw bucket, the API key, state machines, the Athena workgroup, and
 * CloudFormation stacks whose outputs name them. Two parts of AWS moto does not run are played here:
 * - the API (API Gateway → ingest function → stream): a local HTTP endpoint that checks x-api-key and puts
 *   each event on the stream;
 * - Firehose reading its Kinesis source: a loop that reads the stream and writes the records to the raw
 *   bucket as the deployed delivery stream does (gzipped JSON Lines partitioned by event time), or drops
 *   them, or writes them as Firehose error records. moto's own Firehose (created here, so the smoke test
 *   can describe it) writes uncompressed objects by arrival time, not where the deployed one puts them.
 * moto runs the state machine (two Pass states), but only one execution per server: moto 5.2.1 fails
 * to copy a state machine for a second one. Tests that run more executions script Step Functions instead.
 * Athena answers from a queue of results (moto's /moto-api/static/athena/query-results): `answerNextQuery`
 * queues the ride ids that went through, once the expected number of events has.
 */
import { randomUUID } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { CreateApiKeyCommand } from '@aws-sdk/client-api-gateway';
import { CreateWorkGroupCommand } from '@aws-sdk/client-athena';
import { CreateStackCommand } from '@aws-sdk/client-cloudformation';
import { CreateDeliveryStreamCommand } from '@aws-sdk/client-firehose';
import {
  CreateStreamCommand,
  GetRecordsCommand,
  GetShardIteratorCommand,
  ListShardsCommand,
  PutRecordCommand,
} from '@aws-sdk/client-kinesis';
import { CreateBucketCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { CreateStateMachineCommand } from '@aws-sdk/client-sfn';
import { MOTO_CREDENTIALS, type MotoServer, sharedMotoServer } from '../../events/testing/moto-server.ts';
import { serveLocally } from '../../testing/local-http-server.ts';
import { createSmokeClients, destroyClients, type SmokeClients } from '../clients.ts';
import type { Deployment } from '../deployment.ts';

const ACCOUNT = '123456789012';
const ROLE = `arn:aws:iam::${ACCOUNT}:role/launchpad-local`;
export const LOCAL_API_KEY = 'local-api-key-0123456789abcdef';

/** What the stand-in for Firehose does with the records it reads from the stream. */
export type FirehoseMode = 'deliver' | 'never' | 'errors';

export interface LocalDeployment {
  readonly moto: MotoServer;
  readonly deployment: Deployment;
  /** The stacks' outputs, as `cdk deploy --outputs-file` writes them. */
  readonly outputs: Readonly<Record<string, Readonly<Record<string, string>>>>;
  firehose: FirehoseMode;
  /** Queues Athena's answer to the next query: the rides of the next `events` events, less `omit` of them. */
  answerNextQuery(events: number, omit?: number): void;
  /** Clients aimed at moto, with the given ones in their place. */
  clients(replace?: Partial<SmokeClients>): SmokeClients;
  close(): Promise<void>;
}

export async function startLocalDeployment(
  project = 'launchpad',
  environment = 'dev',
): Promise<LocalDeployment> {
  const region = 'us-east-1';
  const moto = await sharedMotoServer();
  const setup = createSmokeClients({ region, endpoint: moto.endpoint, credentials: MOTO_CREDENTIALS });
  const name = (purpose: string) => `${project}-${environment}-${purpose}`;
  const rawBucket = `${name('raw')}-${ACCOUNT}`;
  const resultsBucket = `${name('query-results')}-${ACCOUNT}`;
  const streamName = name('rides');
  const deliveryStreamName = name('rides-to-raw');

  for (const bucket of [rawBucket, resultsBucket])
    await setup.s3.send(new CreateBucketCommand({ Bucket: bucket }));
  await setup.kinesis.send(new CreateStreamCommand({ StreamName: streamName, ShardCount: 1 }));
  const streamArn = `arn:aws:kinesis:${region}:${ACCOUNT}:stream/${streamName}`;
  await setup.firehose.send(
    new CreateDeliveryStreamCommand({
      DeliveryStreamName: deliveryStreamName,
      DeliveryStreamType: 'KinesisStreamAsSource',
      KinesisStreamSourceConfiguration: { KinesisStreamARN: streamArn, RoleARN: ROLE },
      ExtendedS3DestinationConfiguration: {
        BucketARN: `arn:aws:s3:::${rawBucket}`,
        RoleARN: ROLE,
        Prefix: 'stream/rides/',
        BufferingHints: { IntervalInSeconds: 60, SizeInMBs: 64 },
      },
    }),
  );
  const key = await setup.apiGateway.send(
    new CreateApiKeyCommand({ name: name('api-key'), value: LOCAL_API_KEY, enabled: true }),
  );
  // moto's Step Functions runs definitions only when told to (else executions stay RUNNING).
  await fetch(`${moto.endpoint}/moto-api/config`, {
    method: 'POST',
    body: JSON.stringify({ stepfunctions: { execute_state_machine: true } }),
  });
  const definition = {
    StartAt: 'RawToClean',
    States: {
      RawToClean: { Type: 'Pass', Next: 'CleanToCurated' },
      CleanToCurated: { Type: 'Pass', End: true },
    },
  };
  const { stateMachineArn } = await setup.sfn.send(
    new CreateStateMachineCommand({
      name: name('pipeline'),
      definition: JSON.stringify(definition),
      roleArn: ROLE,
    }),
  );
  const workgroup = name('analytics');
  await setup.athena.send(
    new CreateWorkGroupCommand({
      Name: workgroup,
      Configuration: { ResultConfiguration: { OutputLocation: `s3://${resultsBucket}/` } },
    }),
  );

  const api = await startApi(setup, streamName);
  const deployment: Deployment = {
    project,
    environment,
    region,
    rawBucket,
    streamName,
    deliveryStreamName,
    apiUrl: `${api.url}/${environment}/events`,
    apiKeyId: key.id as string,
    stateMachineArn: stateMachineArn as string,
    workgroup,
    curatedDatabase: `${project}_${environment}_curated`,
  };
  const outputs: Record<string, Record<string, string>> = {
    [name('foundation')]: { RawBucketName: rawBucket, QueryResultsBucketName: resultsBucket },
    [name('ingestion')]: {
      StreamName: streamName,
      DeliveryStreamName: deliveryStreamName,
      ApiUrl: deployment.apiUrl,
      ApiKeyId: deployment.apiKeyId,
    },
    [name('orchestration')]: { StateMachineArn: deployment.stateMachineArn },
    [name('analytics')]: { WorkgroupName: workgroup, CuratedDatabaseName: deployment.curatedDatabase },
  };
  for (const [stackName, values] of Object.entries(outputs)) {
    await setup.cloudFormation.send(
      new CreateStackCommand({
        StackName: stackName,
        TemplateBody: JSON.stringify(templateWithOutputs(values)),
      }),
    );
  }

  const pump = startFirehosePump(setup, moto.endpoint, streamName, rawBucket);
  const local: LocalDeployment = {
    moto,
    deployment,
    outputs,
    firehose: 'deliver',
    answerNextQuery: (events, omit = 0) => pump.answerNextQuery(events, omit),
    clients: (replace = {}) => ({
      ...createSmokeClients({ region, endpoint: moto.endpoint, credentials: MOTO_CREDENTIALS }),
      ...replace,
    }),
    close: async () => {
      try {
        await pump.stop();
      } finally {
        await api.close();
        destroyClients(setup);
        await moto.close();
      }
    },
  };
  pump.mode = () => local.firehose;
  return local;
}

/** A stack template that only carries outputs (moto skips the placeholder resource a template needs). */
function templateWithOutputs(values: Record<string, string>) {
  return {
    Resources: { Placeholder: { Type: 'AWS::CloudFormation::WaitConditionHandle' } },
    Outputs: Object.fromEntries(Object.entries(values).map(([key, value]) => [key, { Value: value }])),
  };
}

/** The ingestion API's part: API Gateway checks the key, the ingest function puts the event on the stream. */
async function startApi(clients: SmokeClients, streamName: string) {
  return serveLocally(async (request, body, response) => {
    const answer = (status: number, answerBody: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(answerBody));
    };
    if (request.headers['x-api-key'] !== LOCAL_API_KEY) return answer(403, { message: 'Forbidden' });
    let event: { ride_id?: string; event_id?: string };
    try {
      event = JSON.parse(body.toString('utf8'));
    } catch {
      return answer(400, { message: 'The request body is not valid JSON.' });
    }
    const put = await clients.kinesis.send(
      new PutRecordCommand({
        StreamName: streamName,
        Data: Buffer.from(`${JSON.stringify(event)}\n`),
        PartitionKey: event.ride_id ?? 'unknown',
      }),
    );
    answer(202, { eventId: event.event_id, sequenceNumber: put.SequenceNumber, shardId: put.ShardId });
  });
}

/** Firehose reading its Kinesis source: reads the stream every 50 ms and writes the records as the mode says. */
function startFirehosePump(
  clients: SmokeClients,
  motoEndpoint: string,
  streamName: string,
  rawBucket: string,
) {
  let stopped = false;
  let failure: unknown;
  let pending: { events: number; omit: number; seen: number; rides: string[] } | undefined;
  const state = {
    mode: (): FirehoseMode => 'deliver',
    answerNextQuery: (events: number, omit: number) => {
      pending = { events, omit, seen: 0, rides: [] };
    },
    /** Stops reading; throws what broke the loop, if anything did (a test would only see a stall). */
    stop: async () => {
      stopped = true;
      await loop;
      if (failure !== undefined) throw failure;
    },
  };

  const queueAthenaAnswer = async (rides: readonly string[]) => {
    const rows = [
      { Data: [{ VarCharValue: 'ride_id' }] },
      ...rides.map((id) => ({ Data: [{ VarCharValue: id }] })),
    ];
    await fetch(`${motoEndpoint}/moto-api/static/athena/query-results`, {
      method: 'POST',
      body: JSON.stringify({
        account_id: ACCOUNT,
        region: 'us-east-1',
        results: [{ rows, column_info: [{ Name: 'ride_id', Type: 'varchar', Nullable: 'UNKNOWN' }] }],
      }),
    });
  };

  const handOn = async (data: readonly Uint8Array[]) => {
    const mode = state.mode();
    if (mode === 'deliver') {
      // Dynamic partitioning on the text of event_time; one gzipped JSON Lines object per partition.
      const partitions = new Map<string, Uint8Array[]>();
      for (const record of data) {
        const time = (JSON.parse(Buffer.from(record).toString('utf8')) as { event_time: string }).event_time;
        const [year, month, day, hour] = [
          time.slice(0, 4),
          time.slice(5, 7),
          time.slice(8, 10),
          time.slice(11, 13),
        ];
        const folder = `stream/rides/year=${year}/month=${month}/day=${day}/hour=${hour}/`;
        partitions.set(folder, [...(partitions.get(folder) ?? []), record]);
      }
      for (const [folder, records] of partitions) {
        await clients.s3.send(
          new PutObjectCommand({
            Bucket: rawBucket,
            Key: `${folder}rides-to-raw-1-${randomUUID()}.jsonl.gz`,
            Body: gzipSync(Buffer.concat(records)),
          }),
        );
      }
    } else if (mode === 'errors') {
      // What Firehose writes when dynamic partitioning fails: one JSON line per record, gzipped.
      const lines = data.map((record) =>
        JSON.stringify({
          attemptsMade: 1,
          errorCode: 'DynamicPartitioning.MetadataExtractionFailed',
          errorMessage: 'Non JSON record provided',
          rawData: Buffer.from(record).toString('base64'),
        }),
      );
      await clients.s3.send(
        new PutObjectCommand({
          Bucket: rawBucket,
          Key: `stream/errors/processing-failed/${Date.now()}.gz`,
          Body: gzipSync(`${lines.join('\n')}\n`),
        }),
      );
    }
    if (pending === undefined) return;
    for (const record of data) {
      const { ride_id: ride } = JSON.parse(Buffer.from(record).toString('utf8')) as { ride_id: string };
      if (!pending.rides.includes(ride)) pending.rides.push(ride);
      pending.seen += 1;
    }
    if (pending.seen >= pending.events) {
      const { rides, omit } = pending;
      pending = undefined;
      await queueAthenaAnswer(rides.slice(0, rides.length - omit));
    }
  };

  const loop = (async () => {
    const { Shards } = await clients.kinesis.send(new ListShardsCommand({ StreamName: streamName }));
    let iterator = (
      await clients.kinesis.send(
        new GetShardIteratorCommand({
          StreamName: streamName,
          ShardId: Shards?.[0]?.ShardId,
          ShardIteratorType: 'TRIM_HORIZON',
        }),
      )
    ).ShardIterator;
    while (!stopped && iterator) {
      const page = await clients.kinesis.send(new GetRecordsCommand({ ShardIterator: iterator }));
      iterator = page.NextShardIterator;
      const data = (page.Records ?? []).flatMap((r) => (r.Data ? [r.Data] : []));
      if (data.length > 0) await handOn(data);
      else await new Promise((resolve) => setTimeout(resolve, 50));
    }
  })().catch((error: unknown) => {
    failure = error;
  });
  return state;
}
