import { Template } from 'aws-cdk-lib/assertions';
import { CloudAssembly, type CloudFormationStackArtifact } from 'aws-cdk-lib/cx-api';
import { inject } from 'vitest';

export interface SynthesizedStack {
  readonly environment: string;
  readonly phase: string;
  /** e.g. `dev/foundation` */
  readonly path: string;
  readonly templateFile: string;
  readonly template: CloudFormationTemplate;
  readonly assertions: Template;
  readonly artifact: CloudFormationStackArtifact;
}

export interface CloudFormationTemplate {
  Resources: Record<string, CloudFormationResource>;
  Outputs?: Record<string, { Value: unknown; Description?: string }>;
}

export interface CloudFormationResource {
  Type: string;
  Properties?: Record<string, unknown>;
  DeletionPolicy?: string;
  UpdateReplacePolicy?: string;
}

export const assemblyDir = (): string => inject('assemblyDir');

/** Every stack of the cloud assembly the global setup synthesized (or of another in `dir`). */
export function synthesizedStacks(dir = assemblyDir()): SynthesizedStack[] {
  const assembly = new CloudAssembly(dir);
  return assembly.stacksRecursively.map((artifact) => {
    const [environment = '', phase = ''] = artifact.hierarchicalId.split('/');
    return {
      environment,
      phase,
      path: artifact.hierarchicalId,
      templateFile: artifact.templateFullPath,
      template: artifact.template,
      assertions: Template.fromJSON(artifact.template),
      artifact,
    };
  });
}

export function stackOf(environment: string, phase: string, dir = assemblyDir()): SynthesizedStack {
  const stack = synthesizedStacks(dir).find((s) => s.environment === environment && s.phase === phase);
  if (!stack) throw new Error(`No stack ${environment}/${phase} in the test assembly ${dir}`);
  return stack;
}

/** Resources of one type, by logical id. */
export function resourcesOfType(stack: SynthesizedStack, type: string): [string, CloudFormationResource][] {
  return Object.entries(stack.template.Resources).filter(([, r]) => r.Type === type);
}
