import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CloudWatchLogsClient, CreateLogGroupCommand } from '@aws-sdk/client-cloudwatch-logs';
import {
  CreateBucketCommand,
  DeleteObjectCommand,
  PutBucketVersioningCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awsClientConfig } from '../aws/client-config.ts';
import { runDeploy } from '../deploy/run-deploy.ts';
import { type MotoForCdk, startMotoForCdk } from '../deploy/testing/moto-cdk.ts';
import { smallApp } from '../deploy/testing/small-app.ts';
import { DestroyRefusedError } from './protection.ts';
import { runDestroy } from './run-destroy.ts';

let local: MotoForCdk;
beforeAll(async () => {
  local = await startMotoForCdk();
});
afterAll(() => local?.moto.close());

const testConfig = {
  environment: 'test',
  project: 'launchpad',
  removalPolicy: 'destroy',
  region: 'us-east-1',
} as const;
const RETAINED = 'launchpad-test-raw-123456789012';

/** What a retain policy leaves: a versioned bucket with data, a log group; and neighbours that are not ours. */
async function leaveRetainedData(): Promise<number> {
  const config = awsClientConfig({ region: 'us-east-1', endpoint: local.endpoint });
  const s3 = new S3Client({ ...config, forcePathStyle: true });
  const logs = new CloudWatchLogsClient(config);
  for (const bucket of [RETAINED, 'launchpad-testing-other', 'someone-else']) {
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  }
  await s3.send(
    new PutBucketVersioningCommand({ Bucket: RETAINED, VersioningConfiguration: { Status: 'Enabled' } }),
  );
  const bodies = ['{"ride":1}', '{"ride":1,"fare":12.5}', 'b'.repeat(2048)];
  await s3.send(new PutObjectCommand({ Bucket: RETAINED, Key: 'rides/1.json', Body: bodies[0] }));
  await s3.send(new PutObjectCommand({ Bucket: RETAINED, Key: 'rides/1.json', Body: bodies[1] }));
  await s3.send(new PutObjectCommand({ Bucket: RETAINED, Key: 'rides/2.json', Body: bodies[2] }));
  await s3.send(new DeleteObjectCommand({ Bucket: RETAINED, Key: 'rides/2.json' })); // a delete marker
  await logs.send(new CreateLogGroupCommand({ logGroupName: '/aws/lambda/launchpad-test-ingest' }));
  await logs.send(new CreateLogGroupCommand({ logGroupName: '/aws/lambda/launchpad-testing-ingest' }));
  s3.destroy();
  logs.destroy();
  return bodies.reduce((sum, body) => sum + Buffer.byteLength(body ?? ''), 0);
}

describe('runDestroy against moto', () => {
  it('destroys the stacks in reverse order, then reports what still costs money; deletes it on request', async () => {
    const outputsFile = path.join(mkdtempSync(path.join(tmpdir(), 'destroy-')), 'test.json');
    await runDeploy({
      environment: 'test',
      source: { builder: smallApp() },
      log: () => {},
      pollIntervalMs: 100,
      outputsFile,
    });
    const bytes = await leaveRetainedData();
    const lines: string[] = [];

    const report = await runDestroy({
      environment: 'test',
      config: testConfig,
      source: { builder: smallApp() },
      log: (line) => lines.push(line),
      pollIntervalMs: 100,
    });

    expect(report.destroyedStacks).toEqual(['launchpad-test-ingestion', 'launchpad-test-foundation']);
    expect(report.failure).toBeUndefined();
    expect(report.remaining.map((r) => [r.kind, r.name])).toEqual([
      ['bootstrap-stack', 'CDKToolkit'],
      ['bucket', RETAINED],
      ['log-group', '/aws/lambda/launchpad-test-ingest'],
    ]);
    const bucket = report.remaining.find((r) => r.kind === 'bucket');
    expect(bucket).toMatchObject({
      objects: 4,
      bytes,
      monthlyCostHint: '<$0.01/month (2.0 KB in 4 object versions)',
      removeWith: 'npm run destroy -- --env test --confirm test --delete-retained-data',
    });
    expect(report.remaining.find((r) => r.kind === 'log-group')?.removeWith).toBe(
      'aws logs delete-log-group --log-group-name /aws/lambda/launchpad-test-ingest',
    );

    const again = await runDestroy({
      environment: 'test',
      config: testConfig,
      deleteRetainedData: true,
      source: { builder: smallApp() },
      log: (line) => lines.push(line),
      pollIntervalMs: 100,
    });

    expect(again.destroyedStacks).toEqual([]);
    expect(again.deletedData).toEqual([RETAINED, '/aws/lambda/launchpad-test-ingest']);
    expect(again.remaining.map((r) => r.kind)).toEqual(['bootstrap-stack']);
    expect(lines).toContain(`Deleted bucket ${RETAINED} and its 4 object version(s).`);
  });

  it('refuses prod without its name, before synthesizing or calling AWS', async () => {
    let synthesized = 0;
    const builder = smallApp();
    const counting: typeof builder = (props) => {
      synthesized += 1;
      return builder(props);
    };
    for (const confirm of [undefined, 'Prod', 'stage']) {
      const error = await runDestroy({
        environment: 'prod',
        confirm,
        source: { builder: counting },
        log: () => {},
      }).catch((e: unknown) => e);
      expect(error, String(confirm)).toBeInstanceOf(DestroyRefusedError);
    }
    expect(synthesized).toBe(0);
  });
});
