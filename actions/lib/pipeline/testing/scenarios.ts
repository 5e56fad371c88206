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
    actions: [{ name: 'TestAndPackage', provider: 'CodeBuild', project: 'launchpad-dev-test-package' }],
  },
  { name: 'Deploy', actions: [{ name: 'Deploy', provider: 'CodeBuild', project: 'launchpad-dev-deploy' }] },
  { name: 'Smoke', actions: [{ name: 'SmokeTest', provider: 'CodeBuild', project: 'launchpad-dev-smoke' }] },
];

const TEST_LOG_1 = [
  '[Container] 2025/01/14 10:02:11.482 Running command pip install -r requirements-dev.txt',
  'Successfully installed boto3-1.43.0 moto-5.2.1 pytest-9.0.1',
  '[Container] 2025/01/14 10:02:31.907 Running command python -m pytest -q',
];
const TEST_LOG_2 = [
  '........................................................................ [ 78%]',
  '....................                                                     [100%]',
  '92 passed in 6.41s',
  '[Container] 2025/01/14 10:02:39.115 Running command python -m lake_tool package --out dist/',
  'packaged lambdas/ingest_api.zip (14.2 KiB), lambdas/transform_record.zip (9.8 KiB), glue/raw_to_clean.py',
];
const DEPLOY_LOG = [
  '[Container] 2025/01/14 10:03:02.331 Running command aws lambda update-function-code --function-name launchpad-dev-ingest-api --s3-bucket … --s3-key lambdas/ingest_api.zip',
  'launchpad-dev-ingest-api: code updated (CodeSha256 9f3c…)',
  'launchpad-dev-transform-record: code updated (CodeSha256 41ab…)',
  'published s3://launchpad-dev-scripts-123456789012/glue/raw_to_clean.py',
];
const SMOKE_LOG = [
  '[Container] 2025/01/14 10:03:40.010 Running command npm run smoke -- --env dev',
  'ingest   ✔ 20 events accepted by the API',
  'deliver  ✔ 20 records in the raw zone after 61.2 s',
  'query    ✔ Athena counts 20 rides',
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
