import { CreateBucketCommand, PutBucketTaggingCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awsClientConfig } from '../../lib/aws/client-config.ts';
import {
  type MotoForCdk,
  motoChildEnv,
  prepareSmallApp,
  startMotoForCdk,
} from '../../lib/deploy/testing/moto-cdk.ts';
import { runAction } from '../../test/run-action.ts';

let local: MotoForCdk;
beforeAll(async () => {
  local = await startMotoForCdk();
});
afterAll(() => local?.moto.close());

describe('the destroy action (bundled dist, toolkit-lib from node_modules)', () => {
  it('tears dev down and lists what is left, in its outputs and its job summary', async () => {
    const { assembly } = await prepareSmallApp('dev', { deploy: true });
    const s3 = new S3Client({
      ...awsClientConfig({ region: 'us-east-1', endpoint: local.endpoint }),
      forcePathStyle: true,
    });
    await s3.send(new CreateBucketCommand({ Bucket: 'launchpad-dev-raw-123456789012' }));
    await s3.send(
      new PutObjectCommand({ Bucket: 'launchpad-dev-raw-123456789012', Key: 'a.json', Body: '{}' }),
    );
    // Tagged as the app tags its buckets: what a retain policy leaves of the foundation.
    const tags = { project: 'launchpad', environment: 'dev', phase: 'foundation' };
    await s3.send(
      new PutBucketTaggingCommand({
        Bucket: 'launchpad-dev-raw-123456789012',
        Tagging: { TagSet: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })) },
      }),
    );
    s3.destroy();

    const run = await runAction(
      'destroy',
      { environment: 'dev', assembly, 'endpoint-url': local.endpoint },
      motoChildEnv(),
    );

    expect(run.status, run.stdout + run.stderr).toBe(0);
    expect(JSON.parse(run.outputs['destroyed-stacks'] ?? '')).toEqual([
      'launchpad-dev-ingestion',
      'launchpad-dev-foundation',
    ]);
    const remaining = JSON.parse(run.outputs.remaining ?? '');
    expect(remaining).toEqual([
      expect.objectContaining({ kind: 'bootstrap-stack', name: 'CDKToolkit' }),
      {
        kind: 'bucket',
        name: 'launchpad-dev-raw-123456789012',
        monthlyCostHint: '<$0.01/month (2 B in 1 object version)',
        removeWith: 'npm run destroy -- --env dev --phases foundation --delete-retained-data',
      },
    ]);
    expect(run.stdout).toContain('::warning title=Left%3A bucket launchpad-dev-raw-123456789012::');
    expect(run.summary).toContain('Destroyed: `launchpad-dev-ingestion`, `launchpad-dev-foundation`.');
    expect(run.summary).toContain(
      '| bucket | `launchpad-dev-raw-123456789012` | <$0.01/month (2 B in 1 object version) | `npm run destroy -- --env dev --phases foundation --delete-retained-data` |',
    );
  });

  it('refuses prod without its name and changes nothing', async () => {
    for (const confirm of ['', 'Prod']) {
      const run = await runAction('destroy', { environment: 'prod', confirm }, motoChildEnv());
      expect(run.status).toBe(1);
      expect(run.stdout).toMatch(/::error::Refusing to destroy prod: /);
      expect(run.outputs['destroyed-stacks']).toBeUndefined();
    }
  });
});
