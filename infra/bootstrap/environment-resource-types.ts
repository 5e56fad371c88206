import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { CloudAssembly } from 'aws-cdk-lib/cx-api';
import type { EnvironmentConfig } from '../../lib/config/environment-config.ts';
import { buildApp } from '../launchpad-app.ts';

/** Resource types by environment: what each environment's CloudFormation execution policy must cover. */
export type ResourceTypesByEnvironment = Readonly<Record<string, readonly string[]>>;

/** The CloudFormation resource types of each environment's stacks in a cloud assembly of the main app. */
export function resourceTypesOf(assembly: CloudAssembly): ResourceTypesByEnvironment {
  const types: Record<string, Set<string>> = {};
  for (const stack of assembly.stacksRecursively) {
    const environment = stack.hierarchicalId.split('/')[0] ?? '';
    const resources = Object.values(stack.template.Resources as Record<string, { Type: string }>);
    types[environment] ??= new Set();
    for (const { Type } of resources) types[environment].add(Type);
  }
  return Object.fromEntries(Object.entries(types).map(([env, set]) => [env, [...set].sort()]));
}

/**
 * Synthesizes the main app for these environments, offline, into a temporary directory it removes, and
 * returns their resource types: the bootstrap grants what the environment's stacks contain today.
 */
export function synthesizeResourceTypes(configs: readonly EnvironmentConfig[]): ResourceTypesByEnvironment {
  const outdir = mkdtempSync(path.join(tmpdir(), 'launchpad-resource-types-'));
  try {
    const { app } = buildApp({
      configs,
      outdir,
      context: { '@aws-cdk/core:failSynthOnValidationErrors': false },
    });
    return resourceTypesOf(app.synth());
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}
