import * as core from '@actions/core';
import { destroySummaryMarkdown } from '../../lib/destroy/destroy-summary.ts';
import { runDestroy } from '../../lib/destroy/run-destroy.ts';
import { writeJobSummary } from '../../lib/github/job-summary.ts';
import { toolkitActionInputs } from '../../lib/github/toolkit-action-inputs.ts';

/** The destroy action: the guard and the teardown in the engine; outputs, summary and annotations here. */
export async function run(): Promise<void> {
  try {
    const environment = core.getInput('environment', { required: true });
    const report = await runDestroy({
      ...toolkitActionInputs(),
      environment,
      phases: core.getInput('phases') || 'all',
      confirm: core.getInput('confirm') || undefined,
      deleteRetainedData: (core.getInput('delete-retained-data') || 'false').toLowerCase() === 'true',
    });
    const remaining = report.remaining.map(({ kind, name, monthlyCostHint, removeWith }) => ({
      kind,
      name,
      monthlyCostHint,
      removeWith,
    }));
    core.setOutput('destroyed-stacks', JSON.stringify(report.destroyedStacks));
    core.setOutput('remaining', JSON.stringify(remaining));
    for (const r of report.remaining)
      core.warning(`${r.monthlyCostHint}. Remove with: ${r.removeWith}`, {
        title: `Left: ${r.kind} ${r.name}`,
      });
    await writeJobSummary(destroySummaryMarkdown(report));
    if (report.failure) {
      const f = report.failure;
      core.error(f.reason, { title: `${f.stackName}: ${f.logicalId} (${f.resourceType}) ${f.status}` });
      core.setFailed(`${f.stackName} was not deleted: ${f.reason}`);
    }
  } catch (error) {
    core.setFailed(error instanceof Error ? error.message : String(error));
  }
}
