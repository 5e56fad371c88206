import {
  DescribeExecutionCommand,
  type DescribeExecutionCommandOutput,
  GetExecutionHistoryCommand,
  type HistoryEvent,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import { PollTimeoutError, pollUntil } from '../aws/poll.ts';
import { consoleLinks } from './console-links.ts';
import { formatDuration } from './duration.ts';
import { call, type Stage, type StageContext, StageError } from './stage.ts';

const ENDED = new Set(['SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED']);

/**
 * Transform: starts the pipeline's state machine (raw → clean → curated) with an execution named after
 * the run and waits until it ends. A failed execution is reported with the state it failed in.
 */
export const transformStage: Stage = {
  name: 'transform',
  async run(context) {
    const { clients, deployment, run } = context;
    const started = await call(
      'transform',
      `Starting state machine ${deployment.stateMachineArn} (StartExecution)`,
      () =>
        clients.sfn.send(
          new StartExecutionCommand({
            stateMachineArn: deployment.stateMachineArn,
            name: run.id,
            input: JSON.stringify({ runId: run.id, trigger: 'smoke-test' }),
          }),
        ),
    );
    const executionArn = started.executionArn as string;
    let lastState: string | undefined;

    const check = async () => {
      const execution = await call('transform', `Reading execution ${run.id} (DescribeExecution)`, () =>
        clients.sfn.send(new DescribeExecutionCommand({ executionArn })),
      );
      if (ENDED.has(execution.status ?? '')) return { done: true as const, value: execution };
      const state = latestState(await history(context, executionArn));
      const progressed = state !== lastState;
      lastState = state;
      return {
        done: false as const,
        observed: `execution ${run.id} ${execution.status ?? 'RUNNING'}${state ? ` in state "${state}"` : ''}`,
        progressed,
      };
    };

    let execution: DescribeExecutionCommandOutput;
    try {
      ({ value: execution } = await pollUntil(check, {
        timeoutMs: context.timeoutMs,
        ...context.poll,
        clock: context.clock,
        onWait: (wait) =>
          context.progress(
            `waiting for the state machine: ${wait.observed}; next check in ${formatDuration(wait.delayMs)}`,
          ),
      }));
    } catch (error) {
      if (!(error instanceof PollTimeoutError)) throw error;
      throw new StageError(
        'transform',
        `transform stalled: ${error.observed} after ${formatDuration(context.timeoutMs)}.\n` +
          `Check next: the execution's graph and events, ${consoleLinks.execution(deployment.region, executionArn)}\n` +
          `It goes on running; stop it with: aws stepfunctions stop-execution --execution-arn ${executionArn}\n` +
          'Raise --transform-timeout when the Glue jobs are only slow (each waits about a minute for its workers).',
      );
    }
    if (execution.status !== 'SUCCEEDED') throw await failed(context, execution, executionArn);
    return `execution ${run.id} SUCCEEDED`;
  },
};

async function history(context: StageContext, executionArn: string): Promise<HistoryEvent[]> {
  const output = await call('transform', `Reading the history of execution ${context.run.id}`, () =>
    context.clients.sfn.send(
      new GetExecutionHistoryCommand({ executionArn, reverseOrder: true, maxResults: 100 }),
    ),
  );
  return output.events ?? [];
}

/** The state entered last, the one running now; events in any order (moto ignores reverseOrder). */
function latestState(events: readonly HistoryEvent[]): string | undefined {
  return [...events]
    .filter((e) => e.stateEnteredEventDetails?.name !== undefined)
    .sort((a, b) => (b.id ?? 0) - (a.id ?? 0))[0]?.stateEnteredEventDetails?.name;
}

async function failed(
  context: StageContext,
  execution: DescribeExecutionCommandOutput,
  executionArn: string,
): Promise<StageError> {
  const events = [...(await history(context, executionArn))].sort((a, b) => (a.id ?? 0) - (b.id ?? 0));
  const where = failingState(events);
  // DescribeExecution carries the error of a FAILED execution; a failed task's event carries it otherwise.
  const failure = events
    .map((e) => taskFailure(e) ?? e.executionTimedOutEventDetails ?? e.executionAbortedEventDetails)
    .filter((details) => details !== undefined)
    .at(-1);
  const error = execution.error ?? failure?.error;
  const cause = execution.cause ?? failure?.cause;
  const why = [error, cause && cut(cause, 500)].filter(Boolean).join(': ');
  return new StageError(
    'transform',
    `transform failed: execution ${context.run.id} ${execution.status}${where ? ` ${where}` : ''}` +
      `${why ? `: ${why}` : ''}.\n` +
      `Check next: the execution's graph and events, ${consoleLinks.execution(context.deployment.region, executionArn)}\n` +
      'For a Glue job state, the job run in the Glue console holds the error and links to its logs (/aws-glue/jobs/error).',
  );
}

/** The failure of a task (Glue job, AWS call, Lambda, activity), whatever its kind. */
function taskFailure(event: HistoryEvent): { error?: string; cause?: string } | undefined {
  return (
    event.taskFailedEventDetails ??
    event.taskTimedOutEventDetails ??
    event.taskStartFailedEventDetails ??
    event.taskSubmitFailedEventDetails ??
    event.lambdaFunctionFailedEventDetails ??
    event.lambdaFunctionTimedOutEventDetails ??
    event.activityFailedEventDetails ??
    event.activityTimedOutEventDetails
  );
}

/**
 * Where the execution failed, from its events in order. A state machine that catches errors goes on to
 * other states (a notification, a Fail state), so the last state entered is rarely the one that failed:
 * the state a task failed in is; without a failed task, the last states entered tell the way it went.
 */
function failingState(events: readonly HistoryEvent[]): string | undefined {
  const entered = (e: HistoryEvent) => e.stateEnteredEventDetails?.name;
  const lastFailure = events.findLastIndex((e) => taskFailure(e) !== undefined);
  if (lastFailure >= 0) {
    const state = events.slice(0, lastFailure).findLast((e) => entered(e) !== undefined);
    if (state) return `in state "${entered(state)}"`;
  }
  const path = events.flatMap((e) => (entered(e) === undefined ? [] : [`"${entered(e)}"`])).slice(-3);
  return path.length === 0 ? undefined : `after ${path.join(' → ')}`;
}

const cut = (text: string, length: number) => (text.length > length ? `${text.slice(0, length)}…` : text);
