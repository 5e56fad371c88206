import { PHASE_NAMES, type PhaseName } from '../config/phases.ts';
import { DeployInputError } from './deploy-errors.ts';

/**
 * Reads a `phases` input: `all`, or a comma-separated list of phase names from the catalog
 * (foundation, ingestion, …). Returns `'all'` or the named phases in deployment order, without repeats.
 */
export function parsePhases(input: string | undefined): 'all' | PhaseName[] {
  const text = (input ?? '').trim();
  if (text === '' || text.toLowerCase() === 'all') return 'all';
  const names = text
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter((name) => name !== '');
  const unknown = names.filter((name) => !(PHASE_NAMES as readonly string[]).includes(name));
  if (unknown.length > 0) {
    throw new DeployInputError(
      `Unknown phase${unknown.length > 1 ? 's' : ''} ${unknown.map((n) => `"${n}"`).join(', ')} in phases "${text}". ` +
        `Use "all" or a comma-separated list of: ${PHASE_NAMES.join(', ')}.`,
    );
  }
  if (names.length === 0)
    throw new DeployInputError(`phases "${text}" names no phase: use "all" or e.g. "foundation".`);
  return PHASE_NAMES.filter((phase) => names.includes(phase));
}

/** `dev/foundation`: the stack's path in the app, which the toolkit selects stacks by. */
export const stackPath = (environment: string, phase: string): string => `${environment}/${phase}`;

/** The phase of a stack path (`dev/foundation` → `foundation`), or undefined for a stack of another environment. */
export function phaseOfPath(environment: string, path: string): PhaseName | undefined {
  const [env, phase] = path.split('/');
  return env === environment && (PHASE_NAMES as readonly string[]).includes(phase ?? '')
    ? (phase as PhaseName)
    : undefined;
}
