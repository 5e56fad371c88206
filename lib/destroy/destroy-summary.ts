import { describeFailure } from '../deploy/deploy-errors.ts';
import type { Remaining } from './leftovers.ts';
import type { DestroyReport } from './run-destroy.ts';

const cell = (text: string) => text.replaceAll('|', '\\|').replaceAll('\n', ' ');

/** The job summary of a teardown: what went, what failed, and what is left with its cost and its remedy. */
export function destroySummaryMarkdown(report: DestroyReport): string {
  const lines = [`## Teardown of ${report.environment}`, ''];
  lines.push(
    report.destroyedStacks.length === 0
      ? 'No stack of this environment was deployed.'
      : `Destroyed: ${report.destroyedStacks.map((s) => `\`${s}\``).join(', ')}.`,
  );
  if (report.unprotectedStacks.length > 0) {
    lines.push(
      '',
      `Termination protection lifted (confirmed by name): ${report.unprotectedStacks.map((s) => `\`${s}\``).join(', ')}.`,
    );
  }
  if (report.deletedData.length > 0) {
    lines.push('', `Deleted with their data: ${report.deletedData.map((s) => `\`${s}\``).join(', ')}.`);
  }
  if (report.failure) lines.push('', `> [!CAUTION]\n> ${cell(describeFailure(report.failure))}`);
  lines.push('', '### What is left', '');
  if (report.remaining.length === 0) {
    lines.push('Nothing: this environment costs nothing any more.');
  } else {
    lines.push('| What | Name | Monthly cost | Remove with |', '| --- | --- | --- | --- |');
    for (const r of report.remaining) {
      lines.push(
        `| ${r.kind} | \`${cell(r.name)}\` | ${cell(r.monthlyCostHint)} | \`${cell(r.removeWith)}\` |`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}

/** The same list for a terminal. */
export function remainingText(remaining: readonly Remaining[]): string {
  if (remaining.length === 0) return 'Nothing is left: this environment costs nothing any more.';
  return [
    'What is left:',
    ...remaining.map(
      (r) =>
        `  ${r.kind.padEnd(18)} ${r.name}\n    cost:   ${r.monthlyCostHint}\n    remove: ${r.removeWith}`,
    ),
  ].join('\n');
}
