import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { CodeBuildClient } from '@aws-sdk/client-codebuild';
import { CodePipelineClient } from '@aws-sdk/client-codepipeline';
import { S3Client } from '@aws-sdk/client-s3';
import { type AwsClientOptions, awsClientConfig } from '../aws/client-config.ts';

/** The SDK clients a pipeline run calls. */
export interface PipelineClients {
  readonly codePipeline: CodePipelineClient;
  readonly codeBuild: CodeBuildClient;
  readonly logs: CloudWatchLogsClient;
  readonly s3: S3Client;
}

export type PipelineService = keyof PipelineClients;

export interface PipelineClientOptions extends AwsClientOptions {
  /** An endpoint per service, over `endpoint`: tests aim CodePipeline at a scripted server and the rest at moto. */
  readonly endpoints?: Partial<Record<PipelineService, string>>;
}

export function createPipelineClients(options: PipelineClientOptions): PipelineClients {
  const config = (service: PipelineService) =>
    awsClientConfig({ ...options, endpoint: options.endpoints?.[service] ?? options.endpoint });
  const s3 = config('s3');
  return {
    codePipeline: new CodePipelineClient(config('codePipeline')),
    codeBuild: new CodeBuildClient(config('codeBuild')),
    logs: new CloudWatchLogsClient(config('logs')),
    // A local S3 (moto, LocalStack) has no bucket subdomains.
    s3: new S3Client({ ...s3, forcePathStyle: s3.endpoint !== undefined }),
  };
}

export function destroyPipelineClients(clients: PipelineClients): void {
  for (const client of Object.values(clients)) client.destroy();
}
