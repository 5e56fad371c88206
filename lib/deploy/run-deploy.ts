import { ExpandStackSelection, StackSelectionStrategy, Toolkit } from '@aws-cdk/toolkit-lib';
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { awsClientConfig } from '../aws/client-config.ts';
import type { PhaseName } from '../config/phases.ts';
import { assemblySource, repositoryApp } from './assembly-source.ts';
import { type AwsTarget, applyAwsTarget, checkCredentialsAccount } from './aws-target.ts';
import { DeployFailedError, type StackFailure } from './deploy-errors.ts';
import { defaultOutputsFile, type OutputsByStack, writeOutputsFile } from './outputs-file.ts';
import { parsePhases } from './phase-selection.ts';
import { type EnvironmentStack, selectEnvironmentStacks } from './select-stacks.ts';
import { findStackFailure } from './stack-failure.ts';
import { ProgressIoHost, type StackProgress } from './toolkit-io-host.ts';
import type { ToolkitRunOptions } from './toolkit-run-options.ts';

export interface DeployOptions extends ToolkitRunOptions {
  readonly environment: string;
  /** `all` (default) or a comma-separated list of phases; the phases they require are deployed too. */
  readonly phases?: string;
  /** Default `cdk-outputs/<environment>.json`. */
  readonly outputsFile?: string;
}

export type StackDeployStatus = 'deployed' | 'no changes';

export interface DeployedStack {
  readonly phase: PhaseName;
  readonly path: string;
  readonly stackName: string;
  readonly status: StackDeployStatus;
  readonly outputs: Record<string, string>;
}

export interface DeployReport {
  readonly environment: string;
  readonly stacks: DeployedStack[];
  /** Names of the stacks CloudFormation changed; the others had nothing to do. */
  readonly changedStacks: string[];
  /** `{ "<phase>": { "<OutputKey>": "value" } }` of the stacks deployed now. */
  readonly outputs: Record<string, Record<string, string>>;
  readonly outputsFile: string;
  readonly durationMs: number;
}

/**
 * Synthesizes the app and deploys the chosen phases of one environment with the CDK toolkit, in dependency
 * order. Unchanged stacks cost one template comparison each: the direct deployment method lets the toolkit
 * skip a stack whose template, parameters and tags are what is deployed, where a change set would be
 * created (and waited for) on every stack every time. Writes the outputs file; a failure names the stack,
 * the first resource that failed and CloudFormation's reason.
 */
export async function runDeploy(options: DeployOptions): Promise<DeployReport> {
  const started = performance.now();
  const log = options.log ?? ((line: string) => console.log(line));
  const phases = parsePhases(options.phases);
  const root = options.root ?? process.cwd();
  const target = options.target ?? {};
  applyAwsTarget(target);
  const host = new ProgressIoHost(log, { verbose: options.verbose });
  const toolkit = new Toolkit({ ioHost: host, color: false, emojis: false });

  log(`Synthesizing the app for ${options.environment} ...`);
  const assembly = await toolkit.synth(await assemblySource(toolkit, options.source ?? repositoryApp(root)));
  try {
    const stacks = await selectEnvironmentStacks(toolkit, assembly, options.environment, phases);
    await checkCredentialsAccount(options.environment, stacks, target);
    log(`Deploying ${stacks.map((s) => s.path).join(', ')} (and the phases they require) ...`);
    const outputsFile = options.outputsFile || defaultOutputsFile(options.environment);
    try {
      await toolkit.deploy(assembly, {
        stacks: {
          strategy: StackSelectionStrategy.PATTERN_MUST_MATCH,
          patterns: stacks.map((s) => s.path),
          expand: ExpandStackSelection.UPSTREAM,
        },
        deploymentMethod: { method: 'direct' },
        forceDeployment: false,
        concurrency: 1,
        stackEventPollingInterval: options.pollIntervalMs,
      });
    } catch (error) {
      const deployed = finishedStacks(options.environment, host.stacks);
      if (deployed.length > 0) writeOutputsFile(outputsFile, outputsByStack(deployed));
      throw await explainFailure(error, host.current, stacks, target);
    }
    const deployed = finishedStacks(options.environment, host.stacks);
    writeOutputsFile(outputsFile, outputsByStack(deployed));
    for (const s of deployed) log(`${s.stackName}: ${s.status}`);
    return {
      environment: options.environment,
      stacks: deployed,
      changedStacks: deployed.filter((s) => s.status === 'deployed').map((s) => s.stackName),
      outputs: Object.fromEntries(deployed.map((s) => [s.phase, s.outputs])),
      outputsFile,
      durationMs: performance.now() - started,
    };
  } finally {
    await assembly.dispose();
  }
}

function finishedStacks(environment: string, progress: readonly StackProgress[]): DeployedStack[] {
  return progress
    .filter((p) => p.finished)
    .map(
      (p): DeployedStack => ({
        phase: p.path.split('/')[1] as PhaseName,
        path: p.path,
        stackName: p.stackName,
        status: p.noOp ? 'no changes' : 'deployed',
        outputs: p.outputs ?? {},
      }),
    )
    .filter((s) => s.path.startsWith(`${environment}/`));
}

const outputsByStack = (stacks: readonly DeployedStack[]): OutputsByStack =>
  Object.fromEntries(stacks.map((s) => [s.stackName, s.outputs]));

/** Turns the toolkit's error into one that names the stack, the failed resource and the reason. */
async function explainFailure(
  error: unknown,
  failed: StackProgress | undefined,
  stacks: readonly EnvironmentStack[],
  target: AwsTarget,
): Promise<unknown> {
  if (!failed) return error;
  const toolkitMessage = error instanceof Error ? error.message : String(error);
  const region = target.region ?? stacks.find((s) => s.stackName === failed.stackName)?.region;
  const cfn = new CloudFormationClient(awsClientConfig({ region, endpoint: target.endpoint }));
  let failure: StackFailure | undefined;
  let note = '';
  try {
    failure = await findStackFailure(cfn, failed.stackName, failed.startedAt);
  } catch (readError) {
    // The events are the explanation, not the failure: without them the toolkit's message stands.
    note = ` (its events could not be read: ${(readError as Error).message})`;
  } finally {
    cfn.destroy();
  }
  return new DeployFailedError(
    failure ?? {
      stackName: failed.stackName,
      logicalId: failed.stackName,
      resourceType: 'AWS::CloudFormation::Stack',
      status: 'FAILED',
      reason: `${toolkitMessage}${note}`,
    },
    toolkitMessage,
  );
}
