import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
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
  if (/[/\\.]/.test(environment)) {
    const name = path.basename(environment).replace(/\.json$/, '');
    throw new InputError(
      `${source} ${JSON.stringify(environment)}: a path, not an environment's name; pass the environment's name, e.g. --env ${environments.includes(name) ? name : environments[0]}. Nothing was written.`,
    );
  }
  const close = closeMatches(environment, environments, 2);
  const fix = close.length > 0 ? `did you mean ${close[0]}? Pass` : 'pass';
  throw new InputError(
    `${source} ${JSON.stringify(environment)}: there is no config/${environment}.json (environments: ${environments.join(', ') || 'none'}); ${fix} one of those, or copy config/dev.json to config/${environment}.json to add it. Nothing was written.`,
  );
}

/** Checks that a flag naming an output folder does not name a file, which writing into would fail on (or replace). */
export function checkOutputFolder(flag: string, dir: string, example: string): void {
  if (dir.trim() === '') {
    throw new InputError(`${flag} is empty; pass a folder, e.g. ${flag} ${example}.`);
  }
  if (existsSync(dir) && !statSync(dir).isDirectory()) {
    throw new InputError(
      `${flag} ${dir}: a file, not a folder; pass a folder to write into, e.g. ${flag} ${example}. Nothing was written.`,
    );
  }
}
