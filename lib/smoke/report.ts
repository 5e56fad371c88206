import { formatDuration } from './duration.ts';
import type { SmokeReport } from './run-smoke.ts';
import type { StageName } from './stage.ts';

/** The heading of a run: what is tested, where, and with what. */
export function formatHeading(report: Pick<SmokeReport, 'run' | 'deployment'>): string {
  const { run, deployment } = report;
  return (
    `Smoke test of ${deployment.project} ${deployment.environment} (${deployment.region}), run ${run.id}: ` +
    `${run.records.length} events of ${run.rideIds.length} rides`
  );
}

/** `[deliver +1m 05s] waiting for Firehose: …`: a line while a stage waits. */
export function formatProgress(stage: StageName, elapsedMs: number, text: string): string {
  return `[${stage} +${formatDuration(elapsedMs)}] ${text}`;
}

/** The table of stages with their result and latency, and the total. */
export function formatReport(report: SmokeReport): string {
  const rows = [
    ...report.stages.map((s) => [
      s.stage,
      s.status,
      s.durationMs === undefined ? '–' : formatDuration(s.durationMs),
      s.detail,
    ]),
    ['total', report.passed ? 'passed' : 'failed', formatDuration(report.totalMs), ''],
  ];
  const header = ['stage', 'result', 'latency', 'detail'];
  const width = (column: number) =>
    Math.max(...[header, ...rows].map((row) => (row[column] as string).length));
  const line = (row: string[]) =>
    [
      (row[0] as string).padEnd(width(0)),
      (row[1] as string).padEnd(width(1)),
      (row[2] as string).padStart(width(2)),
      row[3],
    ]
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}
