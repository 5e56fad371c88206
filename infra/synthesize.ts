import path from 'node:path';
import type { CloudFormationStackArtifact } from 'aws-cdk-lib/cx-api';
import { loadAllConfigs, loadEnvironmentConfig } from '../lib/config/load-config.ts';
import { buildApp } from './launchpad-app.ts';
import { type Finding, isError, readFindings } from './nag/validation-findings.ts';

export interface SynthesizeOptions {
  /** Environments to synthesize. @default - every config/<environment>.json */
  readonly environments?: readonly string[];
  /** Cloud assembly directory. @default - the CDK CLI's (CDK_OUTDIR), else cdk.out */
  readonly outdir?: string;
}

export interface StackSummary {
  /** `dev/foundation` — what `cdk deploy` accepts. */
  readonly path: string;
  /** The CloudFormation stack name, e.g. launchpad-dev-foundation. */
  readonly stackName: string;
  /** How many resources its template has. */
  readonly resources: number;
  /** Its unacknowledged errors: any fails `npm run synth`. */
  readonly errors: Finding[];
  /** Its unacknowledged warnings. */
  readonly warnings: Finding[];
}

export interface SynthesisResult {
  /** Absolute path of the cloud assembly. */
  readonly assemblyDir: string;
  /** One summary per stack, in the order of the environments. */
  readonly stacks: StackSummary[];
  /** Every unacknowledged finding. */
  readonly findings: Finding[];
}

/**
 * Synthesizes the app with no AWS credentials and no network, and sorts the validation findings by stack.
 * Synth itself never throws on findings: the caller decides, so all of them can be shown at once.
 */
export function synthesize(options: SynthesizeOptions = {}): SynthesisResult {
  process.env.AWS_EC2_METADATA_DISABLED ??= 'true';
  const configs = options.environments
    ? options.environments.map((environment) => loadEnvironmentConfig(environment))
    : loadAllConfigs();
  const { app } = buildApp({
    outdir: options.outdir,
    configs,
    context: { '@aws-cdk/core:failSynthOnValidationErrors': false },
  });
  const assembly = app.synth();
  const findings = readFindings(assembly.directory);
  const order = configs.map((c) => c.environment);
  const stacks = assembly.stacksRecursively
    .map((stack) => summarize(stack, findings))
    .sort((a, b) => order.indexOf(environmentOf(a)) - order.indexOf(environmentOf(b)));
  return { assemblyDir: path.resolve(assembly.directory), stacks, findings };
}

function summarize(stack: CloudFormationStackArtifact, findings: Finding[]): StackSummary {
  const own = findings.filter((f) => f.constructPath.startsWith(`${stack.hierarchicalId}/`));
  return {
    path: stack.hierarchicalId,
    stackName: stack.stackName,
    resources: Object.keys(stack.template.Resources ?? {}).length,
    errors: own.filter(isError),
    warnings: own.filter((f) => !isError(f)),
  };
}

const environmentOf = (stack: StackSummary): string => stack.path.split('/')[0] ?? '';
