import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CloudFormationClient, CreateStackCommand } from '@aws-sdk/client-cloudformation';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awsClientConfig } from '../aws/client-config.ts';
import { PHASES } from '../config/phases.ts';
import { MOTO_CREDENTIALS, type MotoServer, sharedMotoServer } from '../events/testing/moto-server.ts';
import { cloudFormationOutputs, DeploymentError, fileOutputs, resolveDeployment } from './deployment.ts';

const OUTPUTS = {
  foundation: { RawBucketName: 'raw-bucket', CuratedBucketName: 'curated-bucket' },
  ingestion: {
    StreamName: 'rides',
    DeliveryStreamName: 'rides-to-raw',
    ApiUrl: 'https://abc123.execute-api.us-east-1.amazonaws.com/dev/events',
    ApiKeyId: 'key123',
    RawCrawlerName: 'raw-crawler',
  },
  orchestration: { StateMachineArn: 'arn:aws:states:us-east-1:123456789012:stateMachine:pipeline' },
  analytics: {
    WorkgroupName: 'analytics',
    CuratedDatabaseName: 'demo_dev_curated',
    CleanDatabaseName: 'clean',
  },
};
const EXPECTED = {
  project: 'demo',
  environment: 'dev',
  region: 'us-east-1',
  rawBucket: 'raw-bucket',
  streamName: 'rides',
  deliveryStreamName: 'rides-to-raw',
  apiUrl: OUTPUTS.ingestion.ApiUrl,
  apiKeyId: 'key123',
  stateMachineArn: OUTPUTS.orchestration.StateMachineArn,
  workgroup: 'analytics',
  curatedDatabase: 'demo_dev_curated',
};

let moto: MotoServer;
let client: CloudFormationClient;
let dir: string;

async function createStack(name: string, outputs: Record<string, string>) {
  const template = {
    Resources: { Placeholder: { Type: 'AWS::CloudFormation::WaitConditionHandle' } },
    Outputs: Object.fromEntries(Object.entries(outputs).map(([k, v]) => [k, { Value: v }])),
  };
  await client.send(new CreateStackCommand({ StackName: name, TemplateBody: JSON.stringify(template) }));
}

beforeAll(async () => {
  moto = await sharedMotoServer();
  client = new CloudFormationClient(
    awsClientConfig({ region: 'us-east-1', endpoint: moto.endpoint, credentials: MOTO_CREDENTIALS }),
  );
  for (const [phase, outputs] of Object.entries(OUTPUTS)) await createStack(`demo-dev-${phase}`, outputs);
  await createStack('half-dev-foundation', OUTPUTS.foundation);
  await createStack('half-dev-ingestion', OUTPUTS.ingestion);
  await createStack('half-dev-analytics', { WorkgroupName: 'analytics' });
  dir = mkdtempSync(path.join(tmpdir(), 'smoke-outputs-'));
});
afterAll(async () => {
  client?.destroy();
  await moto?.close();
  rmSync(dir, { recursive: true, force: true });
});

const resolve = (project: string, read = cloudFormationOutputs(client), extra = {}) =>
  resolveDeployment({
    project,
    environment: 'dev',
    region: 'us-east-1',
    read,
    source: 'CloudFormation',
    ...extra,
  });

describe('resolveDeployment', () => {
  it('reads what each stage needs from the stacks’ outputs in CloudFormation', async () => {
    await expect(resolve('demo')).resolves.toEqual(EXPECTED);
  });

  it('reads them from a cdk deploy --outputs-file file', async () => {
    const file = path.join(dir, 'dev.json');
    writeFileSync(
      file,
      JSON.stringify(
        Object.fromEntries(Object.entries(OUTPUTS).map(([phase, v]) => [`demo-dev-${phase}`, v])),
      ),
    );
    await expect(resolve('demo', fileOutputs(file))).resolves.toEqual(EXPECTED);
  });

  it('lists every stack and output that is missing, the phase to turn on, and how to deploy', async () => {
    const error = await resolve('half', undefined, {
      phases: { orchestration: false, analytics: true },
      configFile: 'config/dev.json',
    }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(DeploymentError);
    const { orchestration } = PHASES;
    expect((error as Error).message).toBe(
      [
        'The smoke test cannot run against half dev: outputs read from CloudFormation.',
        `  - stack half-dev-orchestration (phase ${orchestration.roadmapPhase}, ${orchestration.title}) is not deployed; the transform stage needs it`,
        '  - stack half-dev-analytics has no output CuratedDatabaseName (the query stage needs it; it has WorkgroupName): deploy the current version of the phase',
        'Turn on phases.orchestration in config/dev.json, then deploy.',
        "Deploy with: npx cdk deploy 'dev/*' --outputs-file cdk-outputs/dev.json (or the deploy workflow).",
      ].join('\n'),
    );
  });

  it('says when the outputs file does not exist', () => {
    expect(() => fileOutputs(path.join(dir, 'nope.json'))).toThrow(
      /nope\.json does not exist\. Write it with: npx cdk deploy '<env>\/\*' --outputs-file .*nope\.json, or leave out --outputs/,
    );
  });
});
