/**
 * What changed between two looks at an execution, as the lines a person follows in the log: a stage
 * starts, an action starts, an action ends (with its duration and summary or error), a stage ends.
 * ListActionExecutions knows actions only, so a stage has started with its first action and has ended when
 * its actions have ended and a later stage has started, or the execution has ended.
 */
import { formatDuration } from '../smoke/duration.ts';
import {
  type ActionRun,
  actionDurationMs,
  type ExecutionSnapshot,
  TERMINAL_STATUSES,
} from './execution-state.ts';

export type StageStatus = 'InProgress' | 'Succeeded' | 'Failed' | 'Abandoned' | 'NotRun';

const ICON: Record<string, string> = {
  InProgress: '▶',
  Succeeded: '✔',
  Failed: '✖',
  Abandoned: '⊘',
  NotRun: '·',
};

export class TransitionTracker {
  private readonly seen = new Map<string, ActionRun['status']>();
  private readonly stages = new Map<string, 'running' | 'ended'>();

  /** `stageOrder`: the stages of the pipeline's definition, in order. */
  constructor(private readonly stageOrder: readonly string[]) {}

  /** The lines for what changed since the previous snapshot; empty when nothing did. */
  update(snapshot: ExecutionSnapshot): string[] {
    const lines: string[] = [];
    for (const run of snapshot.actions) {
      const before = this.seen.get(run.id);
      if (before === run.status) continue;
      if (this.stages.get(run.stage) !== 'running') {
        // The stages before this one have ended: say so before it starts.
        lines.push(...this.endStages(snapshot, (stage) => this.indexOf(stage) < this.indexOf(run.stage)));
        lines.push(
          this.stages.has(run.stage) ? `── Stage ${run.stage} runs again ──` : `── Stage ${run.stage} ──`,
        );
        this.stages.set(run.stage, 'running');
      }
      if (before === undefined) lines.push(`  ▶ ${run.stage} / ${run.action} started${via(run)}`);
      if (run.status !== 'InProgress') lines.push(`  ${actionEndLine(run)}`);
      this.seen.set(run.id, run.status);
    }
    if (TERMINAL_STATUSES.has(snapshot.status)) lines.push(...this.endStages(snapshot, () => true));
    return lines;
  }

  /** Ends the running stages that `which` picks and whose actions have all ended. */
  private endStages(snapshot: ExecutionSnapshot, which: (stage: string) => boolean): string[] {
    const lines: string[] = [];
    for (const [stage, state] of this.stages) {
      if (state !== 'running' || !which(stage)) continue;
      const runs = snapshot.actions.filter((r) => r.stage === stage);
      if (runs.some((r) => r.status === 'InProgress')) continue;
      const duration = spanMs(runs);
      lines.push(
        `── Stage ${stage} ${stageStatus(runs).toLowerCase()}${duration === undefined ? '' : ` in ${formatDuration(duration)}`} ──`,
      );
      this.stages.set(stage, 'ended');
    }
    return lines;
  }

  private indexOf(stage: string): number {
    return this.stageOrder.indexOf(stage);
  }
}

function via(run: ActionRun): string {
  const parts = [run.provider, run.externalId].filter((p) => p !== undefined && p !== '');
  return parts.length === 0 ? '' : ` (${parts.join(' ')})`;
}

export function actionEndLine(run: ActionRun): string {
  const duration = actionDurationMs(run);
  const took = duration === undefined ? '' : ` in ${formatDuration(duration)}`;
  const detail = run.status === 'Failed' ? (run.error ?? run.summary) : run.summary;
  return `${ICON[run.status] ?? '?'} ${run.stage} / ${run.action} ${run.status.toLowerCase()}${took}${detail ? `: ${detail}` : ''}`;
}

/** The status of a stage from the latest run of each of its actions. */
export function stageStatus(runs: readonly ActionRun[]): StageStatus {
  const latest = new Map<string, ActionRun>();
  for (const run of runs) latest.set(run.action, run);
  const statuses = [...latest.values()].map((r) => r.status);
  if (statuses.length === 0) return 'NotRun';
  if (statuses.includes('InProgress')) return 'InProgress';
  if (statuses.includes('Failed')) return 'Failed';
  if (statuses.includes('Abandoned')) return 'Abandoned';
  return 'Succeeded';
}

/** From the first start to the last update of `runs`. */
export function spanMs(runs: readonly ActionRun[]): number | undefined {
  const starts = runs.flatMap((r) => (r.startTime ? [r.startTime.getTime()] : []));
  const ends = runs.flatMap((r) => (r.lastUpdateTime ? [r.lastUpdateTime.getTime()] : []));
  if (starts.length === 0 || ends.length === 0) return undefined;
  return Math.max(0, Math.max(...ends) - Math.min(...starts));
}
