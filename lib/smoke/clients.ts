import { APIGatewayClient } from '@aws-sdk/client-api-gateway';
import { AthenaClient } from '@aws-sdk/client-athena';
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { FirehoseClient } from '@aws-sdk/client-firehose';
import type { KinesisClient } from '@aws-sdk/client-kinesis';
import { S3Client } from '@aws-sdk/client-s3';
import { SFNClient } from '@aws-sdk/client-sfn';
import { type AwsClientOptions, awsClientConfig } from '../aws/client-config.ts';
import { createKinesisClient } from '../events/kinesis-sink.ts';

/** The SDK clients the smoke test calls; each stage gets them from here, so tests can aim each one elsewhere. */
export interface SmokeClients {
  readonly cloudFormation: CloudFormationClient;
  readonly apiGateway: APIGatewayClient;
  readonly kinesis: KinesisClient;
  readonly firehose: FirehoseClient;
  readonly s3: S3Client;
  readonly sfn: SFNClient;
  readonly athena: AthenaClient;
}

/** Every client with the shared retry and timeout settings, aimed at AWS or at `options.endpoint`. */
export function createSmokeClients(options: AwsClientOptions): SmokeClients {
  const config = () => awsClientConfig(options);
  return {
    cloudFormation: new CloudFormationClient(config()),
    apiGateway: new APIGatewayClient(config()),
    kinesis: createKinesisClient(options),
    firehose: new FirehoseClient(config()),
    // A local S3 (moto) has no bucket subdomains.
    s3: new S3Client({ ...config(), forcePathStyle: options.endpoint !== undefined }),
    sfn: new SFNClient(config()),
    athena: new AthenaClient(config()),
  };
}

export function destroyClients(clients: SmokeClients): void {
  for (const client of Object.values(clients)) client.destroy();
}
