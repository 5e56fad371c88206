/**
 * What the docs show of the recorded smoke runs (docs/evidence/<env>/last-run.json): the "Last verified run"
 * with its badge, the roadmap progress table, and the résumé bullets that quote the learner's own numbers.
 */
import { PHASE_NAMES, PHASES } from '../config/phases.ts';
import type { RunEvidence } from '../evidence/run-evidence.ts';
import { SMOKE_PHASES, STAGE_OF_PHASE } from '../evidence/stage-phases.ts';
import { formatDuration } from '../smoke/duration.ts';

/** Where the badge of an environment's last run is written, relative to the repository root. */
export const badgeFile = (environment: string) => `docs/evidence/${environment}/badge.svg`;

const RESULT_ICON = { passed: '✅', failed: '❌', 'not run': '⏸️' } as const;

export function runEvidenceView(
  evidence: readonly RunEvidence[],
  monthlyOf: (environment: string) => number,
) {
  const runs = evidence.map((run) => {
    const passed = run.stages.filter((s) => s.result === 'passed').length;
    const failedStage = run.stages.find((s) => s.result === 'failed')?.stage ?? null;
    const phasesDeployed = PHASE_NAMES.filter((p) => run.phases[p] !== undefined);
    return {
      environment: run.environment,
      passed: run.result === 'passed',
      result: run.result,
      day: run.date.slice(0, 10),
      time: `${run.date.slice(0, 10)} ${run.date.slice(11, 16)} UTC`,
      commit: run.commit.slice(0, 7),
      events: run.events,
      rides: run.rides,
      rowsQueried: run.rowsQueried,
      total: formatDuration(run.totalMs),
      badge: badgeFile(run.environment),
      badgeAlt: `smoke ${run.environment}: ${run.result} ${run.date.slice(0, 10)}`,
      stagesPassed: passed,
      stageCount: run.stages.length,
      failedStage,
      stages: run.stages.map((s) => ({
        name: s.stage,
        icon: RESULT_ICON[s.result],
        result: s.result,
        latency: s.latencyMs === null ? '–' : formatDuration(s.latencyMs),
        detail: s.detail,
      })),
      latencies: run.stages
        .filter((s) => s.result === 'passed' && s.latencyMs !== null)
        .map((s) => `${s.stage} ${formatDuration(s.latencyMs ?? 0)}`)
        .join(', '),
      phasesDeployed: phasesDeployed.map((p) => ({ name: p, since: run.phases[p] })),
      firstDeployed: phasesDeployed.map((p) => run.phases[p] as string).sort()[0] ?? null,
      monthly: monthlyOf(run.environment),
    };
  });
  const progress = PHASE_NAMES.map((name) => {
    const stage = STAGE_OF_PHASE[name];
    return {
      number: PHASES[name].roadmapPhase,
      name,
      stage: stage ?? '–',
      environments: evidence.map((run) => {
        const since = run.phases[name];
        const result = stage === null ? undefined : run.stages.find((s) => s.stage === stage)?.result;
        return since === undefined
          ? 'not deployed'
          : `deployed ${since}${result ? ` · ${RESULT_ICON[result]} ${result}` : ''}`;
      }),
    };
  });
  // The résumé quotes the newest run that passed, else the newest run.
  const newest = [...runs].sort((a, b) => b.time.localeCompare(a.time));
  const quoted = newest.find((r) => r.passed) ?? newest[0] ?? null;
  return { runs, progress, quoted, smokePhases: SMOKE_PHASES };
}
