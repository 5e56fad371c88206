import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  DescribeLogGroupsCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import {
  CreateBucketCommand,
  DeleteObjectCommand,
  ListBucketsCommand,
  PutBucketVersioningCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awsClientConfig } from '../aws/client-config.ts';
import { runDeploy } from '../deploy/run-deploy.ts';
import { startCloudFormationProxy } from '../deploy/testing/cloudformation-proxy.ts';
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
const HANDMADE = 'launchpad-test-raw-123456789012';

const clients = () => {
  const config = awsClientConfig({ region: 'us-east-1', endpoint: local.endpoint });
  return { s3: new S3Client({ ...config, forcePathStyle: true }), logs: new CloudWatchLogsClient(config) };
};

/**
 * Data beside the stacks: a bucket made by hand with the environment's prefix (not the app's), log groups
 * tagged as the app tags its own (one per phase) and one made by hand, and neighbours of another name.
 */
async function addNeighbours(): Promise<void> {
  const { s3, logs } = clients();
  for (const bucket of [HANDMADE, 'launchpad-testing-other', 'someone-else']) {
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'mine.txt', Body: 'keep me' }));
  }
  const tags = (phase: string) => ({ project: 'launchpad', environment: 'test', phase });
  await logs.send(
    new CreateLogGroupCommand({ logGroupName: '/aws/lambda/launchpad-test-ingest', tags: tags('ingestion') }),
  );
  await logs.send(
    new CreateLogGroupCommand({ logGroupName: '/aws/lambda/launchpad-test-load', tags: tags('foundation') }),
  );
  await logs.send(new CreateLogGroupCommand({ logGroupName: '/aws/lambda/launchpad-test-by-hand' }));
  s3.destroy();
  logs.destroy();
}

/** Versions, an overwritten object and a delete marker in a bucket; returns the bytes stored. */
async function fillVersioned(bucket: string): Promise<number> {
  const { s3, logs } = clients();
  await s3.send(
    new PutBucketVersioningCommand({ Bucket: bucket, VersioningConfiguration: { Status: 'Enabled' } }),
  );
  const bodies = ['{"ride":1}', '{"ride":1,"fare":12.5}', 'b'.repeat(2048)];
  await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'rides/1.json', Body: bodies[0] }));
  await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'rides/1.json', Body: bodies[1] }));
  await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'rides/2.json', Body: bodies[2] }));
  await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: 'rides/2.json' })); // a delete marker
  s3.destroy();
  logs.destroy();
  return bodies.reduce((sum, body) => sum + Buffer.byteLength(body ?? ''), 0);
}

async function bucketNames(): Promise<string[]> {
  const { s3, logs } = clients();
  const answer = await s3.send(new ListBucketsCommand({}));
  s3.destroy();
  logs.destroy();
  return (answer.Buckets ?? []).map((b) => b.Name ?? '');
}

