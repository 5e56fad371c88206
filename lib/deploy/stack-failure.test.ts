import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeployFailedError } from './deploy-errors.ts';
import { runDeploy } from './run-deploy.ts';
import {
  type CloudFormationProxy,
  fromOurCode,
  startCloudFormationProxy,
} from './testing/cloudformation-proxy.ts';
import { type MotoForCdk, startMotoForCdk } from './testing/moto-cdk.ts';
import { smallApp } from './testing/small-app.ts';

let local: MotoForCdk;
let proxy: CloudFormationProxy;
beforeAll(async () => {
  local = await startMotoForCdk();
  proxy = await startCloudFormationProxy(local.moto.endpoint);
});
afterAll(async () => {
  await proxy?.close();
  await local?.moto.close();
});

describe('a deployment that CloudFormation rolls back', () => {
  it('names the stack, the first failed resource and the reason, through throttling and a 503', async () => {
    proxy.failStack('launchpad-test-ingestion', [
      {
        logicalId: 'launchpad-test-ingestion',
        type: 'AWS::CloudFormation::Stack',
        status: 'ROLLBACK_COMPLETE',
        secondsAgo: 0,
      },
      { logicalId: 'LandingBucket', type: 'AWS::S3::Bucket', status: 'DELETE_COMPLETE', secondsAgo: 1 },
      {
        logicalId: 'launchpad-test-ingestion',
        type: 'AWS::CloudFormation::Stack',
        status: 'ROLLBACK_IN_PROGRESS',
        reason: 'The following resource(s) failed to create: [LandingBucket]. Rollback requested by user.',
        secondsAgo: 2,
      },
      {
        logicalId: 'Queue',
        type: 'AWS::SQS::Queue',
        status: 'CREATE_FAILED',
        reason: 'Resource creation cancelled',
        secondsAgo: 3,
      },
      {
        logicalId: 'LandingBucket',
        type: 'AWS::S3::Bucket',
        status: 'CREATE_FAILED',
        reason: 'launchpad-test-landing already exists',
        secondsAgo: 3,
      },
      { logicalId: 'LandingBucket', type: 'AWS::S3::Bucket', status: 'CREATE_IN_PROGRESS', secondsAgo: 4 },
      {
        logicalId: 'launchpad-test-ingestion',
        type: 'AWS::CloudFormation::Stack',
        status: 'CREATE_IN_PROGRESS',
        reason: 'User Initiated',
        secondsAgo: 5,
      },
      // An earlier operation's failure: not this deployment's story.
      {
        logicalId: 'OldThing',
        type: 'AWS::SNS::Topic',
        status: 'UPDATE_FAILED',
        reason: 'old news',
        secondsAgo: 6,
      },
    ]);
    proxy.addFault({ action: 'DescribeStackEvents', answer: 'throttling', match: fromOurCode });
    proxy.addFault({ action: 'DescribeStackEvents', answer: 'unavailable', match: fromOurCode });
    const outputsFile = path.join(mkdtempSync(path.join(tmpdir(), 'deploy-failure-')), 'test.json');
    const lines: string[] = [];

    const error = await runDeploy({
      environment: 'test',
      outputsFile,
      source: { builder: smallApp() },
      target: { endpoint: proxy.endpoint },
      log: (line) => lines.push(line),
      pollIntervalMs: 100,
    }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(DeployFailedError);
    expect((error as Error).message).toBe(
      'Stack launchpad-test-ingestion failed: LandingBucket (AWS::S3::Bucket) CREATE_FAILED: launchpad-test-landing already exists',
    );
    expect((error as DeployFailedError).failure).toMatchObject({
      stackName: 'launchpad-test-ingestion',
      logicalId: 'LandingBucket',
      resourceType: 'AWS::S3::Bucket',
    });
    // The toolkit's own message is kept for the log; it also lists the earlier operation's failure.
    expect((error as DeployFailedError).toolkitMessage).toMatch(
      /launchpad-test-ingestion failed: DeploymentError/,
    );
    // The SDK's retry carried our reader through the throttling and the 503.
    const reads = proxy.requests.filter((r) => r.action === 'DescribeStackEvents' && fromOurCode(r));
    expect(reads.map((r) => r.status)).toEqual([400, 503, 200]);
    // The stack deployed before the failure keeps its outputs.
    expect(Object.keys(JSON.parse(readFileSync(outputsFile, 'utf8')))).toEqual(['launchpad-test-foundation']);
  });
});
