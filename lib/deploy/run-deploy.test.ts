import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assemblyDir } from '../../test/assembly.ts';
import { DeployInputError } from './deploy-errors.ts';
import { runDeploy } from './run-deploy.ts';
import { type MotoForCdk, startMotoForCdk } from './testing/moto-cdk.ts';
import { smallApp } from './testing/small-app.ts';

let local: MotoForCdk;
beforeAll(async () => {
  local = await startMotoForCdk();
});
afterAll(() => local?.moto.close());

const tempFile = (name: string) => path.join(mkdtempSync(path.join(tmpdir(), 'deploy-')), name);

describe('runDeploy against moto (the real toolkit and SDK)', () => {
  it('deploys the chosen phases, writes the outputs file, and finds nothing to do the second time', async () => {
    const outputsFile = tempFile('test.json');
    // Another environment's outputs in the same file survive.
    writeFileSync(outputsFile, JSON.stringify({ 'launchpad-prod-foundation': { RawBucketName: 'kept' } }));
    const lines: string[] = [];
    const deploy = (revision?: number) =>
      runDeploy({
        environment: 'test',
        phases: 'foundation,ingestion',
        outputsFile,
        source: { builder: smallApp({ revision }) },
        log: (line) => lines.push(line),
        pollIntervalMs: 100,
      });

    const first = await deploy();

    expect(first.stacks.map((s) => [s.path, s.stackName, s.status])).toEqual([
      ['test/foundation', 'launchpad-test-foundation', 'deployed'],
      ['test/ingestion', 'launchpad-test-ingestion', 'deployed'],
    ]);
    expect(first.changedStacks).toEqual(['launchpad-test-foundation', 'launchpad-test-ingestion']);
    expect(first.outputs.foundation?.RawBucketName).toMatch(/^launchpad-test-foundation-rawbucket/);
    const file = JSON.parse(readFileSync(outputsFile, 'utf8'));
    expect(Object.keys(file)).toEqual([
      'launchpad-prod-foundation',
      'launchpad-test-foundation',
      'launchpad-test-ingestion',
    ]);
    expect(file['launchpad-test-ingestion']).toEqual(first.outputs.ingestion);
    expect(lines.join('\n')).toContain('launchpad-test-ingestion: deployed');

    const second = await deploy();

    expect(second.stacks.map((s) => s.status)).toEqual(['no changes', 'no changes']);
    expect(second.changedStacks).toEqual([]);
    // Outputs still come from the deployed stacks, so the file stays complete.
    expect(second.outputs).toEqual(first.outputs);

    // A changed template deploys that stack only; asking for ingestion brings its requirement along.
    const third = await runDeploy({
      environment: 'test',
      phases: 'ingestion',
      outputsFile,
      source: { builder: smallApp({ revision: 2 }) },
      log: () => {},
      pollIntervalMs: 100,
    });
    expect(third.stacks.map((s) => [s.phase, s.status])).toEqual([
      ['foundation', 'no changes'],
      ['ingestion', 'deployed'],
    ]);
    expect(third.outputs.ingestion?.Revision).toBe('2');
  });

  it('refuses credentials of another account than config "account" names, deploying nothing', async () => {
    const lines: string[] = [];
    const error = await runDeploy({
      environment: 'other',
      source: { builder: smallApp({ environment: 'other', account: '111111111111' }) },
      log: (line) => lines.push(line),
      pollIntervalMs: 100,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeployInputError);
    expect((error as Error).message).toMatch(
      /^config\/other\.json deploys other to account 111111111111 \("account"\), but the credentials are for account 123456789012 \(arn:aws:sts::123456789012:user\/moto\): nothing was deployed\. Use credentials of 111111111111/,
    );
    expect(lines.join('\n')).not.toContain('launchpad-other-foundation: deployed');
  });

  it('rejects an unknown phase before synthesizing anything', async () => {
    const error = await runDeploy({ environment: 'test', phases: 'foundation,ingest', log: () => {} }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DeployInputError);
    expect((error as Error).message).toBe(
      'Unknown phase "ingest" in phases "foundation,ingest". Use "all" or a comma-separated list of: ' +
        'foundation, ingestion, processing, analytics, orchestration, delivery.',
    );
  });

  it('names the config switch of a phase the environment leaves out (the real app’s assembly)', async () => {
    const error = await runDeploy({
      environment: 'prod',
      phases: 'foundation,ingestion',
      source: { assemblyDir: assemblyDir() },
      log: () => {},
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeployInputError);
    expect((error as Error).message).toMatch(
      /^Environment "prod" has no ingestion stack: config\/prod.json switches this phase off \("phases.ingestion": false\)\. Its phases: foundation/,
    );
  });
});
