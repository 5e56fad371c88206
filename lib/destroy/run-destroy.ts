import path from 'node:path';
import { ExpandStackSelection, StackSelectionStrategy, Toolkit } from '@aws-cdk/toolkit-lib';
import { CloudFormationClient, UpdateTerminationProtectionCommand } from '@aws-sdk/client-cloudformation';
import { CloudWatchLogsClient, DeleteLogGroupCommand } from '@aws-sdk/client-cloudwatch-logs';
import { S3Client } from '@aws-sdk/client-s3';
import { type AwsClientOptions, awsClientConfig } from '../aws/client-config.ts';
import { describeSdkError } from '../aws/sdk-error.ts';
import { loadEnvironmentConfig } from '../config/load-config.ts';
import { assemblySource, repositoryApp } from '../deploy/assembly-source.ts';
import { applyAwsTarget, checkCredentialsAccount } from '../deploy/aws-target.ts';
import { DeployInputError, describeFailure, type StackFailure } from '../deploy/deploy-errors.ts';
import { parsePhases, phaseOfPath } from '../deploy/phase-selection.ts';
import { selectEnvironmentStacks } from '../deploy/select-stacks.ts';
import { findStackFailure } from '../deploy/stack-failure.ts';
import { ProgressIoHost, type ProgressLog } from '../deploy/toolkit-io-host.ts';
import type { ToolkitRunOptions } from '../deploy/toolkit-run-options.ts';
import { deleteBucketAndData } from './empty-bucket.ts';
import { findLeftovers, type Remaining } from './leftovers.ts';
import {
  type DataResource,
  type EnvironmentScope,
  key,
  liveEnvironmentStacks,
  retainedData,
  stackDataResources,
} from './owned-data.ts';
import { checkDestroyAllowed, type ProtectionConfig } from './protection.ts';

export interface DestroyOptions extends ToolkitRunOptions {
  readonly environment: string;
  /** `all` (default) or a comma-separated list; the phases that depend on them go too. */
  readonly phases?: string;
  /** The environment's name, required for prod and for environments that retain their data. */
  readonly confirm?: string;
  /** Also empty and delete the buckets and log groups CloudFormation retained: their data is lost. */
  readonly deleteRetainedData?: boolean;
  /** Retries and timeouts of our own AWS calls (not the toolkit's). Default: awsClientConfig's. */
  readonly aws?: Pick<AwsClientOptions, 'maxAttempts' | 'requestTimeoutMs'>;
  /** Default: config/<environment>.json of `root`. */
  readonly config?: ProtectionConfig & { readonly project: string; readonly region?: string };
}

export interface DestroyReport {
  readonly environment: string;
  /** Stacks that existed and are deleted now. */
  readonly destroyedStacks: string[];
  /** The stack CloudFormation could not delete, and why. */
  readonly failure?: StackFailure;
  /** Buckets and log groups emptied and deleted on request (delete-retained-data). */
  readonly deletedData: string[];
  /** Stacks whose termination protection the confirmed teardown lifted. */
  readonly unprotectedStacks: string[];
  /** What is still there and may cost money. */
  readonly remaining: Remaining[];
  readonly durationMs: number;
}

/**
 * Tears one environment down: the guard first (nothing happens to a protected environment without its
 * name as confirmation), then the toolkit's destroy of the chosen stacks and the stacks that depend on
 * them, in reverse dependency order; then, on request, the retained buckets and log groups of those
 * stacks (CloudFormation's own resource lists, read before the stacks go, and the phase tags of what they
 * left: never a name prefix); and last a look at what is still there, so nothing billable is forgotten.
 * A stack that fails to delete is reported, not thrown: the look at what is left matters most then.
 */
