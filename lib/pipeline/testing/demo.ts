/**
 * What a person sees when the pipeline-run action runs: the bundled action against moto and the scripted
 * CodePipeline (Source → TestAndPackage → Deploy → Smoke, with CodeBuild logs), its GitHub log as the runner
 * prints it, its outputs and its job summary; then a run cancelled with SIGINT, and how soon the stop arrived.
 *
 *   npx tsx lib/pipeline/testing/demo.ts     (build first: npm run build:actions -- --action pipeline-run)
 */
import path from 'node:path';
import { TARGET } from './fake-pipeline.ts';
import { REGION, startLocalPipeline } from './local-pipeline.ts';
import { BUCKET, PIPELINE, pipelineOptions, STUCK_IN_DEPLOY, SUCCESS } from './scenarios.ts';
import { spawnAction } from './spawn-action.ts';

const SECONDS_PER_TICK = 20;
const repository = path.resolve(import.meta.dirname, '../../..');
const local = await startLocalPipeline();
const inputs = {
  'pipeline-name': PIPELINE,
  'artifact-bucket': BUCKET,
  'source-path': repository,
  'commit-sha': '3f9c2a1b7e4d5c6b8a9f0e1d2c3b4a5f6e7d8c9b',
  'timeout-minutes': '10',
  'poll-interval-seconds': '0.2',
  'aws-region': REGION,
  'endpoint-url': local.router.endpoint,
};
const env = {
  AWS_ACCESS_KEY_ID: 'testing',
  AWS_SECRET_ACCESS_KEY: 'testing',
  GITHUB_RUN_ID: '12345678901',
  GITHUB_RUN_ATTEMPT: '1',
  GITHUB_REPOSITORY: 'octo/aws-data-launchpad',
};
const rule = (title: string) =>
  console.log(`\n${'═'.repeat(8)} ${title} ${'═'.repeat(Math.max(0, 90 - title.length))}`);

try {
  rule('1. A run that succeeds: the GitHub log');
  console.log(
    `(The scripted CodePipeline's clock moves ${SECONDS_PER_TICK} s per look, so stage durations look like a real run's; the action polls every 0.2 s here.)\n`,
  );
  await local.install(pipelineOptions(SUCCESS, { secondsPerTick: SECONDS_PER_TICK }));
  const success = spawnAction(inputs, env);
  success.child.stdout?.pipe(process.stdout);
  console.log(`exit code ${await success.exited}`);
  rule('Outputs');
  console.log(success.outputs());
  rule('Job summary (GITHUB_STEP_SUMMARY)');
  console.log(success.summary());
  success.cleanUp();

  rule('2. A run cancelled from GitHub (SIGINT while Deploy runs)');
  local.codePipeline.reset();
  await local.install(pipelineOptions(STUCK_IN_DEPLOY, { secondsPerTick: SECONDS_PER_TICK }));
  const cancelled = spawnAction(inputs, { ...env, GITHUB_RUN_ID: '12345678902' });
  cancelled.child.stdout?.pipe(process.stdout);
  await cancelled.waitFor('── Stage Deploy ──');
  const sentAt = Date.now();
  cancelled.child.kill('SIGINT');
  const code = await cancelled.exited;
  const stop = local.codePipeline.requestsFor(TARGET('StopPipelineExecution'))[0];
  console.log(`exit code ${code}`);
  console.log(
    stop
      ? `StopPipelineExecution arrived ${stop.receivedAt - sentAt} ms after SIGINT: ${JSON.stringify(stop.body)}`
      : 'StopPipelineExecution never arrived',
  );
  console.log(cancelled.outputs());
  cancelled.cleanUp();
} finally {
  await local.close();
}
