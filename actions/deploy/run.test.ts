import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type MotoForCdk,
  motoChildEnv,
  prepareSmallApp,
  startMotoForCdk,
} from '../../lib/deploy/testing/moto-cdk.ts';
import { assemblyDir } from '../../test/assembly.ts';
import { runAction } from '../../test/run-action.ts';

let local: MotoForCdk;
beforeAll(async () => {
  local = await startMotoForCdk();
});
afterAll(() => local?.moto.close());

describe('the deploy action (bundled dist, toolkit-lib from node_modules)', () => {
  it('deploys a synthesized assembly, sets its outputs and writes the job summary', async () => {
    const { assembly, outputsFile } = await prepareSmallApp('dev', { deploy: false });

    const run = await runAction(
      'deploy',
      {
        environment: 'dev',
        phases: 'foundation',
        'outputs-file': outputsFile,
        assembly,
        'endpoint-url': local.endpoint,
      },
      motoChildEnv(),
    );

    expect(run.status, run.stdout + run.stderr).toBe(0);
    expect(JSON.parse(run.outputs['changed-stacks'] ?? '')).toEqual(['launchpad-dev-foundation']);
    const outputs = JSON.parse(run.outputs.outputs ?? '');
    expect(Object.keys(outputs)).toEqual(['foundation']);
    expect(outputs.foundation.RawBucketName).toMatch(/^launchpad-dev-foundation-rawbucket/);
    expect(run.outputs['outputs-file']).toBe(outputsFile);
    expect(JSON.parse(readFileSync(outputsFile, 'utf8'))).toEqual({
      'launchpad-dev-foundation': outputs.foundation,
    });
    expect(run.summary).toContain('## Deploy dev');
    expect(run.summary).toContain('| `launchpad-dev-foundation` | foundation | ✅ deployed |');
    expect(run.summary).toContain(`| foundation | RawBucketName | \`${outputs.foundation.RawBucketName}\` |`);

    const again = await runAction(
      'deploy',
      {
        environment: 'dev',
        phases: 'foundation',
        'outputs-file': outputsFile,
        assembly,
        'endpoint-url': local.endpoint,
      },
      motoChildEnv(),
    );
    expect(again.status, again.stdout).toBe(0);
    expect(again.outputs['changed-stacks']).toBe('[]');
    expect(again.summary).toContain('| `launchpad-dev-foundation` | foundation | ➖ no changes |');
  });

  it('fails with an annotation that names the problem: an unknown phase, a phase the config leaves out', async () => {
    const typo = await runAction(
      'deploy',
      { environment: 'dev', phases: 'foundation,ingest' },
      motoChildEnv(),
    );
    expect(typo.status).toBe(1);
    expect(typo.stdout).toContain('::error::Unknown phase "ingest" in phases "foundation,ingest".');

    const off = await runAction(
      'deploy',
      { environment: 'prod', phases: 'delivery', assembly: assemblyDir() },
      motoChildEnv(),
    );
    expect(off.status).toBe(1);
    expect(off.stdout).toMatch(
      /::error::Environment "prod" has no delivery stack: config\/prod.json switches this phase off/,
    );
  });
});