export async function runDestroy(options: DestroyOptions): Promise<DestroyReport> {
  const started = performance.now();
  const log = options.log ?? ((line: string) => console.log(line));
  const root = options.root ?? process.cwd();
  const config = options.config ?? loadEnvironmentConfig(options.environment, path.join(root, 'config'));
  checkDestroyAllowed(config, options.confirm);
  const phases = parsePhases(options.phases);
  // An endpoint set in the environment (a local AWS) counts too: our S3 clients then need path-style URLs.
  const target = {
    region: options.target?.region ?? config.region,
    endpoint: options.target?.endpoint ?? (process.env.AWS_ENDPOINT_URL || undefined),
  };
  applyAwsTarget(target);
  const aws = { ...target, ...options.aws };
  const host = new ProgressIoHost(log, { verbose: options.verbose });
  const toolkit = new Toolkit({ ioHost: host, color: false, emojis: false });

  log(`Synthesizing the app for ${options.environment} ...`);
  const assembly = await toolkit.synth(await assemblySource(toolkit, options.source ?? repositoryApp(root)));
  const destroyedStacks: string[] = [];
  const unprotectedStacks: string[] = [];
  const scope = { project: config.project, environment: options.environment };
  // The phases whose data `delete-retained-data` may delete: those asked for and those that depend on them.
  const destroyedPhases = new Set<string>(phases === 'all' ? [] : phases);
  let recorded: DataResource[] = [];
  let failure: StackFailure | undefined;
  try {
    const all = await selectEnvironmentStacks(toolkit, assembly, options.environment, 'all');
    // Credentials of another account than config's "account" would delete another account's stacks.
    await checkCredentialsAccount(options.environment, all, aws, 'destroy');
    const chosen = phases === 'all' ? all : all.filter((s) => phases.includes(s.phase));
    const absent = phases === 'all' ? [] : phases.filter((p) => !all.some((s) => s.phase === p));
    if (absent.length > 0) {
      log(
        `${absent.join(', ')}: not in the app for ${options.environment}; if deployed before, the report lists it.`,
      );
    }
    if (chosen.length > 0) {
      const stacks = {
        strategy: StackSelectionStrategy.PATTERN_MUST_MATCH,
        patterns: chosen.map((s) => s.path),
        expand: ExpandStackSelection.DOWNSTREAM,
      };
      const going = await toolkit.list(assembly, { stacks });
      for (const stack of going) {
        const phase = phaseOfPath(options.environment, stack.id.split(' ')[0] ?? stack.id);
        if (phase) destroyedPhases.add(phase);
      }
      const goingNames = going.map((s) => s.name);
      const before = await awsStep(
        `Reading the resources of ${goingNames.join(', ')} before deleting them (nothing was deleted)`,
        () =>
          beforeDeleting(scope, goingNames, aws, {
            liftProtection: options.confirm === options.environment,
            log,
          }),
      );
      recorded = before.recorded;
      unprotectedStacks.push(...before.unprotected);
      log(`Destroying ${chosen.map((s) => s.path).join(', ')} and the stacks that depend on them ...`);
      try {
        const result = await toolkit.destroy(assembly, {
          stacks,
          concurrency: 1,
          stackEventPollingInterval: options.pollIntervalMs,
        });
        destroyedStacks.push(...result.stacks.filter((s) => s.stackExisted).map((s) => s.stackName));
      } catch (error) {
        destroyedStacks.push(...host.stacks.filter((s) => s.finished).map((s) => s.stackName));
        const failed = host.current;
        if (!failed) throw error;
        failure = await deleteFailure(failed.stackName, failed.startedAt, error, aws);
        log(describeFailure(failure));
      }
    }
  } finally {
    await assembly.dispose();
  }

  const stacksGone =
    destroyedStacks.length > 0 ? ` (the stacks are deleted: ${destroyedStacks.join(', ')})` : '';
  const deletedData =
    options.deleteRetainedData && !failure
      ? await awsStep(`Deleting the retained data of ${options.environment}${stacksGone}`, () =>
          deleteRetainedData(
            scope,
            { phases: phases === 'all' ? 'all' : destroyedPhases, recorded },
            aws,
            log,
          ),
        )
      : [];
  log('Looking for what is left ...');
  const remaining = await awsStep(`Listing what is left of ${options.environment}${stacksGone}`, () =>
    findLeftovers({ ...aws, project: config.project, environment: options.environment }),
  );
  return {
    environment: options.environment,
    destroyedStacks,
    failure,
    deletedData,
    unprotectedStacks,
    remaining,
    durationMs: performance.now() - started,
  };
}

/**
 * A teardown step's AWS calls failed after the SDK's retries (throttling, 5xx, timeouts, refused or
 * missing credentials): says which step, what is already done, what AWS answered and what to do. Printed
 * like an input error, without a stack trace: the message is the whole story.
 */
export class DestroyStepError extends DeployInputError {
  override readonly name = 'DestroyStepError';
}

