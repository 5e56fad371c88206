/**
 * The delivery pipeline of phase 6 as the fake plays it (Source → TestAndPackage → Deploy → Smoke), and
 * scripts of its executions: the happy path with build logs, and the ways one goes wrong.
 */
import type { FakePipelineOptions, FakeStage, Step } from './fake-pipeline.ts';

export const PIPELINE = 'launchpad-dev-delivery';
export const BUCKET = 'launchpad-dev-artifacts-123456789012';
export const SOURCE_KEY = 'source/pipeline.zip';

export const STAGES: readonly FakeStage[] = [
  { name: 'Source', actions: [{ name: 'Artifact', provider: 'S3' }] },
  {
    name: 'TestAndPackage',
    actions: [{ name: 'TestAndPackage', provider: 'CodeBuild', project: 'launchpad-dev-test-and-package' }],
  },
  { name: 'Deploy', actions: [{ name: 'Deploy', provider: 'CodeBuild', project: 'launchpad-dev-deploy' }] },
  { name: 'Smoke', actions: [{ name: 'SmokeTest', provider: 'CodeBuild', project: 'launchpad-dev-smoke' }] },
];

// What the real buildspecs (pipeline/buildspecs/*.yml) and pipeline/delivery print, with made-up hashes.
const TEST_LOG_1 = [
  '[Container] 2025/01/14 10:02:11.482 Running command python -m pip install --quiet --disable-pip-version-check -r requirements.txt',
  'Testing commit 3f9c2a1b7e4d for dev',
  '[Container] 2025/01/14 10:02:31.950 Running command python -m pytest pipeline -q -p no:cacheprovider',
];
const TEST_LOG_2 = [
  '........................................................................ [ 96%]',
  '........................                                                 [100%]',
  '602 passed in 22.51s',
  '[Container] 2025/01/14 10:02:58.115 Running command python -m pipeline.delivery.package dist',
  'glue/clean_to_curated.py  sha256 5be0c1d2e3f4  14210 bytes',
  'glue/raw_to_clean.py  sha256 0a9e8d7c6b5a  12877 bytes',
  'glue/transforms.zip  sha256 77aa31c0de42  48120 bytes',
  'lambdas/api_ingest.zip  sha256 9f3c2b1a0e9d  6124 bytes',
  'lambdas/s3_validator.zip  sha256 41ab5c6d7e8f  7433 bytes',
  'lambdas/stream_consumer.zip  sha256 c3d4e5f60718  6981 bytes',
  'Wrote 6 artifacts and manifest.json to dist',
];
const DEPLOY_LOG = [
  '[Container] 2025/01/14 10:03:02.331 Running command python -m pipeline.delivery.deploy "$CODEBUILD_SRC_DIR_Package"',
  'function launchpad-dev-api-ingest ← lambdas/api_ingest.zip',
  'function launchpad-dev-s3-validator ← lambdas/s3_validator.zip',
  'function launchpad-dev-stream-consumer ← lambdas/stream_consumer.zip',
  'object s3://cdk-hnb659fds-assets-123456789012-us-east-1/0a9e….py ← glue/raw_to_clean.py',
  'object s3://cdk-hnb659fds-assets-123456789012-us-east-1/5be0….py ← glue/clean_to_curated.py',
];
const SMOKE_LOG = [
  '[Container] 2025/01/14 10:03:40.010 Running command python -m pipeline.delivery.smoke "$CODEBUILD_SRC_DIR_Package"',
  '5 deployed target(s) checked, 0 problem(s)',
];

const sourceAndTests: readonly (readonly Step[])[] = [
  [{ start: 'Source/Artifact' }],
  [{ succeed: 'Source/Artifact' }, { start: 'TestAndPackage/TestAndPackage' }],
  [{ log: 'TestAndPackage/TestAndPackage', lines: TEST_LOG_1 }],
  [],
  [{ log: 'TestAndPackage/TestAndPackage', lines: TEST_LOG_2 }],
  [{ succeed: 'TestAndPackage/TestAndPackage', summary: 'Build succeeded' }],
];

export const SUCCESS: readonly (readonly Step[])[] = [
  ...sourceAndTests,
  [{ start: 'Deploy/Deploy' }, { log: 'Deploy/Deploy', lines: DEPLOY_LOG }],
  [{ succeed: 'Deploy/Deploy' }, { start: 'Smoke/SmokeTest' }],
  [{ log: 'Smoke/SmokeTest', lines: SMOKE_LOG }],
  [{ succeed: 'Smoke/SmokeTest' }, { end: 'Succeeded' }],
];

export const FAILS_IN_DEPLOY: readonly (readonly Step[])[] = [
  ...sourceAndTests,
  [
    { start: 'Deploy/Deploy' },
    {
      log: 'Deploy/Deploy',
      lines: ['An error occurred (AccessDeniedException) when calling the UpdateFunctionCode operation'],
    },
  ],
  [
    {
      fail: 'Deploy/Deploy',
      message: 'Error while executing command: aws lambda update-function-code. Reason: exit status 254',
    },
    { end: 'Failed', summary: 'Deploy failed' },
  ],
];

/** Runs into the deploy and stays there: for the timeout and cancellation. */
export const STUCK_IN_DEPLOY: readonly (readonly Step[])[] = [
  ...sourceAndTests,
  [{ start: 'Deploy/Deploy' }, { log: 'Deploy/Deploy', lines: ['waiting for the Lambda update to settle…'] }],
];

export const ends = (status: 'Stopped' | 'Stopping' | 'Superseded' | 'Cancelled', summary?: string) => [
  [{ start: 'Source/Artifact' }],
  [{ succeed: 'Source/Artifact' }, { start: 'TestAndPackage/TestAndPackage' }],
  [{ end: status, summary }],
];

export const pipelineOptions = (
  ticks: readonly (readonly Step[])[],
  extra: Partial<FakePipelineOptions> = {},
): FakePipelineOptions => ({
  name: PIPELINE,
  bucket: BUCKET,
  key: SOURCE_KEY,
  stages: STAGES,
  ticks,
  ...extra,
});
