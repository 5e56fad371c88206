/**
 * How a run ends, one kind per way, each with the sentence a person reads first. Only Succeeded passes the
 * step: a superseded execution did not ship this commit either, and later jobs must not carry on as if it had.
 */
import type { ActionRun, ExecutionSnapshot, ExecutionStatus } from './execution-state.ts';

export type OutcomeKind =
  | Exclude<ExecutionStatus, 'InProgress'>
  /** The timeout input ran out: the action stopped the execution. */
  | 'TimedOut'
  /** The job was cancelled (SIGINT/SIGTERM): the action stopped the execution. */
  | 'Interrupted';

export interface Outcome {
  readonly kind: OutcomeKind;
  readonly succeeded: boolean;
  readonly message: string;
  /** The action that failed the execution, for a Failed one. */
  readonly failedAction?: ActionRun;
}

export function outcomeOf(
  pipeline: string,
  executionId: string,
  snapshot: ExecutionSnapshot,
  elapsed: string,
): Outcome {
  const run = `Pipeline ${pipeline} execution ${executionId}`;
  const why = snapshot.statusSummary ? ` (${snapshot.statusSummary})` : '';
  switch (snapshot.status) {
    case 'Succeeded':
      return { kind: 'Succeeded', succeeded: true, message: `${run} succeeded in ${elapsed}.` };
    case 'Failed': {
      const failed = [...snapshot.actions].reverse().find((a) => a.status === 'Failed');
      if (failed === undefined) {
        return { kind: 'Failed', succeeded: false, message: `${run} failed after ${elapsed}${why}.` };
      }
      const reason = failed.error ?? failed.summary ?? snapshot.statusSummary ?? 'no reason given';
      return {
        kind: 'Failed',
        succeeded: false,
        failedAction: failed,
        message: `${run} failed at stage ${failed.stage}, action ${failed.action}: ${reason}`,
      };
    }
    case 'Stopped':
      return {
        kind: 'Stopped',
        succeeded: false,
        message: `${run} was stopped by someone else (console, CLI or API)${why}: this commit was not shipped.`,
      };
    case 'Stopping':
      return {
        kind: 'Stopping',
        succeeded: false,
        message: `${run} is being stopped by someone else${why}: its running actions finish, nothing new starts, and this commit is not shipped.`,
      };
    case 'Superseded':
      return {
        kind: 'Superseded',
        succeeded: false,
        message: `${run} was superseded by a newer execution, which carries on in its place: this commit was not shipped. The newer run's job reports on it.`,
      };
    case 'Cancelled':
      return {
        kind: 'Cancelled',
        succeeded: false,
        message: `${run} was cancelled by CodePipeline${why} (an execution waiting in the queue is cancelled when the pipeline's definition changes): run the job again.`,
      };
    default:
      return {
        kind: 'Failed',
        succeeded: false,
        message: `${run} ended with an unknown status ${snapshot.status}.`,
      };
  }
}
