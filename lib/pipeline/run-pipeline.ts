/**
 * A pipeline run from start to end: upload the source artifact, start the execution pinned to that upload,
 * report its id at once, then follow it (transitions and CodeBuild logs) until it ends, the timeout runs out,
 * or the caller cancels; in the last two cases the execution is stopped. The same engine serves the
 * pipeline-run action, scripts and tests: what it shows goes through a reporter, never @actions/core.
 */
import { StartPipelineExecutionCommand } from '@aws-sdk/client-codepipeline';
import { type Clock, type PollState, PollTimeoutError, pollUntil, systemClock } from '../aws/poll.ts';
import { formatDuration } from '../smoke/duration.ts';
import { BuildLogFollower } from './build-logs.ts';
import type { PipelineClients } from './clients.ts';
import { pipelineLinks } from './console-links.ts';
import { type ExecutionSnapshot, readExecution, TERMINAL_STATUSES } from './execution-state.ts';
import { type Outcome, outcomeOf } from './outcome.ts';
import { COMMIT_VARIABLE, type PipelineDefinition, readPipelineDefinition } from './pipeline-definition.ts';
import { type SourceArtifact, uploadSourceArtifact } from './source-artifact.ts';
import { type StopResult, stopExecution } from './stop-execution.ts';
import { TransitionTracker } from './transitions.ts';

export interface PipelineRunReporter {
  info(message: string): void;
  warning(message: string): void;
  /** Lines to fold under a title (a build's log): the action maps it to core.startGroup/endGroup. */
  group(title: string, lines: readonly string[]): void;
  /** The execution exists: called before following it, so its id can be published at once. */
  started(execution: StartedExecution): void;
}

export interface StartedExecution {
  readonly executionId: string;
  readonly consoleUrl: string;
  readonly source: SourceArtifact;
}

export interface RunPipelineOptions {
  readonly pipelineName: string;
  readonly artifactBucket: string;
  /** Default `source/pipeline.zip`. */
  readonly sourceKey?: string;
  /** A folder to zip or a zip file. Default `.`, the repository root. */
  readonly sourcePath?: string;
  readonly commitSha: string;
  /** From the start of the run (upload included) to the end of the execution. */
  readonly timeoutMs: number;
  /** For console links. */
  readonly region: string;
  /** StartPipelineExecution's idempotency token (see client-token.ts); none starts a new execution each time. */
  readonly clientToken?: string;
  /** First and longest wait between two looks at the execution. Default 5 s and 30 s. */
  readonly poll?: { readonly firstDelayMs: number; readonly maxDelayMs: number };
  /** Aborted when the job is cancelled: the execution is stopped and the run ends as Interrupted. */
  readonly signal?: AbortSignal;
  /** Who runs this (a workflow run's address): named in the reason of a stop, in the execution's history. */
  readonly requestedBy?: string;
  readonly reporter: PipelineRunReporter;
  readonly clock?: Clock;
}

export interface PipelineRunResult {
  readonly executionId?: string;
  readonly consoleUrl?: string;
  readonly source?: SourceArtifact;
  /** Undefined when the run was cancelled before it read the pipeline. */
  readonly definition?: PipelineDefinition;
  readonly outcome: Outcome;
  /** The last look at the execution. */
  readonly snapshot?: ExecutionSnapshot;
  /** The stop this run asked for, on timeout or cancellation. */
  readonly stop?: StopResult;
  readonly elapsedMs: number;
  /** Looks at the execution. */
  readonly checks: number;
}

const DEFAULT_POLL = { firstDelayMs: 5_000, maxDelayMs: 30_000 };

