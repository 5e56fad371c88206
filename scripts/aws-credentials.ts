import { STSClient } from '@aws-sdk/client-sts';
import { DeployInputError } from '../lib/deploy/deploy-errors.ts';

/**
 * Resolves AWS credentials the way every client of the command will (environment, profile, SSO, container,
 * instance) before the command's first call, so a machine without any gets one line and a fix instead of a
 * half-done run followed by an SDK stack trace. Makes no request.
 */
export async function requireCredentials(command: string, region: string): Promise<void> {
  const client = new STSClient({ region });
  try {
    await client.config.credentials();
  } catch (error) {
    const reason = ((error as Error).message ?? String(error)).split('\n')[0];
    throw new DeployInputError(
      `${command} needs AWS credentials and found none (${reason}). Sign in first (aws sso login --profile <name> and AWS_PROFILE=<name>, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY), then run it again. Nothing was changed.`,
    );
  } finally {
    client.destroy();
  }
}
