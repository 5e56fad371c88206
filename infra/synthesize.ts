import { rmSync } from 'node:fs';
import path from 'node:path';
import type { CloudAssembly, CloudFormationStackArtifact } from 'aws-cdk-lib/cx-api';
import { loadAllConfigs, loadEnvironmentConfig } from '../lib/config/load-config.ts';
import { buildApp } from './launchpad-app.ts';
import { type Finding, isError, readFindings } from './nag/validation-findings.ts';

export interface SynthesizeOptions {
  /** Environments to synthesize. @default - every config/<environment>.json */
  readonly environments?: readonly string[];
  /** Cloud assembly directory. @default - the CDK CLI's (CDK_OUTDIR), else cdk.out */
  readonly outdir?: string;
}

export interface StackTemplate {
  /** `dev/foundation` — what `cdk deploy` accepts. */
  readonly path: string;
  /** The CloudFormation stack name, e.g. launchpad-dev-foundation. */
  readonly stackName: string;
  /** How many resources its template has. */
  readonly resources: number;
}

export interface StackSummary extends StackTemplate {
  /** Its unacknowledged errors: any fails `npm run synth`. */
  readonly errors: Finding[];
  /** Its unacknowledged warnings. */
  readonly warnings: Finding[];
}

export interface TemplatesResult {
  /** Absolute path of the cloud assembly. */
  readonly assemblyDir: string;
  /** One entry per stack, in the order of the environments. */
  readonly stacks: StackTemplate[];
}

export interface SynthesisResult extends TemplatesResult {
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
  const { assembly, order } = synthesizeApp(options, true);
  const findings = readFindings(assembly.directory);
  const stacks = inOrder(
    assembly.stacksRecursively.map((stack) => summarize(stack, findings)),
    order,
  );
  return { assemblyDir: path.resolve(assembly.directory), stacks, findings };
}

/**
 * The same templates as `synthesize` writes, without cdk-nag's checks and CDK's CloudFormation validation:
 * for commands that only read the templates (docs, cost, review). The checks take about half of a
 * synthesis and change no template; `npm run synth`, the tests and the deploy workflow run them.
 */
export function synthesizeTemplates(options: SynthesizeOptions = {}): TemplatesResult {
  const { assembly, order } = synthesizeApp(options, false);
  // A report left by an earlier validated synthesis would describe templates this one replaced.
  rmSync(path.join(assembly.directory, 'validation-report.json'), { force: true });
  const stacks = inOrder(assembly.stacksRecursively.map(templateOf), order);
  return { assemblyDir: path.resolve(assembly.directory), stacks };
}

function synthesizeApp(
  options: SynthesizeOptions,
  validate: boolean,
): { assembly: CloudAssembly; order: string[] } {
  process.env.AWS_EC2_METADATA_DISABLED ??= 'true';
  const configs = options.environments
    ? options.environments.map((environment) => loadEnvironmentConfig(environment))
    : loadAllConfigs();
  const { app } = buildApp({
    outdir: options.outdir,
    configs,
    context: { '@aws-cdk/core:failSynthOnValidationErrors': false },
    validate,
  });
  return { assembly: app.synth(), order: configs.map((c) => c.environment) };
}

const templateOf = (stack: CloudFormationStackArtifact): StackTemplate => ({
  path: stack.hierarchicalId,
  stackName: stack.stackName,
  resources: Object.keys(stack.template.Resources ?? {}).length,
});

function summarize(stack: CloudFormationStackArtifact, findings: Finding[]): StackSummary {
  const own = findings.filter((f) => f.constructPath.startsWith(`${stack.hierarchicalId}/`));
  return { ...templateOf(stack), errors: own.filter(isError), warnings: own.filter((f) => !isError(f)) };
}

/** The stacks in the order of the environments (the assembly lists them by stage name). */
const inOrder = <T extends StackTemplate>(stacks: T[], order: string[]): T[] =>
  stacks.sort((a, b) => order.indexOf(environmentOf(a)) - order.indexOf(environmentOf(b)));

const environmentOf = (stack: StackTemplate): string => stack.path.split('/')[0] ?? '';
