import { closeMatches } from './close-matches.ts';
import { listEnvironments } from './load-config.ts';

/**
 * A mistake in what a person gave a command (a flag's value, a file it names): the message is one line
 * saying which flag or file, what is wrong and the fix, so a command prints it without a stack trace.
 */
export class InputError extends Error {
  override name = 'InputError';
}

/**
 * Checks that `environment` has a config file before anything is synthesized or written: a mistyped name
 * would otherwise draw an empty environment over the committed diagrams. `source` names where the value
 * came from (`--env`, an action input, config/diagram.json's "environment").
 */
export function checkEnvironmentExists(
  environment: string,
  source: string,
  environments: readonly string[] = listEnvironments(),
): void {
  if (environments.includes(environment)) return;
  const close = closeMatches(environment, environments, 2);
  const fix = close.length > 0 ? `did you mean ${close[0]}? Pass` : 'pass';
  throw new InputError(
    `${source} ${JSON.stringify(environment)}: there is no config/${environment}.json (environments: ${environments.join(', ') || 'none'}); ${fix} one of those, or copy config/dev.json to config/${environment}.json to add it. Nothing was written.`,
  );
}
