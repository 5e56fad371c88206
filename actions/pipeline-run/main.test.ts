/**
 * The bundled action, run as GitHub runs it (a Node process, INPUT_* variables, output and summary files),
 * against moto and the scripted CodePipeline behind one endpoint-url.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TARGET } from '../../lib/pipeline/testing/fake-pipeline.ts';
import { type LocalPipeline, REGION, startLocalPipeline } from '../../lib/pipeline/testing/local-pipeline.ts';
import {
  BUCKET,
  FAILS_IN_DEPLOY,
  PIPELINE,
  pipelineOptions,
  STUCK_IN_DEPLOY,
  SUCCESS,
} from '../../lib/pipeline/testing/scenarios.ts';
import { spawnAction } from '../../lib/pipeline/testing/spawn-action.ts';

let local: LocalPipeline;
let sourceDir: string;

beforeAll(async () => {
  local = await startLocalPipeline();
  sourceDir = mkdtempSync(path.join(tmpdir(), 'pipeline-run-source-'));
  mkdirSync(path.join(sourceDir, 'lambdas'));
  writeFileSync(
    path.join(sourceDir, 'lambdas', 'handler.py'),
    'def handler(event, context):\n    return event\n',
  );
});
afterAll(async () => {
  await local?.close();
  rmSync(sourceDir, { recursive: true, force: true });
});
beforeEach(() => local.codePipeline.reset());

const inputs = () => ({
  'pipeline-name': PIPELINE,
  'artifact-bucket': BUCKET,
  'source-key': 'source/pipeline.zip',
  'source-path': sourceDir,
  'commit-sha': '3f9c2a1b7e4d5c6b8a9f0e1d2c3b4a5f6e7d8c9b',
  'timeout-minutes': '2',
  'poll-interval-seconds': '0.1',
  'aws-region': REGION,
  'endpoint-url': local.router.endpoint,
});
const env = {
  AWS_ACCESS_KEY_ID: 'testing',
  AWS_SECRET_ACCESS_KEY: 'testing',
  GITHUB_RUN_ID: '4242',
  GITHUB_RUN_ATTEMPT: '1',
};

describe('the pipeline-run bundle (node actions/pipeline-run/dist/index.js)', () => {
  it('runs a pipeline to success: transitions, folded build logs, outputs and a job summary', async () => {
    const fake = await local.install(pipelineOptions(SUCCESS));
    const action = spawnAction(inputs(), env);
    try {
      expect(await action.exited).toBe(0);
      const log = action.stdout();
      expect(log).toContain(
        `::group::TestAndPackage / TestAndPackage · build ${fake.builds[0]} · log lines 1–3`,
      );
      expect(log).toMatch(
        /::group::TestAndPackage[^\n]*\n\[Container\][^\n]*pip install[\s\S]*?::endgroup::/,
      );
      expect(log).toMatch(/── Stage Smoke succeeded in [\d.]+ s ──/);
      expect(log).toMatch(/Pipeline launchpad-dev-delivery execution \S+ succeeded in /);
      const execution = fake.executions[0];
      expect(action.outputs()).toEqual({
        'execution-id': execution?.id,
        'source-version': (execution?.request.sourceRevisions as { revisionValue: string }[] | undefined)?.[0]
          ?.revisionValue,
        status: 'Succeeded',
      });
      // The token comes from the run id and attempt.
      expect(execution?.request.clientRequestToken).toMatch(/^gh-4242-1-[0-9a-f]{10}$/);
      const summary = action.summary();
      expect(summary).toContain('## ✅ Pipeline launchpad-dev-delivery: Succeeded');
      expect(summary).toMatch(/\| \*\*Deploy\*\* \| \| ✅ Succeeded \| [\d.]+ s \| \|/);
      expect(summary).toContain(`- Execution: \`${execution?.id}\``);
    } finally {
      action.cleanUp();
    }
  });

  it('fails the step with the stage, action and reason', async () => {
    await local.install(pipelineOptions(FAILS_IN_DEPLOY));
    const action = spawnAction(inputs(), { ...env, GITHUB_RUN_ID: '4243' });
    try {
      expect(await action.exited).toBe(1);
      expect(action.stdout()).toMatch(
        /::error::Pipeline launchpad-dev-delivery execution \S+ failed at stage Deploy, action Deploy: JobFailed: Error while executing command/,
      );
      expect(action.outputs().status).toBe('Failed');
      expect(action.summary()).toContain('> [!CAUTION]');
    } finally {
      action.cleanUp();
    }
  });

  it('stops the execution within 5 s of SIGINT and fails as Interrupted', async () => {
    const fake = await local.install(pipelineOptions(STUCK_IN_DEPLOY));
    const action = spawnAction(inputs(), {
      ...env,
      GITHUB_RUN_ID: '4244',
      GITHUB_REPOSITORY: 'octo/launchpad',
    });
    try {
      await action.waitFor('── Stage Deploy ──');
      const sentAt = Date.now();
      action.child.kill('SIGINT');
      const code = await action.exited;
      const [stop] = local.codePipeline.requestsFor(TARGET('StopPipelineExecution'));
      expect(stop?.body).toMatchObject({
        pipelineName: PIPELINE,
        pipelineExecutionId: fake.executions[0]?.id,
        abandon: false,
        reason:
          'pipeline-run: the GitHub Actions job was cancelled (https://github.com/octo/launchpad/actions/runs/4244)',
      });
      expect((stop?.receivedAt ?? Infinity) - sentAt).toBeLessThan(5_000);
      expect(code).toBe(1);
      expect(action.stdout()).toContain('::warning::Received SIGINT');
      expect(action.stdout()).toMatch(
        /::error::The job was cancelled after [\d.]+ s\. Asked CodePipeline to stop execution \S+ of launchpad-dev-delivery/,
      );
      expect(action.outputs()).toMatchObject({
        status: 'Interrupted',
        'execution-id': fake.executions[0]?.id,
      });
    } finally {
      action.child.kill('SIGKILL');
      action.cleanUp();
    }
  });

  it('explains a missing region before calling AWS', async () => {
    const { 'aws-region': _, ...withoutRegion } = inputs();
    const action = spawnAction(withoutRegion, env);
    try {
      expect(await action.exited).toBe(1);
      expect(action.stdout()).toContain('::error::No AWS region: set the aws-region input');
      expect(local.codePipeline.requests).toHaveLength(0);
    } finally {
      action.cleanUp();
    }
  });
});
