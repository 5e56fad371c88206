import {
  type ICloudAssemblySource,
  type StackDetails,
  StackSelectionStrategy,
  type Toolkit,
} from '@aws-cdk/toolkit-lib';
import type { PhaseName } from '../config/phases.ts';
import { DeployInputError } from './deploy-errors.ts';
import { phaseOfPath, stackPath } from './phase-selection.ts';

/** One stack of the environment in the cloud assembly. */
export interface EnvironmentStack {
  readonly phase: PhaseName;
  /** `dev/foundation`. */
  readonly path: string;
  readonly stackName: string;
  /** Its region in the assembly; undefined for a region-agnostic stack. */
  readonly region?: string;
  /** Its account in the assembly (config `account`); undefined for an account-agnostic stack. */
  readonly account?: string;
}

/**
 * The environment's stacks that `phases` asks for, in deployment order. A phase that the environment's
 * config switches off has no stack: asking for it explicitly is an error that says where to switch it on.
 */
export async function selectEnvironmentStacks(
  toolkit: Toolkit,
  assembly: ICloudAssemblySource,
  environment: string,
  phases: 'all' | readonly PhaseName[],
): Promise<EnvironmentStack[]> {
  const details = await toolkit.list(assembly, {
    stacks: {
      strategy: StackSelectionStrategy.PATTERN_MATCH,
      patterns: [`${environment}/*`],
      failOnEmpty: false,
    },
  });
  const stacks = details.flatMap((d) => toEnvironmentStack(environment, d));
  if (stacks.length === 0) {
    throw new DeployInputError(
      `The app has no stacks for environment "${environment}": is there a config/${environment}.json? ` +
        `Stacks in the app: ${details.map((d) => d.id).join(', ') || 'none'}.`,
    );
  }
  if (phases === 'all') return stacks;
  const missing = phases.filter((phase) => !stacks.some((s) => s.phase === phase));
  if (missing.length > 0) {
    throw new DeployInputError(
      `Environment "${environment}" has no ${missing.join(', ')} stack: config/${environment}.json switches ` +
        `${missing.length > 1 ? 'these phases' : 'this phase'} off (${missing.map((p) => `"phases.${p}": false`).join(', ')}). ` +
        `Its phases: ${stacks.map((s) => s.phase).join(', ')}.`,
    );
  }
  return stacks.filter((s) => phases.includes(s.phase));
}

function toEnvironmentStack(environment: string, details: StackDetails): EnvironmentStack[] {
  // The toolkit shows `dev/foundation (launchpad-dev-foundation)` when the path and the name differ.
  const path = details.id.split(' ')[0] ?? details.id;
  const phase = phaseOfPath(environment, path);
  if (!phase) return [];
  const { region, account } = details.environment;
  return [
    {
      phase,
      path: stackPath(environment, phase),
      stackName: details.name,
      region: region && !region.startsWith('unknown-') ? region : undefined,
      account: account && !account.startsWith('unknown-') ? account : undefined,
    },
  ];
}