async function awsStep<T>(what: string, step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    if (error instanceof DeployInputError) throw error;
    const failure = describeSdkError(error);
    throw new DestroyStepError(`${what}: ${failure.summary}. ${failure.advice}`, { cause: error });
  }
}

async function deleteFailure(
  stackName: string,
  since: Date,
  error: unknown,
  aws: AwsClientOptions,
): Promise<StackFailure> {
  const cfn = new CloudFormationClient(awsClientConfig(aws));
  try {
    const found = await findStackFailure(cfn, stackName, since).catch(() => undefined);
    if (found) return found;
  } finally {
    cfn.destroy();
  }
  return {
    stackName,
    logicalId: stackName,
    resourceType: 'AWS::CloudFormation::Stack',
    status: 'DELETE_FAILED',
    reason: error instanceof Error ? error.message : String(error),
  };
}

/**
 * What must happen while the stacks still exist: their buckets and log groups read from CloudFormation's
 * resource lists (a retained one is then known for certain after its stack is gone), and, for a teardown
 * confirmed by the environment's name, their termination protection lifted (prod's stacks have it, and
 * CloudFormation refuses to delete them otherwise). Only the stacks about to be destroyed are touched.
 */
async function beforeDeleting(
  scope: EnvironmentScope,
  stackNames: readonly string[],
  aws: AwsClientOptions,
  options: { readonly liftProtection: boolean; readonly log: ProgressLog },
): Promise<{ recorded: DataResource[]; unprotected: string[] }> {
  const cfn = new CloudFormationClient(awsClientConfig(aws));
  try {
    const live = new Set((await liveEnvironmentStacks(cfn, scope)).map((s) => s.name));
    const existing = stackNames.filter((name) => live.has(name));
    const recorded = await stackDataResources(cfn, existing);
    const unprotected: string[] = [];
    if (options.liftProtection) {
      for (const stackName of existing) {
        await cfn.send(
          new UpdateTerminationProtectionCommand({
            StackName: stackName,
            EnableTerminationProtection: false,
          }),
        );
        options.log(`Lifted the termination protection of ${stackName} (confirmed by name).`);
        unprotected.push(stackName);
      }
    }
    return { recorded, unprotected };
  } finally {
    cfn.destroy();
  }
}

/**
 * Empties and deletes what the destroyed stacks retained: the buckets and log groups their resource lists
 * named, and those tagged with the environment and one of the destroyed phases (all phases for a whole
 * teardown) that no live stack holds. A bucket made by hand, or one of a phase still deployed, stays.
 */
async function deleteRetainedData(
  scope: EnvironmentScope,
  destroyed: { readonly phases: 'all' | ReadonlySet<string>; readonly recorded: readonly DataResource[] },
  aws: AwsClientOptions,
  log: ProgressLog,
): Promise<string[]> {
  const config = awsClientConfig(aws);
  const s3 = new S3Client({ ...config, forcePathStyle: aws.endpoint !== undefined });
  const logs = new CloudWatchLogsClient(config);
  const cfn = new CloudFormationClient(config);
  const deleted: string[] = [];
  try {
    const data = await retainedData({ cfn, s3, logs }, scope);
    const recordedKeys = new Set(destroyed.recorded.map(key));
    const tagged = data.filter(
      (r) => destroyed.phases === 'all' || destroyed.phases.has(r.phase ?? '') || recordedKeys.has(key(r)),
    );
    const taggedKeys = new Set(tagged.map(key));
    // A recorded resource without tags; CloudFormation may have deleted it with its stack (not retained).
    const untagged = destroyed.recorded.filter((r) => !taggedKeys.has(key(r)));
    for (const resource of [...tagged, ...untagged]) {
      try {
        if (resource.kind === 'bucket') {
          const versions = await deleteBucketAndData(s3, resource.name);
          log(`Deleted bucket ${resource.name} and its ${versions} object version(s).`);
        } else {
          await logs.send(new DeleteLogGroupCommand({ logGroupName: resource.name }));
          log(`Deleted log group ${resource.name}.`);
        }
        deleted.push(resource.name);
      } catch (error) {
        if (!isGone(error) || taggedKeys.has(key(resource))) throw error;
      }
    }
  } finally {
    s3.destroy();
    logs.destroy();
    cfn.destroy();
  }
  return deleted;
}

const isGone = (error: unknown): boolean =>
  ['NoSuchBucket', 'ResourceNotFoundException'].includes((error as Error).name);
