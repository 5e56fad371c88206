import type { DeployFailedError } from './deploy-errors.ts';
import type { DeployReport } from './run-deploy.ts';

const cell = (text: string) => text.replaceAll('|', '\\|').replaceAll('\n', ' ');

/** The job summary of a deployment: each stack with what happened to it, then the outputs by phase. */
export function deploySummaryMarkdown(report: DeployReport): string {
  const changed = report.changedStacks.length;
  const lines = [
    `## Deploy ${report.environment}`,
    '',
    `${changed === 0 ? 'No changes' : `${changed} stack${changed > 1 ? 's' : ''} changed`}, ` +
      `${report.stacks.length - changed} unchanged, in ${(report.durationMs / 1000).toFixed(0)} s.`,
    '',
    '| Stack | Phase | Status |',
    '| --- | --- | --- |',
    ...report.stacks.map(
      (s) =>
        `| \`${s.stackName}\` | ${s.phase} | ${s.status === 'deployed' ? '✅ deployed' : '➖ no changes'} |`,
    ),
  ];
  const outputs = report.stacks.flatMap((s) =>
    Object.entries(s.outputs).map(([key, value]) => `| ${s.phase} | ${cell(key)} | \`${cell(value)}\` |`),
  );
  if (outputs.length > 0) {
    lines.push(
      '',
      `### Outputs (\`${report.outputsFile}\`)`,
      '',
      '| Phase | Output | Value |',
      '| --- | --- | --- |',
    );
    lines.push(...outputs);
  }
  return `${lines.join('\n')}\n`;
}

/** The job summary of a failed deployment: where it failed and why, in CloudFormation's words. */
export function deployFailureMarkdown(environment: string, error: DeployFailedError): string {
  const f = error.failure;
  return [
    `## Deploy ${environment} failed`,
    '',
    '| Stack | Resource | Type | Status | Reason |',
    '| --- | --- | --- | --- | --- |',
    `| \`${f.stackName}\` | ${cell(f.logicalId)} | ${cell(f.resourceType)} | ${f.status} | ${cell(f.reason)} |`,
    '',
    `See the stack's events in the CloudFormation console, fix the cause, and push again: the next deploy ` +
      'starts from the rolled-back stack.',
    '',
  ].join('\n');
}
