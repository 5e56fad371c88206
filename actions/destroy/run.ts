import * as core from '@actions/core';
import { destroySummaryMarkdown } from '../lib/destroy/destroy-summary.ts';
import { runDestroy } from '../lib/destroy/run-destroy.ts';
import { writeJobSummary } from '../lib/github/job-summary.ts';

/** The destroy action: the guard and the teardown in the engine; outputs, summary and annotations here. */
export async function run(): Promise<void> {
  try {
    const environment = core.getInput('environment', { required: true });
    const assembly = core.getInput('assembly');
    const report = await runDestroy({
      environment,
      phases: core.getInput('phases') || 'all',
      confirm: core.getInput('confirm') || undefined,
      deleteRetainedData: (core.getInput('delete-retained-data') || 'false').toLowerCase() === 'true',
      source: assembly ? { assemblyDir: assembly } : undefined,
      root: process.env.GITHUB_WORKSPACE || process.cwd(),
      target: {
        region: core.getInput('aws-region') || undefined,
        endpoint: core.getInput('endpoint-url') || undefined,
      },
      log: (line) => core.info(line),
      verbose: core.isDebug(),
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
