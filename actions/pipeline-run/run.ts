/**
 * The pipeline-run action's run(): reads its inputs, runs the engine (lib/pipeline), and turns what it
 * reports into the GitHub log (folded groups for build logs), outputs and a job summary. SIGINT and SIGTERM
 * (GitHub cancelling the job) abort the run, and the engine stops the execution.
 */
import * as core from '@actions/core';
import { describeSdkError } from '../../lib/aws/sdk-error.ts';
import { writeJobSummary } from '../../lib/github/job-summary.ts';
import {
  clientRequestToken,
  createPipelineClients,
  destroyPipelineClients,
  type PipelineRunReporter,
  pipelineSummaryMarkdown,
  runPipeline,
} from '../../lib/pipeline/index.ts';

const reporter: PipelineRunReporter = {
  info: (message) => core.info(message),
  warning: (message) => core.warning(message),
  group: (title, lines) => {
    core.startGroup(title);
    for (const line of lines) core.info(line);
    core.endGroup();
  },
  started: ({ executionId, source }) => {
    // Written now, so a later step (or a cancelled job's cleanup) has them whatever happens next.
    core.setOutput('execution-id', executionId);
    core.setOutput('source-version', source.versionId);
  },
};

function positiveNumber(name: string, fallback: string): number {
  const text = core.getInput(name) || fallback;
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0)
    throw new Error(`Input ${name} must be a positive number, got "${text}".`);
  return value;
}

export async function run(): Promise<void> {
  const controller = new AbortController();
  const onSignal = (signal: NodeJS.Signals) => {
    if (controller.signal.aborted) return;
    core.warning(`Received ${signal}: the job is being cancelled, stopping the pipeline execution.`);
    controller.abort(new Error(`Cancelled by ${signal}`));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  let clients: ReturnType<typeof createPipelineClients> | undefined;
  try {
    const pipelineName = core.getInput('pipeline-name', { required: true });
    const artifactBucket = core.getInput('artifact-bucket', { required: true });
    const region = core.getInput('aws-region') || process.env.AWS_REGION || process.env.AWS_DEFAULT_REGION;
    if (!region) {
      throw new Error(
        'No AWS region: set the aws-region input, or run aws-actions/configure-aws-credentials first (it sets AWS_REGION).',
      );
    }
    const commitSha = core.getInput('commit-sha') || process.env.GITHUB_SHA || 'unknown';
    const timeoutMinutes = positiveNumber('timeout-minutes', '60');
    const pollMs = positiveNumber('poll-interval-seconds', '5') * 1000;
    clients = createPipelineClients({ region, endpoint: core.getInput('endpoint-url') || undefined });

    const result = await runPipeline(clients, {
      pipelineName,
      artifactBucket,
      sourceKey: core.getInput('source-key') || undefined,
      sourcePath: core.getInput('source-path') || undefined,
      commitSha,
      timeoutMs: timeoutMinutes * 60_000,
      region,
      clientToken: clientRequestToken(pipelineName),
      poll: { firstDelayMs: pollMs, maxDelayMs: pollMs * 6 },
      signal: controller.signal,
      requestedBy: workflowRunUrl(),
      reporter,
    });
    core.setOutput('status', result.outcome.kind);
    const summary = await writeJobSummary(pipelineSummaryMarkdown(pipelineName, result));
    if (!summary.written) core.debug(summary.reason ?? 'No job summary written.');
    if (result.outcome.succeeded) core.info(result.outcome.message);
    else core.setFailed(result.outcome.message);
  } catch (error) {
    core.setFailed(explain(error));
  } finally {
    if (clients) destroyPipelineClients(clients);
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

/** The workflow run, named in the reason of a stop so the execution's history says who stopped it. */
function workflowRunUrl(): string | undefined {
  const { GITHUB_SERVER_URL, GITHUB_REPOSITORY, GITHUB_RUN_ID } = process.env;
  if (!GITHUB_REPOSITORY || !GITHUB_RUN_ID) return undefined;
  return `${GITHUB_SERVER_URL ?? 'https://github.com'}/${GITHUB_REPOSITORY}/actions/runs/${GITHUB_RUN_ID}`;
}

function explain(error: unknown): string {
  if (error !== null && typeof error === 'object' && '$metadata' in error) {
    const failure = describeSdkError(error);
    return `${failure.summary}. ${failure.advice}`;
  }
  return error instanceof Error ? error.message : String(error);
}
