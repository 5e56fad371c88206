import { App, Stack } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { describe, expect, it } from 'vitest';
import { glueJobSettings } from './glue-job-settings.ts';

describe('glueJobSettings', () => {
  const stack = new Stack(new App(), 'Test', { env: { account: '123456789012', region: 'us-east-1' } });
  const bucket = (name: string) => s3.Bucket.fromBucketName(stack, name, name);
  const buckets = { raw: bucket('raw-b'), clean: bucket('clean-b'), curated: bucket('curated-b') };

  it('fills each zone bucket into the arguments of jobs.py', () => {
    const settings = glueJobSettings('clean-to-curated', buckets);
    expect(settings.scriptPath).toMatch(/pipeline\/glue\/clean_to_curated\.py$/);
    expect(settings.arguments).toMatchObject({
      '--clean_path': 's3://clean-b/rides/',
      '--curated_path': 's3://curated-b/rides/',
      '--datalake-formats': 'delta',
    });
  });

  it('names the file and the fix for a job jobs.json lacks', () => {
    expect(() => glueJobSettings('curated-to-gold', buckets)).toThrow(
      /^pipeline\/glue\/jobs\.json: no job "curated-to-gold"\. Add it to pipeline\/glue\/transforms\/jobs\.py, then run python3 -m pipeline\.glue\.transforms\.jobs > pipeline\/glue\/jobs\.json$/,
    );
  });
});
