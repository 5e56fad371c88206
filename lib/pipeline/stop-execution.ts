/**
 * Stops an execution when the job is cancelled or the timeout is reached. GitHub sends SIGINT, then SIGTERM
 * 7.5 s later, and kills the process 2.5 s after that, so the request must be out within seconds: one call,
 * bounded by its own deadline rather than by the SDK's longer retry schedule.
 *
 * `abandon: false` ("stop and wait"): no new action starts, and the ones running finish. Abandoning would
 * end the execution at once but leave a half-done deploy (Lambda code updated, Glue scripts not) and would
 * not stop the CodeBuild build anyway, which keeps running outside the pipeline.
 */
import { StopPipelineExecutionCommand } from '@aws-sdk/client-codepipeline';
import type { PipelineClients } from './clients.ts';

export interface StopResult {
  readonly requested: boolean;
  /** What happened, in words: for the log and the summary. */
  readonly message: string;
}

export const STOP_DEADLINE_MS = 4_000;

export async function stopExecution(
  clients: PipelineClients,
  pipelineName: string,
  executionId: string,
  reason: string,
  deadlineMs = STOP_DEADLINE_MS,
): Promise<StopResult> {
  try {
    await clients.codePipeline.send(
      new StopPipelineExecutionCommand({
        pipelineName,
        pipelineExecutionId: executionId,
        abandon: false,
        reason: reason.slice(0, 200),
      }),
      { abortSignal: AbortSignal.timeout(deadlineMs) },
    );
    return {
      requested: true,
      message: `Asked CodePipeline to stop execution ${executionId} of ${pipelineName}: no new action starts, and the ones running finish first.`,
    };
  } catch (error) {
    const e = error as Error;
    if (e.name === 'PipelineExecutionNotStoppableException' || e.name === 'DuplicatedStopRequestException') {
      return {
        requested: false,
        message: `Execution ${executionId} is already ending or stopping (${e.message}).`,
      };
    }
    const why =
      e.name === 'AbortError' || e.name === 'TimeoutError'
        ? `no answer within ${deadlineMs / 1000} s`
        : `${e.name}: ${e.message}`;
    return {
      requested: false,
      message: `Could not stop execution ${executionId} (${why}): stop it in the CodePipeline console.`,
    };
  }
}
