/**
 * Everything a pipeline run talks to, on this machine: moto's server for S3 (a versioned artifact bucket),
 * CodeBuild (the projects) and CloudWatch Logs (their log groups), and a scripted JSON server for
 * CodePipeline, with the fake pipeline installed on it.
 */
import { CloudWatchLogsClient, CreateLogGroupCommand } from '@aws-sdk/client-cloudwatch-logs';
import { CodeBuildClient, CreateProjectCommand } from '@aws-sdk/client-codebuild';
import { CreateBucketCommand, PutBucketVersioningCommand, S3Client } from '@aws-sdk/client-s3';
import { awsClientConfig } from '../../aws/client-config.ts';
import { type ScriptedJsonServer, startScriptedJsonServer } from '../../aws/testing/scripted-json-server.ts';
import { MOTO_CREDENTIALS, type MotoServer, startMotoServer } from '../../events/testing/moto-server.ts';
import { createPipelineClients, type PipelineClientOptions, type PipelineClients } from '../clients.ts';
import { type FakePipeline, type FakePipelineOptions, installFakePipeline } from './fake-pipeline.ts';
import { type LocalRouter, startLocalAwsRouter } from './local-aws-router.ts';

export const REGION = 'us-east-1';

export interface LocalPipeline {
  readonly moto: MotoServer;
  readonly codePipeline: ScriptedJsonServer;
  /** One endpoint for all: CodePipeline to the scripted server, the rest to moto (CodeBuild's times mended). */
  readonly router: LocalRouter;
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
  const [moto, codePipeline] = await Promise.all([startMotoServer(), startScriptedJsonServer()]);
  const router = await startLocalAwsRouter({ moto: moto.endpoint, codePipeline: codePipeline.endpoint });
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
    // Each service at its own server: the engine takes an endpoint per service.
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
      await Promise.all([moto.close(), codePipeline.close(), router.close()]);
    },
  };
}
