import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CloudWatchLogsClient, CreateLogGroupCommand } from '@aws-sdk/client-cloudwatch-logs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awsClientConfig } from '../aws/client-config.ts';
import { runDeploy } from '../deploy/run-deploy.ts';
import {
  type CloudFormationProxy,
  fromOurCode,
  fromToolkit,
  type ProxiedRequest,
  startCloudFormationProxy,
} from '../deploy/testing/cloudformation-proxy.ts';
import { type MotoForCdk, startMotoForCdk } from '../deploy/testing/moto-cdk.ts';
import { smallApp } from '../deploy/testing/small-app.ts';
import { DestroyStepError, runDestroy } from './run-destroy.ts';

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

const config = (environment: string) =>
  ({ environment, project: 'launchpad', removalPolicy: 'destroy', region: 'us-east-1' }) as const;

function destroyVia(environment: string, options: { deleteRetainedData?: boolean; maxAttempts?: number }) {
  return runDestroy({
    environment,
    config: config(environment),
    deleteRetainedData: options.deleteRetainedData,
    source: { builder: smallApp({ environment, retainData: true }) },
    target: { endpoint: proxy.endpoint },
    aws: { requestTimeoutMs: 500, maxAttempts: options.maxAttempts },
    log: () => {},
    pollIntervalMs: 100,
  });
}

describe('a teardown through throttling, 5xx answers and timeouts', () => {
  it('rides them out in the toolkit, the data deletion and the leftover listing', async () => {
    const outputsFile = path.join(mkdtempSync(path.join(tmpdir(), 'destroy-faults-')), 'faults.json');
    await runDeploy({
      environment: 'faults',
      source: { builder: smallApp({ environment: 'faults', retainData: true }) },
      log: () => {},
      pollIntervalMs: 100,
      outputsFile,
    });
    const outputs = JSON.parse(readFileSync(outputsFile, 'utf8'));
    const logs = new CloudWatchLogsClient(awsClientConfig({ region: 'us-east-1', endpoint: local.endpoint }));
    await logs.send(
      new CreateLogGroupCommand({
        logGroupName: '/aws/lambda/launchpad-faults-ingest',
        tags: { project: 'launchpad', environment: 'faults', phase: 'ingestion' },
      }),
    );
    logs.destroy();
    const s3 = (method: string, query: string) => (r: ProxiedRequest) =>
      r.method === method && r.path.includes(query) && r.path.includes('launchpad-faults-');
    const faults = [
      { action: '', answer: 'unavailable', match: s3('GET', 'versions=') },
      { action: 'DeleteStack', answer: 'throttling', match: fromToolkit },
      { action: 'DescribeStacks', answer: 'unavailable', match: fromToolkit },
      { action: 'ListStackResources', answer: 'slow', match: fromOurCode },
      { action: 'ListStacks', answer: 'throttling', match: fromOurCode },
      { action: 'DescribeLogGroups', answer: 'unavailable' },
      { action: 'ListTagsForResource', answer: 'throttling' },
      { action: 'DeleteLogGroup', answer: 'slow' },
      { action: '', answer: 'throttling', match: s3('GET', '?tagging') },
      { action: '', answer: 'slow', match: s3('DELETE', '') },
    ] as const;
    for (const fault of faults) proxy.addFault(fault);

    const report = await destroyVia('faults', { deleteRetainedData: true });

    expect(report.failure).toBeUndefined();
    expect(report.destroyedStacks).toEqual(['launchpad-faults-ingestion', 'launchpad-faults-foundation']);
    expect(report.deletedData).toEqual([
      outputs['launchpad-faults-foundation'].RawBucketName,
      outputs['launchpad-faults-ingestion'].LandingBucketName,
      '/aws/lambda/launchpad-faults-ingest',
    ]);
    expect(report.remaining.map((r) => r.kind)).toEqual(['bootstrap-stack']);
    // Every fault was met, and the call retried.
    const failed = proxy.requests.filter((r) => r.faulted !== undefined);
    expect(failed.filter((r) => r.faulted === 'slow').map((r) => r.status)).toEqual([-1, -1, -1]);
    expect(failed.map((r) => r.action || r.method).sort()).toEqual(
      ['DeleteStack', 'DescribeStacks', 'ListStackResources', 'ListStacks', 'DescribeLogGroups']
        .concat(['ListTagsForResource', 'DeleteLogGroup', 'GET', 'GET', 'DELETE'])
        .sort(),
    );
  });

  it('ends with a message naming the step, what AWS answered and what to do, after the retries', async () => {
    for (let i = 0; i < 3; i++) proxy.addFault({ action: 'DescribeLogGroups', answer: 'unavailable' });

    const listing = await destroyVia('gone', { maxAttempts: 3 }).catch((e: unknown) => e);

    expect(listing).toBeInstanceOf(DestroyStepError);
    expect((listing as Error).message).toMatch(
      /^Listing what is left of gone: ServiceUnavailableException \(HTTP 503\): Service is unavailable; gave up after 3 attempts and [\d.]+ s of backoff\. The service or the network had a problem that outlasted the retries: run again in a few minutes\.$/,
    );

    for (let i = 0; i < 2; i++) proxy.addFault({ action: 'ListStacks', answer: 'slow', match: fromOurCode });

    const reading = await destroyVia('gone', { maxAttempts: 2 }).catch((e: unknown) => e);

    expect(reading).toBeInstanceOf(DestroyStepError);
    expect((reading as Error).message).toMatch(
      /^Reading the resources of launchpad-gone-foundation, launchpad-gone-ingestion before deleting them \(nothing was deleted\): TimeoutError: .*; gave up after 2 attempts.* run again in a few minutes\.$/,
    );
  });
});