describe('runDestroy against moto', () => {
  it('deletes only the retained data of the stacks it destroys, never a bucket by its name', async () => {
    const outputsFile = path.join(mkdtempSync(path.join(tmpdir(), 'destroy-')), 'test.json');
    const app = () => smallApp({ retainData: true });
    await runDeploy({
      environment: 'test',
      source: { builder: app() },
      log: () => {},
      pollIntervalMs: 100,
      outputsFile,
    });
    const outputs = JSON.parse(readFileSync(outputsFile, 'utf8'));
    const raw: string = outputs['launchpad-test-foundation'].RawBucketName;
    const landing: string = outputs['launchpad-test-ingestion'].LandingBucketName;
    await addNeighbours();
    const bytes = await fillVersioned(raw);
    const lines: string[] = [];
    const destroy = (options: { phases?: string; deleteRetainedData?: boolean }) =>
      runDestroy({
        environment: 'test',
        config: testConfig,
        source: { builder: app() },
        log: (line) => lines.push(line),
        pollIntervalMs: 100,
        ...options,
      });

    // One phase with its data: the foundation, still deployed, keeps its bucket and its log group.
    const ingestion = await destroy({ phases: 'ingestion', deleteRetainedData: true });

    expect(ingestion.destroyedStacks).toEqual(['launchpad-test-ingestion']);
    expect(ingestion.deletedData).toEqual([landing, '/aws/lambda/launchpad-test-ingest']);
    expect(await bucketNames()).toEqual(
      expect.arrayContaining([raw, HANDMADE, 'launchpad-testing-other', 'someone-else']),
    );
    expect(await bucketNames()).not.toContain(landing);
    expect(ingestion.remaining.map((r) => [r.kind, r.name])).toEqual([
      ['bootstrap-stack', 'CDKToolkit'],
      ['stack', 'launchpad-test-foundation (CREATE_COMPLETE)'],
      ['log-group', '/aws/lambda/launchpad-test-load'],
    ]);

    // Everything, data kept: the retained bucket is listed with its cost; the hand-made one is not ours.
    const all = await destroy({});

    expect(all.destroyedStacks).toEqual(['launchpad-test-foundation']);
    expect(all.remaining.map((r) => [r.kind, r.name])).toEqual([
      ['bootstrap-stack', 'CDKToolkit'],
      ['bucket', raw],
      ['log-group', '/aws/lambda/launchpad-test-load'],
    ]);
    expect(all.remaining.find((r) => r.kind === 'bucket')).toMatchObject({
      objects: 4,
      bytes,
      monthlyCostHint: '<$0.01/month (2.0 KB in 4 object versions)',
      removeWith: 'npm run destroy -- --env test --confirm test --phases foundation --delete-retained-data',
    });

    // The data, on request: what the stacks left goes, the hand-made bucket and log group stay.
    const data = await destroy({ deleteRetainedData: true });

    expect(data.destroyedStacks).toEqual([]);
    expect(data.deletedData).toEqual([raw, '/aws/lambda/launchpad-test-load']);
    expect(data.remaining.map((r) => r.kind)).toEqual(['bootstrap-stack']);
    expect(lines).toContain(`Deleted bucket ${raw} and its 4 object version(s).`);
    expect(await bucketNames()).toEqual(
      expect.arrayContaining([HANDMADE, 'launchpad-testing-other', 'someone-else']),
    );
    const { s3, logs } = clients();
    const groups = await logs.send(new DescribeLogGroupsCommand({}));
    expect(groups.logGroups?.map((g) => g.logGroupName)).toContain('/aws/lambda/launchpad-test-by-hand');
    s3.destroy();
    logs.destroy();
  });

  it('refuses credentials of another account than config "account" names, deleting nothing', async () => {
    const lines: string[] = [];
    const error = await runDestroy({
      environment: 'other',
      config: { ...testConfig, environment: 'other' },
      source: { builder: smallApp({ environment: 'other', account: '111111111111' }) },
      log: (line) => lines.push(line),
      pollIntervalMs: 100,
    }).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(
      /^config\/other\.json deploys other to account 111111111111 \("account"\), but the credentials are for account 123456789012 .*: nothing was deleted\./,
    );
    expect(lines.join('\n')).not.toMatch(/deleted|Deleting/);
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

  it('lifts termination protection after prod is confirmed, of the stacks it destroys only', async () => {
    const proxy = await startCloudFormationProxy(local.moto.endpoint);
    try {
      const prod = { ...testConfig, environment: 'prod', removalPolicy: 'retain' } as const;
      await runDeploy({
        environment: 'prod',
        source: { builder: smallApp({ environment: 'prod' }) },
        log: () => {},
        pollIntervalMs: 100,
        outputsFile: path.join(mkdtempSync(path.join(tmpdir(), 'destroy-prod-')), 'prod.json'),
      });
      proxy.protectStack('launchpad-prod-foundation');
      proxy.protectStack('launchpad-prod-ingestion');
      const destroy = (confirm?: string) =>
        runDestroy({
          environment: 'prod',
          config: prod,
          confirm,
          phases: 'ingestion',
          source: { builder: smallApp({ environment: 'prod' }) },
          target: { endpoint: proxy.endpoint },
          log: () => {},
          pollIntervalMs: 100,
        });

      // Without the typed name nothing is touched.
      expect(await destroy(undefined).catch((e: unknown) => e)).toBeInstanceOf(DestroyRefusedError);
      expect(proxy.requests.filter((r) => r.action === 'UpdateTerminationProtection')).toEqual([]);

      const report = await destroy('prod');

      expect(report.failure).toBeUndefined();
      expect(report.unprotectedStacks).toEqual(['launchpad-prod-ingestion']);
      expect(report.destroyedStacks).toEqual(['launchpad-prod-ingestion']);
      const lifted = proxy.requests.filter((r) => r.action === 'UpdateTerminationProtection');
      expect(
        lifted.map((r) => [r.params.get('StackName'), r.params.get('EnableTerminationProtection')]),
      ).toEqual([['launchpad-prod-ingestion', 'false']]);
      // The foundation was not chosen: still protected, so CloudFormation still refuses to delete it.
      expect(report.remaining.map((r) => r.name)).toContain('launchpad-prod-foundation (CREATE_COMPLETE)');
    } finally {
      await proxy.close();
    }
  });
});
