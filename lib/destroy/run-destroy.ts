import path from 'node:path';
import { ExpandStackSelection, StackSelectionStrategy, Toolkit } from '@aws-cdk/toolkit-lib';
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { CloudWatchLogsClient, DeleteLogGroupCommand } from '@aws-sdk/client-cloudwatch-logs';
import { S3Client } from '@aws-sdk/client-s3';
import { awsClientConfig } from '../aws/client-config.ts';
import { loadEnvironmentConfig } from '../config/load-config.ts';
import { assemblySource, repositoryApp } from '../deploy/assembly-source.ts';
import { type AwsTarget, applyAwsTarget } from '../deploy/aws-target.ts';
import { describeFailure, type StackFailure } from '../deploy/deploy-errors.ts';
import { parsePhases } from '../deploy/phase-selection.ts';
import { selectEnvironmentStacks } from '../deploy/select-stacks.ts';
import { findStackFailure } from '../deploy/stack-failure.ts';
import { ProgressIoHost, type ProgressLog } from '../deploy/toolkit-io-host.ts';
import type { ToolkitRunOptions } from '../deploy/toolkit-run-options.ts';
import { deleteBucketAndData } from './empty-bucket.ts';
import {
  findLeftovers,
  listEnvironmentBuckets,
  listEnvironmentLogGroups,
  type Remaining,
} from './leftovers.ts';
import { checkDestroyAllowed, type ProtectionConfig } from './protection.ts';

export interface DestroyOptions extends ToolkitRunOptions {
  readonly environment: string;
  /** `all` (default) or a comma-separated list; the phases that depend on them go too. */
  readonly phases?: string;
  /** The environment's name, required for prod and for environments that retain their data. */
  readonly confirm?: string;
  /** Also empty and delete the buckets and log groups CloudFormation retained: their data is lost. */
  readonly deleteRetainedData?: boolean;
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
  /** What is still there and may cost money. */
  readonly remaining: Remaining[];
  readonly durationMs: number;
}

/**
 * Tears one environment down: the guard first (nothing happens to a protected environment without its
 * name as confirmation), then the toolkit's destroy of the chosen stacks and the stacks that depend on
 * them, in reverse dependency order; then, on request, the retained buckets and log groups; and last a
 * look at what is still there, so nothing billable is forgotten. A stack that fails to delete is reported,
 * not thrown: the look at what is left matters most then.
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
  const host = new ProgressIoHost(log, { verbose: options.verbose });
  const toolkit = new Toolkit({ ioHost: host, color: false, emojis: false });

  log(`Synthesizing the app for ${options.environment} ...`);
  const assembly = await toolkit.synth(await assemblySource(toolkit, options.source ?? repositoryApp(root)));
  const destroyedStacks: string[] = [];
  let failure: StackFailure | undefined;
  try {
    const all = await selectEnvironmentStacks(toolkit, assembly, options.environment, 'all');
    const chosen = phases === 'all' ? all : all.filter((s) => phases.includes(s.phase));
    const absent = phases === 'all' ? [] : phases.filter((p) => !all.some((s) => s.phase === p));
    if (absent.length > 0) {
      log(
        `${absent.join(', ')}: not in the app for ${options.environment}; if deployed before, the report lists it.`,
      );
    }
    if (chosen.length > 0) {
      log(`Destroying ${chosen.map((s) => s.path).join(', ')} and the stacks that depend on them ...`);
      try {
        const result = await toolkit.destroy(assembly, {
          stacks: {
            strategy: StackSelectionStrategy.PATTERN_MUST_MATCH,
            patterns: chosen.map((s) => s.path),
            expand: ExpandStackSelection.DOWNSTREAM,
          },
          concurrency: 1,
          stackEventPollingInterval: options.pollIntervalMs,
        });
        destroyedStacks.push(...result.stacks.filter((s) => s.stackExisted).map((s) => s.stackName));
      } catch (error) {
        destroyedStacks.push(...host.stacks.filter((s) => s.finished).map((s) => s.stackName));
        const failed = host.current;
        if (!failed) throw error;
        failure = await deleteFailure(failed.stackName, failed.startedAt, error, target);
        log(describeFailure(failure));
      }
    }
  } finally {
    await assembly.dispose();
  }

  const deletedData =
    options.deleteRetainedData && !failure
      ? await deleteRetainedData(config.project, options.environment, target, log)
      : [];
  log('Looking for what is left ...');
  const remaining = await findLeftovers({
    project: config.project,
    environment: options.environment,
    region: target.region,
    endpoint: target.endpoint,
  });
  return {
    environment: options.environment,
    destroyedStacks,
    failure,
    deletedData,
    remaining,
    durationMs: performance.now() - started,
  };
}

async function deleteFailure(
  stackName: string,
  since: Date,
  error: unknown,
  target: AwsTarget,
): Promise<StackFailure> {
  const cfn = new CloudFormationClient(awsClientConfig(target));
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

/** Empties and deletes the environment's buckets and log groups: what a retain policy left behind. */
async function deleteRetainedData(
  project: string,
  environment: string,
  target: AwsTarget,
  log: ProgressLog,
): Promise<string[]> {
  const prefix = `${project}-${environment}`;
  const config = awsClientConfig(target);
  const s3 = new S3Client({ ...config, forcePathStyle: target.endpoint !== undefined });
  const logs = new CloudWatchLogsClient(config);
  const deleted: string[] = [];
  try {
    for (const bucket of await listEnvironmentBuckets(s3, prefix)) {
      const versions = await deleteBucketAndData(s3, bucket);
      log(`Deleted bucket ${bucket} and its ${versions} object version(s).`);
      deleted.push(bucket);
    }
    for (const group of await listEnvironmentLogGroups(logs, prefix)) {
      await logs.send(new DeleteLogGroupCommand({ logGroupName: group.name }));
      log(`Deleted log group ${group.name}.`);
      deleted.push(group.name);
    }
  } finally {
    s3.destroy();
    logs.destroy();
  }
  return deleted;
}
