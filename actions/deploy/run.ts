import * as core from '@actions/core';
import { DeployFailedError, DeployInputError } from '../../lib/deploy/deploy-errors.ts';
import { deployFailureMarkdown, deploySummaryMarkdown } from '../../lib/deploy/deploy-summary.ts';
import { runDeploy } from '../../lib/deploy/run-deploy.ts';
import { writeJobSummary } from '../../lib/github/job-summary.ts';
import { toolkitActionInputs } from '../../lib/github/toolkit-action-inputs.ts';

/** The deploy action: inputs in, the engine, outputs and the job summary out; failures as annotations. */
export async function run(): Promise<void> {
  const environment = core.getInput('environment');
  try {
    if (!environment)
      throw new DeployInputError('Input required and not supplied: environment (dev, stage or prod).');
    const report = await runDeploy({
      ...toolkitActionInputs(),
      environment,
      phases: core.getInput('phases') || 'all',
      outputsFile: core.getInput('outputs-file') || undefined,
    });
    core.setOutput('outputs', JSON.stringify(report.outputs));
    core.setOutput('changed-stacks', JSON.stringify(report.changedStacks));
    core.setOutput('outputs-file', report.outputsFile);
    core.info(
      report.changedStacks.length === 0
        ? `No changes in ${environment}.`
        : `Changed: ${report.changedStacks.join(', ')}.`,
    );
    await writeJobSummary(deploySummaryMarkdown(report));
  } catch (error) {
    if (error instanceof DeployFailedError) {
      core.info(error.toolkitMessage);
      core.error(error.failure.reason, {
        title: `${error.failure.stackName}: ${error.failure.logicalId} (${error.failure.resourceType}) ${error.failure.status}`,
      });
      await writeJobSummary(deployFailureMarkdown(environment, error));
    } else if (!(error instanceof DeployInputError) && error instanceof Error && error.stack) {
      core.debug(error.stack);
    }
    core.setFailed(error instanceof Error ? error.message : String(error));
  }
}
