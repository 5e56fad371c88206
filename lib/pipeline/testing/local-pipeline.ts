/**
 * Everything a pipeline run talks to, on this machine: moto's server for S3 (a versioned artifact bucket),
 * CodeBuild (the projects) and CloudWatch Logs (their log groups), and a scripted JSON server for
 * CodePipeline, with the fake pipeline installed on it, which passes every other request on to moto.
 */
import { CloudWatchLogsClient, CreateLogGroupCommand } from '@aws-sdk/client-cloudwatch-logs';
import { CodeBuildClient, CreateProjectCommand } from '@aws-sdk/client-codebuild';
import { CreateBucketCommand, PutBucketVersioningCommand, S3Client } from '@aws-sdk/client-s3';
import { awsClientConfig } from '../../aws/client-config.ts';
import { type ScriptedJsonServer, startScriptedJsonServer } from '../../aws/testing/scripted-json-server.ts';
import { MOTO_CREDENTIALS, type MotoServer, sharedMotoServer } from '../../events/testing/moto-server.ts';
import { createPipelineClients, type PipelineClientOptions, type PipelineClients } from '../clients.ts';
import { type FakePipeline, type FakePipelineOptions, installFakePipeline } from './fake-pipeline.ts';

export const REGION = 'us-east-1';

export interface LocalPipeline {
  readonly moto: MotoServer;
  /** CodePipeline; what it has no handler for goes on to moto (CodeBuild's times mended on the way back). */
  readonly codePipeline: ScriptedJsonServer;
  /** One endpoint for every service: the CodePipeline server's. */
  readonly router: { readonly endpoint: string };
  /** Clients of moto, for setting up and checking what a run did. */
  readonly services: {
    readonly s3: S3Client;
    readonly codeBuild: CodeBuildClient;
    readonly logs: CloudWatchLogsClient;
  };
  /** Client options that aim each service at its local server. */
  readonly clientOptions: PipelineClientOptions;
  /** Fresh clients for a run (with overrides such as a short request timeout). */
  clients(overrides?: Partial<PipelineClientOptions>): PipelineClients;
  /** Creates the bucket, the projects and their log groups (idempotent) and installs the pipeline. */
  install(options: FakePipelineOptions, bucket?: { readonly versioned: boolean }): Promise<FakePipeline>;
  close(): Promise<void>;
}

export async function startLocalPipeline(): Promise<LocalPipeline> {
  const moto = await sharedMotoServer();
  const codePipeline = await startScriptedJsonServer(
    {},
    { upstream: { endpoint: moto.endpoint, mend: mendCodeBuildTimes } },
  );
  const router = { endpoint: codePipeline.endpoint };
  const config = (endpoint = moto.endpoint) =>
    awsClientConfig({ region: REGION, endpoint, credentials: MOTO_CREDENTIALS });
  const services = {
    s3: new S3Client({ ...config(), forcePathStyle: true }),
    codeBuild: new CodeBuildClient(config(router.endpoint)),
    logs: new CloudWatchLogsClient(config()),
  };
  const clientOptions: PipelineClientOptions = {
    region: REGION,
    credentials: MOTO_CREDENTIALS,
    endpoint: moto.endpoint,
    // The engine takes an endpoint per service: CodeBuild goes through the CodePipeline server for its times.
    endpoints: { codePipeline: codePipeline.endpoint, codeBuild: router.endpoint },
  };
  const made = new Set<string>();
  const once = async (key: string, work: () => Promise<unknown>) => {
    if (made.has(key)) return;
    await work();
    made.add(key);
  };
  return {
    moto,
    codePipeline,
    router,
    services,
    clientOptions,
    clients: (overrides = {}) => createPipelineClients({ ...clientOptions, ...overrides }),
    async install(options, bucket = { versioned: true }) {
      await once(`bucket:${options.bucket}`, async () => {
        await services.s3.send(new CreateBucketCommand({ Bucket: options.bucket }));
        if (!bucket.versioned) return;
        await services.s3.send(
          new PutBucketVersioningCommand({
            Bucket: options.bucket,
            VersioningConfiguration: { Status: 'Enabled' },
          }),
        );
      });
      for (const action of options.stages.flatMap((s) => s.actions)) {
        if (action.provider !== 'CodeBuild') continue;
        const project = action.project ?? action.name;
        await once(`project:${project}`, async () => {
          await services.codeBuild.send(
            new CreateProjectCommand({
              name: project,
              // CODEPIPELINE in AWS; moto insists on a source location, which the artifact gives.
              source: { type: 'S3', location: `${options.bucket}/${options.key}` },
              artifacts: { type: 'NO_ARTIFACTS' },
              environment: {
                type: 'LINUX_CONTAINER',
                image: 'aws/codebuild/standard:7.0',
                computeType: 'BUILD_GENERAL1_SMALL',
              },
              serviceRole: `arn:aws:iam::123456789012:role/${project}-role`,
            }),
          );
          await services.logs.send(new CreateLogGroupCommand({ logGroupName: `/aws/codebuild/${project}` }));
        });
      }
      return installFakePipeline(codePipeline, services, options);
    },
    async close() {
      for (const client of Object.values(services)) client.destroy();
      await Promise.all([moto.close(), codePipeline.close()]);
    },
  };
}

const ISO_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:?\d\d)?$/;

/** moto's CodeBuild answers give times as ISO-8601 strings where the SDK reads epoch seconds. */
function mendCodeBuildTimes(target: string, body: unknown): unknown {
  return target.startsWith('CodeBuild_') ? isoTimesToEpoch(body) : body;
}

function isoTimesToEpoch(value: unknown): unknown {
  if (typeof value === 'string' && ISO_TIME.test(value)) return Date.parse(value) / 1000;
  if (Array.isArray(value)) return value.map(isoTimesToEpoch);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, isoTimesToEpoch(v)]));
  }
  return value;
}