export async function runPipeline(
  clients: PipelineClients,
  options: RunPipelineOptions,
): Promise<PipelineRunResult> {
  const clock = options.clock ?? systemClock;
  const started = clock.now();
  const elapsed = () => clock.now() - started;
  const { reporter, pipelineName, signal } = options;
  const sourceKey = options.sourceKey ?? 'source/pipeline.zip';
  const sourcePath = options.sourcePath ?? '.';

  let definition: PipelineDefinition | undefined;
  let source: SourceArtifact;
  try {
    definition = await readPipelineDefinition(
      clients,
      pipelineName,
      { bucket: options.artifactBucket, key: sourceKey },
      signal,
    );
    source = await uploadSourceArtifact(
      clients.s3,
      {
        bucket: options.artifactBucket,
        key: sourceKey,
        path: sourcePath,
        commitSha: options.commitSha,
        clientToken: options.clientToken,
      },
      signal,
    );
  } catch (error) {
    if (!signal?.aborted) throw error;
    const message = `The job was cancelled after ${formatDuration(elapsed())}, before any execution of ${pipelineName} started: nothing to stop.`;
    return {
      definition,
      checks: 0,
      elapsedMs: elapsed(),
      outcome: { kind: 'Interrupted', succeeded: false, message },
    };
  }
  const size = `${(source.bytes / 1024).toFixed(1)} KiB`;
  reporter.info(
    source.reused
      ? `Source: an earlier try of this step already uploaded ${sourcePath} (${size}) as s3://${source.bucket}/${source.key} version ${source.versionId}; using it.`
      : `Source: uploaded ${sourcePath}${source.files === undefined ? '' : ` (${source.files} files)`}, ${size}, to s3://${source.bucket}/${source.key}, version ${source.versionId}.`,
  );
  if (!definition.declaresCommitVariable) {
    reporter.warning(
      `Pipeline ${pipelineName} declares no ${COMMIT_VARIABLE} variable, so the commit is not passed to it (CodePipeline refuses undeclared variables). Declare it in the pipeline (V2) to see the commit in each execution.`,
    );
  }

  // Not given the abort signal: an answer lost to an abort would leave an execution started and unknown.
  // With the client token, the SDK's retries of this call cannot start a second one.
  const { pipelineExecutionId: executionId } = await clients.codePipeline.send(
    new StartPipelineExecutionCommand({
      name: pipelineName,
      clientRequestToken: options.clientToken,
      sourceRevisions: [
        {
          actionName: definition.sourceActionName,
          revisionType: 'S3_OBJECT_VERSION_ID',
          revisionValue: source.versionId,
        },
      ],
      variables: definition.declaresCommitVariable
        ? [{ name: COMMIT_VARIABLE, value: options.commitSha }]
        : undefined,
    }),
  );
  if (!executionId) throw new Error(`StartPipelineExecution of ${pipelineName} returned no execution id.`);
  const consoleUrl = pipelineLinks.execution(options.region, pipelineName, executionId);
  reporter.started({ executionId, consoleUrl, source });
  reporter.info(
    `Started execution ${executionId} of ${pipelineName} (commit ${options.commitSha.slice(0, 12)}).`,
  );
  reporter.info(`Follow it in the console: ${consoleUrl}`);

  const tracker = new TransitionTracker(definition.stages.map((s) => s.name));
  const logs = new BuildLogFollower(clients, reporter);
  let snapshot: ExecutionSnapshot | undefined;
  let checks = 0;
  const base = { executionId, consoleUrl, source, definition };

  const stopBecause = async (kind: 'Interrupted' | 'TimedOut', why: string): Promise<PipelineRunResult> => {
    const stop = await stopExecution(
      clients,
      pipelineName,
      executionId,
      `pipeline-run: ${why}${options.requestedBy ? ` (${options.requestedBy})` : ''}`,
    );
    const message =
      kind === 'Interrupted'
        ? `The job was cancelled after ${formatDuration(elapsed())}. ${stop.message}`
        : `Timed out after ${formatDuration(options.timeoutMs)} (timeout-minutes) with execution ${executionId} of ${pipelineName} still ${snapshot?.status ?? 'InProgress'}${where(snapshot)}. ${stop.message}`;
    return {
      ...base,
      snapshot,
      stop,
      checks,
      elapsedMs: elapsed(),
      outcome: { kind, succeeded: false, message },
    };
  };

  const check = async (): Promise<PollState<ExecutionSnapshot>> => {
    signal?.throwIfAborted();
    snapshot = await readExecution(clients, pipelineName, executionId, signal);
    checks++;
    const transitions = tracker.update(snapshot);
    for (const line of transitions) reporter.info(line);
    const logLines = await logs.follow(snapshot.actions, signal);
    if (TERMINAL_STATUSES.has(snapshot.status)) {
      // A last look for log lines written between the look above and the end.
      await logs.follow(snapshot.actions, signal);
      return { done: true, value: snapshot };
    }
    return {
      done: false,
      observed: `${snapshot.status}${where(snapshot)}`,
      progressed: transitions.length > 0 || logLines > 0,
    };
  };

  try {
    const poll = options.poll ?? DEFAULT_POLL;
    const { value } = await pollUntil(check, {
      ...poll,
      timeoutMs: Math.max(0, options.timeoutMs - elapsed()),
      clock: abortableClock(clock, signal),
    });
    return {
      ...base,
      snapshot: value,
      checks,
      elapsedMs: elapsed(),
      outcome: outcomeOf(pipelineName, executionId, value, formatDuration(elapsed())),
    };
  } catch (error) {
    if (signal?.aborted) return stopBecause('Interrupted', 'the GitHub Actions job was cancelled');
    if (error instanceof PollTimeoutError) {
      return stopBecause('TimedOut', `timeout of ${formatDuration(options.timeoutMs)} reached`);
    }
    throw error;
  }
}

/** ` in TestAndPackage / UnitTests`: where a running execution is, for the wait and timeout messages. */
function where(snapshot: ExecutionSnapshot | undefined): string {
  if (snapshot === undefined) return '';
  const running = snapshot.actions.filter((a) => a.status === 'InProgress');
  if (running.length > 0) return ` in ${running.map((a) => `${a.stage} / ${a.action}`).join(', ')}`;
  return snapshot.actions.length === 0
    ? ' (waiting for its first action: queued behind another execution?)'
    : '';
}

/** `clock`, with sleeps that end early when `signal` aborts, so a cancellation is acted on at once. */
function abortableClock(clock: Clock, signal: AbortSignal | undefined): Clock {
  if (signal === undefined) return clock;
  return {
    now: clock.now,
    sleep: (ms) =>
      new Promise<void>((resolve, reject) => {
        if (signal.aborted) return reject(signal.reason);
        const onAbort = () => reject(signal.reason);
        signal.addEventListener('abort', onAbort, { once: true });
        void clock.sleep(ms).then(() => {
          signal.removeEventListener('abort', onAbort);
          resolve();
        });
      }),
  };
}
