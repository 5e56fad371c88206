import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { GetObjectCommand, ListObjectVersionsCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { describeSdkError } from '../aws/sdk-error.ts';
import { serviceUnavailable, throttlingError } from '../aws/testing/scripted-json-server.ts';
import { destroyPipelineClients, type PipelineClientOptions } from './clients.ts';
import { type PipelineRunResult, type RunPipelineOptions, runPipeline } from './run-pipeline.ts';
import type { FakePipeline, FakePipelineOptions, Step } from './testing/fake-pipeline.ts';
import { TARGET } from './testing/fake-pipeline.ts';
import { type LocalPipeline, REGION, startLocalPipeline } from './testing/local-pipeline.ts';
import { type RecordingReporter, recordingReporter } from './testing/recording-reporter.ts';
import {
  BUCKET,
  ends,
  FAILS_IN_DEPLOY,
  PIPELINE,
  pipelineOptions,
  SOURCE_KEY,
  STUCK_IN_DEPLOY,
  SUCCESS,
} from './testing/scenarios.ts';

const SHA = '3f9c2a1b7e4d5c6b8a9f0e1d2c3b4a5f6e7d8c9b';
let local: LocalPipeline;
let sourceDir: string;

beforeAll(async () => {
  local = await startLocalPipeline();
  sourceDir = mkdtempSync(path.join(tmpdir(), 'pipeline-source-'));
  mkdirSync(path.join(sourceDir, 'buildspecs'));
  writeFileSync(path.join(sourceDir, 'buildspecs', 'test.yml'), 'version: 0.2\nphases: {}\n');
  writeFileSync(path.join(sourceDir, 'handler.py'), 'def handler(event, context):\n    return event\n');
});
afterAll(async () => {
  await local?.close();
  rmSync(sourceDir, { recursive: true, force: true });
});
beforeEach(() => local.codePipeline.reset());

interface Run {
  readonly result: PipelineRunResult;
  readonly reporter: RecordingReporter;
  readonly fake: FakePipeline;
}

async function run(
  ticks: readonly (readonly Step[])[],
  options: {
    readonly fake?: Partial<FakePipelineOptions>;
    readonly run?: Partial<RunPipelineOptions>;
    readonly clients?: Partial<PipelineClientOptions>;
    readonly reporter?: RecordingReporter;
    readonly unversioned?: boolean;
    /** The fake pipeline of an earlier run, kept with its executions, instead of a new one. */
    readonly keep?: FakePipeline;
  } = {},
): Promise<Run> {
  const fake =
    options.keep ??
    (await local.install(pipelineOptions(ticks, options.fake), { versioned: !options.unversioned }));
  const reporter = options.reporter ?? recordingReporter();
  const clients = local.clients(options.clients);
  try {
    const result = await runPipeline(clients, {
      pipelineName: PIPELINE,
      artifactBucket: BUCKET,
      sourcePath: sourceDir,
      commitSha: SHA,
      timeoutMs: 30_000,
      region: REGION,
      poll: { firstDelayMs: 30, maxDelayMs: 150 },
      reporter,
      ...options.run,
    });
    return { result, reporter, fake };
  } finally {
    destroyPipelineClients(clients);
  }
}

const statuses = (target: string) => local.codePipeline.requestsFor(TARGET(target)).map((r) => r.status);

describe('runPipeline against moto (S3, CodeBuild, Logs) and a scripted CodePipeline', () => {
  it('uploads the source, starts an execution pinned to that S3 version, and follows it to success', async () => {
    let getsWhenStarted = -1;
    const reporter = recordingReporter(() => {
      getsWhenStarted = local.codePipeline.requestsFor(TARGET('GetPipelineExecution')).length;
    });
    const { result, fake } = await run(SUCCESS, { reporter, run: { clientToken: 'gh-100-1-success' } });

    expect(result.outcome).toMatchObject({ kind: 'Succeeded', succeeded: true });
    expect(result.outcome.message).toMatch(/^Pipeline launchpad-dev-delivery execution \S+ succeeded in /);
    // The id was reported before the first look at the execution.
    expect(getsWhenStarted).toBe(0);
    expect(reporter.started_?.executionId).toBe(fake.executions[0]?.id);

    const [start] = local.codePipeline.requestsFor(TARGET('StartPipelineExecution'));
    expect(start?.body).toEqual({
      name: PIPELINE,
      clientRequestToken: 'gh-100-1-success',
      sourceRevisions: [
        {
          actionName: 'Artifact',
          revisionType: 'S3_OBJECT_VERSION_ID',
          revisionValue: result.source?.versionId,
        },
      ],
      variables: [{ name: 'COMMIT_SHA', value: SHA }],
    });
    // The pinned version is the uploaded zip, with the commit recorded on it.
    const object = await local.services.s3.send(
      new GetObjectCommand({ Bucket: BUCKET, Key: SOURCE_KEY, VersionId: result.source?.versionId }),
    );
    expect(object.Metadata?.['launchpad-commit']).toBe(SHA);
    expect(
      Buffer.from(
        await (object.Body as { transformToByteArray(): Promise<Uint8Array> }).transformToByteArray(),
      ).length,
    ).toBe(result.source?.bytes);

    const stageLines = reporter.lines.filter((l) => l.startsWith('── '));
    expect(stageLines.map((l) => l.replace(/ in .*/, ''))).toEqual([
      '── Stage Source ──',
      '── Stage Source succeeded',
      '── Stage TestAndPackage ──',
      '── Stage TestAndPackage succeeded',
      '── Stage Deploy ──',
      '── Stage Deploy succeeded',
      '── Stage Smoke ──',
      '── Stage Smoke succeeded',
    ]);
    expect(reporter.lines).toContain(
      `  ▶ TestAndPackage / TestAndPackage started (CodeBuild ${fake.builds[0]})`,
    );
    // The logs came from moto's CloudWatch Logs, found through the build id, in two looks.
    const testGroups = reporter.groups.filter((g) => g.title.startsWith('TestAndPackage / TestAndPackage'));
    expect(testGroups.map((g) => g.title.replace(/.* · /, ''))).toEqual(['log lines 1–3', 'log lines 4–14']);
    expect(testGroups[0]?.title).toContain(`build ${fake.builds[0]}`);
    expect(testGroups.flatMap((g) => g.lines)).toContain('602 passed in 22.51s');
    expect(reporter.groups.map((g) => g.title.split(' · ')[0])).toEqual([
      'TestAndPackage / TestAndPackage',
      'TestAndPackage / TestAndPackage',
      'Deploy / Deploy',
      'Smoke / SmokeTest',
    ]);
    // The action list came in pages of two, and every page was read.
    expect(local.codePipeline.requestsFor(TARGET('ListActionExecutions')).some((r) => r.body.nextToken)).toBe(
      true,
    );
    expect(result.snapshot?.actions).toHaveLength(4);
  });

  it('names the stage, the action and the reason of a failed execution', async () => {
    const { result, reporter } = await run(FAILS_IN_DEPLOY);
    expect(result.outcome.kind).toBe('Failed');
    expect(result.outcome.succeeded).toBe(false);
    expect(result.outcome.message).toMatch(
      /failed at stage Deploy, action Deploy: JobFailed: Error while executing command: aws lambda update-function-code\. Reason: exit status 254$/,
    );
    expect(result.outcome.failedAction?.stage).toBe('Deploy');
    expect(reporter.lines).toContain(
      '── Stage Deploy failed in ' +
        reporter.lines.find((l) => l.startsWith('── Stage Deploy failed'))?.split(' in ')[1],
    );
    expect(reporter.groups.at(-1)?.lines).toEqual([
      'An error occurred (AccessDeniedException) when calling the UpdateFunctionCode operation',
    ]);
  });

  it('rides out throttling with the SDK retry, and the retried start carries the same token', async () => {
    local.codePipeline.addFault({ target: TARGET('StartPipelineExecution'), answer: throttlingError() });
    local.codePipeline.addFault({
      target: TARGET('GetPipelineExecution'),
      times: 2,
      answer: throttlingError(),
    });
    const { result, fake } = await run(SUCCESS, { run: { clientToken: 'gh-101-1-throttled' } });
    expect(result.outcome.kind).toBe('Succeeded');
    expect(statuses('StartPipelineExecution')).toEqual([400, 200]);
    expect(
      new Set(
        local.codePipeline
          .requestsFor(TARGET('StartPipelineExecution'))
          .map((r) => r.body.clientRequestToken),
      ),
    ).toEqual(new Set(['gh-101-1-throttled']));
    expect(statuses('GetPipelineExecution').slice(0, 3)).toEqual([400, 400, 200]);
    expect(fake.executions).toHaveLength(1);
  });

  it('retries 5xx answers', async () => {
    local.codePipeline.addFault({
      target: TARGET('ListActionExecutions'),
      times: 2,
      answer: serviceUnavailable(),
    });
    local.codePipeline.addFault({ target: TARGET('GetPipeline'), answer: serviceUnavailable() });
    const { result } = await run(SUCCESS);
    expect(result.outcome.kind).toBe('Succeeded');
    expect(statuses('ListActionExecutions').slice(0, 3)).toEqual([503, 503, 200]);
    expect(statuses('GetPipeline')).toEqual([503, 200]);
  });

  it('ends a slow answer with the request timeout and retries it', async () => {
    local.codePipeline.addFault({ target: TARGET('GetPipelineExecution'), answer: { delayMs: 2_000 } });
    const { result } = await run(SUCCESS, { clients: { requestTimeoutMs: 400 } });
    expect(result.outcome.kind).toBe('Succeeded');
    // -1: the client hung up on the slow answer instead of waiting for it.
    expect(statuses('GetPipelineExecution')[0]).toBe(-1);
    expect(statuses('GetPipelineExecution')[1]).toBe(200);
  });

  it.each([
    [
      'Superseded',
      /was superseded by a newer execution, which carries on in its place: this commit was not shipped/,
    ],
    ['Stopped', /was stopped by someone else \(console, CLI or API\) \(Stopped by alice: hotfix first\)/],
    [
      'Stopping',
      /is being stopped by someone else \(Stopped by alice: hotfix first\): its running actions finish/,
    ],
    [
      'Cancelled',
      /was cancelled by CodePipeline \(Stopped by alice: hotfix first\) \(an execution waiting in the queue/,
    ],
  ] as const)('treats %s as its own outcome', async (status, message) => {
    const { result } = await run(ends(status, 'Stopped by alice: hotfix first'));
    expect(result.outcome.kind).toBe(status);
    expect(result.outcome.succeeded).toBe(false);
    expect(result.outcome.message).toMatch(message);
    // Someone else ended it: the action asks nothing of it.
    expect(local.codePipeline.requestsFor(TARGET('StopPipelineExecution'))).toHaveLength(0);
  });

  it('stops the execution (stop and wait, not abandon) when the timeout runs out', async () => {
    const { result } = await run(STUCK_IN_DEPLOY, { run: { timeoutMs: 2_000 } });
    expect(result.outcome.kind).toBe('TimedOut');
    expect(result.outcome.message).toMatch(
      /^Timed out after 2\.0 s \(timeout-minutes\) with execution \S+ of launchpad-dev-delivery still InProgress in Deploy \/ Deploy\. Asked CodePipeline to stop/,
    );
    const [stop] = local.codePipeline.requestsFor(TARGET('StopPipelineExecution'));
    expect(stop?.body).toMatchObject({
      pipelineName: PIPELINE,
      pipelineExecutionId: result.executionId,
      abandon: false,
      reason: 'pipeline-run: timeout of 2.0 s reached',
    });
    expect(result.stop?.requested).toBe(true);
  });

  it('stops the execution within 5 s of a cancellation, even in the middle of a slow call', async () => {
    const controller = new AbortController();
    let abortedAt = 0;
    const reporter = recordingReporter();
    const info = reporter.info;
    reporter.info = (message) => {
      info(message);
      if (message === '── Stage Deploy ──') {
        // The next look hangs: the job is cancelled once it has started, and must end it rather than wait.
        const looks = () => local.codePipeline.requestsFor(TARGET('GetPipelineExecution')).length;
        const before = looks();
        local.codePipeline.addFault({ target: TARGET('GetPipelineExecution'), answer: { delayMs: 20_000 } });
        const waiting = setInterval(() => {
          if (looks() === before) return;
          clearInterval(waiting);
          abortedAt = Date.now();
          controller.abort();
        }, 10);
      }
    };
    const { result } = await run(STUCK_IN_DEPLOY, { reporter, run: { signal: controller.signal } });
    expect(result.outcome.kind).toBe('Interrupted');
    expect(result.outcome.message).toMatch(
      /^The job was cancelled after [\d.]+ s\. Asked CodePipeline to stop execution \S+ of launchpad-dev-delivery: no new action starts/,
    );
    const [stop] = local.codePipeline.requestsFor(TARGET('StopPipelineExecution'));
    expect(stop?.body).toMatchObject({ pipelineExecutionId: result.executionId, abandon: false });
    expect((stop?.receivedAt ?? Infinity) - abortedAt).toBeLessThan(5_000);
    expect(local.codePipeline.requestsFor(TARGET('GetPipelineExecution')).at(-1)?.status).toBe(-1);
  });

  it('starts nothing twice for the same token: a retried step finds its upload and its execution', async () => {
    const key = 'source/idempotent.zip';
    const options = { fake: { key }, run: { sourceKey: key, clientToken: 'gh-102-1-abcdef0123' } };
    const first = await run(SUCCESS, options);
    const again = await run(SUCCESS, { ...options, keep: first.fake });
    expect(again.result.executionId).toBe(first.result.executionId);
    expect(again.result.source).toMatchObject({ reused: true, versionId: first.result.source?.versionId });
    expect(again.fake.executions).toHaveLength(1);
    expect(again.result.outcome.kind).toBe('Succeeded');
    const versions = await local.services.s3.send(
      new ListObjectVersionsCommand({ Bucket: BUCKET, Prefix: key }),
    );
    expect(versions.Versions).toHaveLength(1);

    // A re-run of the job is a new attempt: a new upload and a new execution.
    const rerun = await run(SUCCESS, {
      ...options,
      keep: first.fake,
      run: { ...options.run, clientToken: 'gh-102-2-abcdef0123' },
    });
    expect(rerun.result.executionId).not.toBe(first.result.executionId);
    expect(rerun.result.source?.reused).toBe(false);
    expect(first.fake.executions).toHaveLength(2);
  });

  it('warns and passes no variable when the pipeline declares no COMMIT_SHA', async () => {
    const { result, reporter } = await run(SUCCESS, { fake: { variables: [] } });
    expect(result.outcome.kind).toBe('Succeeded');
    expect(reporter.warnings[0]).toMatch(/declares no COMMIT_SHA variable/);
    expect(
      local.codePipeline.requestsFor(TARGET('StartPipelineExecution'))[0]?.body.variables,
    ).toBeUndefined();
  });

  it('names the source actions when none reads the given bucket and key', async () => {
    await expect(run(SUCCESS, { run: { sourceKey: 'source/other.zip' } })).rejects.toThrow(
      'Pipeline launchpad-dev-delivery has no S3 source action reading s3://launchpad-dev-artifacts-123456789012/source/other.zip; its source actions: Artifact (s3://launchpad-dev-artifacts-123456789012/source/pipeline.zip).',
    );
    expect(local.codePipeline.requestsFor(TARGET('StartPipelineExecution'))).toHaveLength(0);
  });

  it('refuses a bucket without versioning, which cannot pin a run', async () => {
    const bucket = 'launchpad-dev-unversioned';
    await expect(
      run(SUCCESS, { fake: { bucket }, run: { artifactBucket: bucket }, unversioned: true }),
    ).rejects.toThrow(/s3:\/\/launchpad-dev-unversioned has no versioning/);
  });
});

describe('the source upload and the build logs through throttling, 5xx answers and timeouts', () => {
  /** Every service through the scripted server (on to moto), so S3 and CloudWatch Logs calls can fault too. */
  const throughRouter = (overrides: Partial<PipelineClientOptions> = {}) => ({
    endpoints: {
      codePipeline: local.codePipeline.endpoint,
      codeBuild: local.router.endpoint,
      logs: local.router.endpoint,
      s3: local.router.endpoint,
    },
    requestTimeoutMs: 400,
    ...overrides,
  });
  /** S3's own throttling answer is a 503 SlowDown in its XML shape. */
  const s3Answer = (status: number, code: string) => ({
    status,
    headers: { 'content-type': 'application/xml' },
    body: `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${code} here</Message></Error>`,
  });
  /** The S3 calls: the only ones through the router that are not AWS JSON. */
  const s3Statuses = () => local.codePipeline.requests.filter((r) => r.target === '').map((r) => r.status);

  it('uploads and shows every log line as without them', async () => {
    local.codePipeline.addFault({ target: '', answer: s3Answer(503, 'SlowDown') });
    local.codePipeline.addFault({ target: '', answer: s3Answer(500, 'InternalError') });
    local.codePipeline.addFault({ target: '', answer: { delayMs: 2_000 } });
    local.codePipeline.addFault({ target: 'CodeBuild_20161006.BatchGetBuilds', answer: throttlingError() });
    local.codePipeline.addFault({ target: 'Logs_20140328.GetLogEvents', answer: throttlingError() });
    local.codePipeline.addFault({ target: 'Logs_20140328.GetLogEvents', answer: serviceUnavailable() });
    local.codePipeline.addFault({ target: 'Logs_20140328.GetLogEvents', answer: { delayMs: 2_000 } });

    const { result, reporter } = await run(SUCCESS, { clients: throughRouter() });

    expect(result.outcome.kind).toBe('Succeeded');
    expect(s3Statuses().slice(0, 4)).toEqual([503, 500, -1, 200]);
    expect(result.source?.versionId).toBeTruthy();
    const logReads = local.codePipeline.requestsFor('Logs_20140328.GetLogEvents').map((r) => r.status);
    expect(logReads.slice(0, 4)).toEqual([400, 503, -1, 200]);
    expect(local.codePipeline.requestsFor('CodeBuild_20161006.BatchGetBuilds')[0]?.status).toBe(400);
    // The same lines in the same groups as a run without faults.
    const testGroups = reporter.groups.filter((g) => g.title.startsWith('TestAndPackage / TestAndPackage'));
    expect(testGroups.flatMap((g) => g.lines)).toContain('602 passed in 22.51s');
    expect(reporter.groups.map((g) => g.title.split(' · ')[0])).toEqual([
      'TestAndPackage / TestAndPackage',
      'TestAndPackage / TestAndPackage',
      'Deploy / Deploy',
      'Smoke / SmokeTest',
    ]);
  });

  it('gives up on an upload that keeps failing with what S3 answered, the retries and what to do', async () => {
    local.codePipeline.addFault({ target: '', times: 3, answer: s3Answer(503, 'SlowDown') });

    const error = await run(SUCCESS, { clients: throughRouter({ maxAttempts: 3 }) }).catch((e: unknown) => e);

    expect(s3Statuses()).toEqual([503, 503, 503]);
    expect(local.codePipeline.requestsFor(TARGET('StartPipelineExecution'))).toHaveLength(0);
    const failure = describeSdkError(error);
    expect(failure.kind).toBe('throttled');
    expect(failure.summary).toMatch(
      /^SlowDown \(HTTP 503\): SlowDown here; gave up after 3 attempts and [\d.]+ s of backoff$/,
    );
  });

  it('follows the execution to its end when build logs keep timing out, and says why lines are missing', async () => {
    local.codePipeline.addFault({
      target: 'Logs_20140328.GetLogEvents',
      times: 2,
      answer: { delayMs: 2_000 },
    });

    const { result, reporter } = await run(SUCCESS, { clients: throughRouter({ maxAttempts: 2 }) });

    expect(result.outcome.kind).toBe('Succeeded');
    expect(reporter.lines).toContainEqual(
      expect.stringMatching(
        /^ {2}\(build logs could not be read this time: TimeoutError: .*; gave up after 2 attempts.*; the next look tries again\)$/,
      ),
    );
    // The next look read from where the failed one stopped: no line lost.
    const testGroups = reporter.groups.filter((g) => g.title.startsWith('TestAndPackage / TestAndPackage'));
    expect(testGroups.flatMap((g) => g.lines)).toContain('602 passed in 22.51s');
  });
});
