/** What the guard needs from an environment's config. */
export interface ProtectionConfig {
  readonly environment: string;
  readonly removalPolicy: 'destroy' | 'retain';
}

import { DeployInputError } from '../deploy/deploy-errors.ts';

/** A teardown the guard refused: nothing was touched. Its message says how to confirm. */
export class DestroyRefusedError extends DeployInputError {
  override readonly name = 'DestroyRefusedError';
}

/** prod, and any environment that retains its data (stage by default), needs its name typed to confirm. */
export const isProtected = (config: ProtectionConfig): boolean =>
  config.environment === 'prod' || config.removalPolicy === 'retain';

/**
 * Refuses a teardown unless it is plainly meant. A protected environment needs `confirm` equal to its name,
 * exactly: "Prod", "prd" or "yes" do not count, so a typo can only refuse, never destroy. A confirm that
 * names another environment is refused everywhere, since the request is then confused about its target.
 */
export function checkDestroyAllowed(config: ProtectionConfig, confirm: string | undefined): void {
  const env = config.environment;
  const given = confirm ?? '';
  if (given !== '' && given !== env) {
    throw new DestroyRefusedError(
      `Refusing to destroy ${env}: the confirmation "${given}" is not the environment's name "${env}". Nothing was changed.`,
    );
  }
  if (isProtected(config) && given !== env) {
    const why =
      env === 'prod' ? 'it is prod' : `config/${env}.json retains its data (removalPolicy "retain")`;
    throw new DestroyRefusedError(
      `Refusing to destroy ${env}: ${why}. Confirm by giving the environment's name: confirm: ${env} ` +
        `(npm run destroy -- --env ${env} --confirm ${env}). Nothing was changed.`,
    );
  }
}
