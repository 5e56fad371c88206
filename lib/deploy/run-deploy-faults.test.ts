import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDeploy } from './run-deploy.ts';
import {
  type CloudFormationProxy,
  fromToolkit,
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

function deploy(environment: string) {
  const outputsFile = path.join(mkdtempSync(path.join(tmpdir(), 'deploy-faults-')), `${environment}.json`);
  const run = runDeploy({
    environment,
    outputsFile,
    source: { builder: smallApp({ environment }) },
    target: { endpoint: proxy.endpoint },
    log: () => {},
    pollIntervalMs: 100,
  });
  return { run, outputsFile };
}

describe('a deployment through the CDK toolkit, through throttling and 5xx answers', () => {
  it('rides them out with the toolkit SDK retry and deploys every stack', async () => {
    const faults = [
      { action: 'CreateStack', answer: 'throttling' },
      { action: 'DescribeStackEvents', answer: 'unavailable' },
      { action: 'DescribeStacks', answer: 'unavailable' },
    ] as const;
    for (const fault of faults) proxy.addFault({ ...fault, match: fromToolkit });

    const { run, outputsFile } = deploy('flaky');
    const report = await run;

    expect(report.changedStacks).toEqual(['launchpad-flaky-foundation', 'launchpad-flaky-ingestion']);
    expect(Object.keys(JSON.parse(readFileSync(outputsFile, 'utf8')))).toEqual([
      'launchpad-flaky-foundation',
      'launchpad-flaky-ingestion',
    ]);
    const met = proxy.requests.filter((r) => r.faulted !== undefined);
    expect(met.map((r) => `${r.action} ${r.status}`).sort()).toEqual(
      ['CreateStack 400', 'DescribeStackEvents 503', 'DescribeStacks 503'].sort(),
    );
  });
});
