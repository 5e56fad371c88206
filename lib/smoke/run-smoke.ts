import { type Clock, systemClock } from '../aws/poll.ts';
import type { SmokeClients } from './clients.ts';
import { deliverStage } from './deliver.ts';
import type { Deployment } from './deployment.ts';
import { ingestStage } from './ingest.ts';
import { queryStage } from './query.ts';
import type { SmokeRun } from './sample-run.ts';
import { type PollSettings, type Stage, StageError, type StageName } from './stage.ts';
import { transformStage } from './transform.ts';

const STAGES: readonly Stage[] = [ingestStage, deliverStage, transformStage, queryStage];

const MINUTE = 60_000;
/** Deliver: Firehose buffers up to 60 s here (up to 900 s allowed) and retries dynamic partitioning. */
export const DEFAULT_TIMEOUTS: Readonly<Record<StageName, number>> = {
  ingest: 2 * MINUTE,
  deliver: 6 * MINUTE,
  transform: 30 * MINUTE,
  query: 5 * MINUTE,
};

/** How often each stage checks: in step with how long its wait usually is. */
export const DEFAULT_POLL: Readonly<Record<StageName, PollSettings>> = {
  ingest: { firstDelayMs: 1000, maxDelayMs: 1000 },
  deliver: { firstDelayMs: 5000, maxDelayMs: 30_000 },
  transform: { firstDelayMs: 10_000, maxDelayMs: 30_000 },
  query: { firstDelayMs: 500, maxDelayMs: 5000 },
};

export interface StageResult {
  readonly stage: StageName;
  readonly status: 'passed' | 'failed' | 'not run';
  readonly durationMs?: number;
  /** One line for the report. */
  readonly detail: string;
  readonly error?: StageError;
}

export interface SmokeReport {
  readonly run: SmokeRun;
  readonly deployment: Deployment;
  readonly stages: readonly StageResult[];
  readonly totalMs: number;
  readonly passed: boolean;
}

export interface SmokeReporter {
  stageStarted?(stage: StageName): void;
  progress?(stage: StageName, elapsedMs: number, text: string): void;
  stageEnded?(result: StageResult): void;
}

export interface SmokeOptions {
  readonly clients: SmokeClients;
  readonly deployment: Deployment;
  readonly run: SmokeRun;
  readonly timeouts?: Partial<Record<StageName, number>>;
  /** Overrides every stage's check intervals. */
  readonly poll?: Partial<PollSettings>;
  readonly clock?: Clock;
  readonly reporter?: SmokeReporter;
}

/** Runs the stages in order, timing each; the first that fails ends the run and the rest do not run. */
export async function runSmoke(options: SmokeOptions): Promise<SmokeReport> {
  const clock = options.clock ?? systemClock;
  const reporter = options.reporter ?? {};
  const started = clock.now();
  const results: StageResult[] = [];
  for (const stage of STAGES) {
    if (results.some((r) => r.status !== 'passed')) {
      results.push({ stage: stage.name, status: 'not run', detail: '' });
      continue;
    }
    reporter.stageStarted?.(stage.name);
    const stageStarted = clock.now();
    let result: StageResult;
    try {
      const detail = await stage.run({
        clients: options.clients,
        deployment: options.deployment,
        run: options.run,
        timeoutMs: options.timeouts?.[stage.name] ?? DEFAULT_TIMEOUTS[stage.name],
        poll: pollSettings(stage.name, options.poll),
        clock,
        progress: (text) => reporter.progress?.(stage.name, clock.now() - stageStarted, text),
      });
      result = { stage: stage.name, status: 'passed', durationMs: clock.now() - stageStarted, detail };
    } catch (thrown) {
      const error =
        thrown instanceof StageError
          ? thrown
          : new StageError(stage.name, `${stage.name} failed unexpectedly: ${String(thrown)}`, {
              cause: thrown,
            });
      const detail = error.message.split('\n')[0] as string;
      result = { stage: stage.name, status: 'failed', durationMs: clock.now() - stageStarted, detail, error };
    }
    results.push(result);
    reporter.stageEnded?.(result);
  }
  return {
    run: options.run,
    deployment: options.deployment,
    stages: results,
    totalMs: clock.now() - started,
    passed: results.every((r) => r.status === 'passed'),
  };
}

function pollSettings(stage: StageName, override: Partial<PollSettings> = {}): PollSettings {
  const { firstDelayMs, maxDelayMs } = { ...DEFAULT_POLL[stage], ...override };
  return { firstDelayMs, maxDelayMs: Math.max(firstDelayMs, maxDelayMs) };
}
