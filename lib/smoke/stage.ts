import type { Clock } from '../aws/poll.ts';
import { describeSdkError } from '../aws/sdk-error.ts';
import type { SmokeClients } from './clients.ts';
import type { Deployment } from './deployment.ts';
import type { SmokeRun } from './sample-run.ts';

/** The stages in the order they run: the data's way from the API to a query result. */
export const STAGE_NAMES = ['ingest', 'deliver', 'transform', 'query'] as const;
export type StageName = (typeof STAGE_NAMES)[number];

export interface PollSettings {
  /** First wait between two checks, and the wait after a check that saw progress. */
  readonly firstDelayMs: number;
  /** Longest wait between two checks (waits grow while nothing changes). */
  readonly maxDelayMs: number;
}

export interface StageContext {
  readonly clients: SmokeClients;
  readonly deployment: Deployment;
  readonly run: SmokeRun;
  readonly timeoutMs: number;
  readonly poll: PollSettings;
  readonly clock: Clock;
  /** A line for the person waiting: what the stage is waiting for and what it has seen so far. */
  progress(text: string): void;
}

export interface Stage {
  readonly name: StageName;
  /** Runs the stage; resolves with one line for the report, or throws a StageError. */
  run(context: StageContext): Promise<string>;
}

/** A stage that did not pass. The message says what was observed and what to check next. */
export class StageError extends Error {
  override readonly name = 'StageError';

  constructor(
    readonly stage: StageName,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/**
 * Makes an AWS call on behalf of a stage. The SDK has already retried throttling, 5xx and timeouts with
 * backoff when this fails, so the failure ends the stage, naming the call and what to do.
 */
export async function call<T>(stage: StageName, what: string, send: () => Promise<T>): Promise<T> {
  try {
    return await send();
  } catch (error) {
    const failure = describeSdkError(error);
    throw new StageError(stage, `${what} failed: ${failure.summary.replace(/\.$/, '')}.\n${failure.advice}`, {
      cause: error,
    });
  }
}
