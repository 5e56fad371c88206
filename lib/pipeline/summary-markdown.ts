/**
 * The job summary of a pipeline run, as Markdown: the outcome first, then every stage and action with its
 * status and duration (stages that never ran included), the execution id, the source version and a console
 * link. Pure text, so scripts and tests can show it without @actions/core.
 */
import { formatDuration } from '../smoke/duration.ts';
import { actionDurationMs } from './execution-state.ts';
import type { PipelineRunResult } from './run-pipeline.ts';
import { spanMs, stageStatus } from './transitions.ts';

const STATUS_ICON: Record<string, string> = {
  Succeeded: '✅',
  Failed: '❌',
  InProgress: '⏳',
  Abandoned: '⊘',
  NotRun: '⚪',
  Stopped: '⏹️',
  Stopping: '⏹️',
  Superseded: '⏭️',
  Cancelled: '🚫',
  TimedOut: '⏱️',
  Interrupted: '⏹️',
};

/** Table cells hold no pipes or line breaks. */
const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
const row = (...cells: string[]) => `|${cells.map((c) => (c === '' ? ' ' : ` ${c} `)).join('|')}|`;

export function pipelineSummaryMarkdown(pipelineName: string, result: PipelineRunResult): string {
  const { outcome } = result;
  const lines = [
    `## ${STATUS_ICON[outcome.kind] ?? ''} Pipeline ${pipelineName}: ${outcome.kind}`,
    '',
    outcome.succeeded
      ? outcome.message
      : `> [!${outcome.kind === 'Failed' ? 'CAUTION' : 'WARNING'}]\n> ${outcome.message}`,
    '',
  ];
  const actions = result.snapshot?.actions ?? [];
  const stages = result.definition?.stages ?? [];
  if (stages.length > 0) {
    lines.push('| Stage | Action | Status | Duration | Details |', '| --- | --- | --- | --- | --- |');
    for (const stage of stages) {
      const runs = actions.filter((a) => a.stage === stage.name);
      const status = stageStatus(runs);
      const span = spanMs(runs);
      const label = status === 'NotRun' ? 'not run' : status;
      lines.push(
        row(
          `**${cell(stage.name)}**`,
          '',
          `${STATUS_ICON[status]} ${label}`,
          span === undefined ? '' : formatDuration(span),
          '',
        ),
      );
      // Every run of each action: a retried stage shows its earlier runs too.
      const names = [
        ...stage.actions,
        ...runs.map((r) => r.action).filter((n) => !stage.actions.includes(n)),
      ];
      for (const name of new Set(names)) {
        const ofAction = runs.filter((r) => r.action === name);
        if (ofAction.length === 0) {
          lines.push(row('', cell(name), `${STATUS_ICON.NotRun} not run`, '', ''));
          continue;
        }
        for (const run of ofAction) {
          const duration = actionDurationMs(run);
          const detail = run.status === 'Failed' ? (run.error ?? run.summary) : run.summary;
          const link = run.url ? ` [${run.provider ?? 'details'}](${run.url})` : '';
          lines.push(
            row(
              '',
              cell(name),
              `${STATUS_ICON[run.status] ?? ''} ${run.status}`,
              duration === undefined ? '' : formatDuration(duration),
              `${cell(detail ?? '')}${link}`.trim(),
            ),
          );
        }
      }
    }
    lines.push('');
  }
  const facts: string[] = [];
  if (result.executionId) {
    facts.push(
      `- Execution: \`${result.executionId}\`${result.consoleUrl ? ` ([open in the console](${result.consoleUrl}))` : ''}`,
    );
  }
  if (result.source) {
    facts.push(
      `- Source: \`s3://${result.source.bucket}/${result.source.key}\` version \`${result.source.versionId}\`${result.source.reused ? ' (uploaded by an earlier try of this step)' : ''}`,
    );
  }
  if (result.stop) facts.push(`- Stop: ${result.stop.message}`);
  facts.push(
    `- Followed for ${formatDuration(result.elapsedMs)} with ${result.checks} looks at the execution`,
  );
  lines.push(...facts);
  return `${lines.join('\n')}\n`;
}
