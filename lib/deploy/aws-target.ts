import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { awsClientConfig } from '../aws/client-config.ts';
import { DeployInputError } from './deploy-errors.ts';

/** Where the AWS calls go: a region, and another endpoint for a local AWS (moto, LocalStack) when testing. */
export interface AwsTarget {
  readonly region?: string;
  readonly endpoint?: string;
}

/**
 * The toolkit builds its SDK clients itself, from the environment like the CDK CLI: the region and the
 * endpoint (AWS_ENDPOINT_URL, which every SDK v3 client honours) are handed over there.
 */
export function applyAwsTarget(target: AwsTarget, env: NodeJS.ProcessEnv = process.env): void {
  env.AWS_EC2_METADATA_DISABLED ??= 'true';
  if (target.region) {
    env.AWS_REGION = target.region;
    env.AWS_DEFAULT_REGION = target.region;
  }
  if (target.endpoint) env.AWS_ENDPOINT_URL = target.endpoint;
}

/** A stack to deploy and the account its environment names (config `account`), if any. */
export interface AccountBoundStack {
  readonly stackName: string;
  /** Undefined for an environment-agnostic stack (no `account` in config). */
  readonly account?: string;
}

/**
 * CDK's `allowed-account-ids` for this engine: with an `account` in the environment's config, deploying
 * (or destroying) with credentials of another account stops before anything changes in AWS, naming both
 * accounts and the fix. With no `account`, the stacks go wherever the credentials belong (one account for all).
 */
export async function checkCredentialsAccount(
  environment: string,
  stacks: readonly AccountBoundStack[],
  target: AwsTarget,
  action: 'deploy' | 'destroy' = 'deploy',
): Promise<void> {
  const [doing, done] = action === 'deploy' ? ['Deploying', 'deployed'] : ['Destroying', 'deleted'];
  const wanted = [...new Set(stacks.flatMap((s) => (s.account ? [s.account] : [])))];
  if (wanted.length === 0) return;
  const sts = new STSClient(awsClientConfig({ region: target.region, endpoint: target.endpoint }));
  let caller: { Account?: string; Arn?: string };
  try {
    caller = await sts.send(new GetCallerIdentityCommand({}));
  } catch (error) {
    throw new DeployInputError(
      `${doing} ${environment} needs AWS credentials for account ${wanted.join(', ')} (config/${environment}.json "account"): ` +
        `aws sso login, AWS_PROFILE, or the GitHub Environment's AWS_ROLE_ARN. (${(error as Error).message})`,
    );
  } finally {
    sts.destroy();
  }
  if (!caller.Account || !wanted.includes(caller.Account)) {
    throw new DeployInputError(
      `config/${environment}.json deploys ${environment} to account ${wanted.join(', ')} ("account"), but the credentials are for account ${caller.Account} (${caller.Arn}): nothing was ${done}. ` +
        `Use credentials of ${wanted.join(', ')} (in GitHub, the AWS_ROLE_ARN of the ${environment} Environment), or correct "account".`,
    );
  }
}
