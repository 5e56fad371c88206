import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { BootstrapError } from '../../infra/bootstrap/bootstrap-error.ts';
import type { BootstrapNames } from '../../infra/bootstrap/bootstrap-names.ts';
import { awsClientConfig } from '../../lib/aws/client-config.ts';
import { describeSdkError } from '../../lib/aws/sdk-error.ts';

export interface Caller {
  readonly account: string;
  readonly partition: string;
  /** Who the credentials belong to, to show before changing anything. */
  readonly arn: string;
}

/** The account and identity of the credentials; an error saying how to get credentials when there are none. */
export async function whoAmI(region: string): Promise<Caller> {
  const sts = new STSClient(awsClientConfig({ region, maxAttempts: 3 }));
  try {
    const identity = await sts.send(new GetCallerIdentityCommand({}));
    const arn = identity.Arn ?? '';
    return { account: identity.Account ?? '', partition: arn.split(':')[1] || 'aws', arn };
  } catch (error) {
    // Throttling, 5xx and timeouts that outlast the retries are AWS's trouble, not missing credentials.
    const failure = describeSdkError(error);
    if (failure.kind === 'throttled' || failure.kind === 'server') {
      throw new BootstrapError(
        `Asking STS who these credentials are failed: ${failure.summary}. ${failure.advice}`,
      );
    }
    throw new BootstrapError(
      'npm run bootstrap deploys IAM resources and needs administrator credentials for the account, once: ' +
        'aws sso login, AWS_PROFILE, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY. ' +
        'To see what it would deploy without credentials: --dry-run.\n' +
        `(${error instanceof Error ? error.message : String(error)})`,
    );
  } finally {
    sts.destroy();
  }
}

export type CdkBootstrapState =
  | { readonly status: 'ready'; readonly version?: number }
  | { readonly status: 'missing' }
  | { readonly status: 'unusable'; readonly stackStatus: string };

/** Whether the environment's own `cdk bootstrap` has run in its region: its toolkit stack and version. */
export async function cdkBootstrapState(
  region: string,
  toolkitStackName: string,
): Promise<CdkBootstrapState> {
  const cloudFormation = new CloudFormationClient(awsClientConfig({ region, maxAttempts: 3 }));
  try {
    const { Stacks } = await cloudFormation.send(new DescribeStacksCommand({ StackName: toolkitStackName }));
    const stack = Stacks?.[0];
    const status = stack?.StackStatus ?? 'UNKNOWN';
    if (
      !stack ||
      status === 'REVIEW_IN_PROGRESS' ||
      status.startsWith('DELETE_') ||
      status.includes('FAILED')
    ) {
      return { status: 'unusable', stackStatus: status };
    }
    const version = stack.Outputs?.find((o) => o.OutputKey === 'BootstrapVersion')?.OutputValue;
    return { status: 'ready', ...(version && { version: Number(version) }) };
  } catch (error) {
    if (error instanceof Error && /does not exist/.test(error.message)) return { status: 'missing' };
    throw error;
  } finally {
    cloudFormation.destroy();
  }
}

/** Why the environment's CDK bootstrap matters, and how to make it. */
export function explainCdkBootstrap(
  names: BootstrapNames,
  account: string,
  region: string,
  state: CdkBootstrapState,
): string {
  const stack = names.cdkToolkitStackName;
  const found =
    state.status === 'missing'
      ? `CDK is not bootstrapped for ${names.environment} in aws://${account}/${region} (no stack ${stack})`
      : `The CDK bootstrap stack ${stack} in aws://${account}/${region} is ${state.status === 'unusable' ? state.stackStatus : 'ready'}`;
  return [
    `${found}. Every deploy of ${names.environment} goes through the roles and the asset bucket of its own`,
    `\`cdk bootstrap\` (qualifier ${names.qualifier}), whose CloudFormation role gets the policy this command`,
    'deploys first. Add --cdk-bootstrap to this command to do both, with these administrator credentials:',
    `  npm run bootstrap -- --env ${names.environment} --cdk-bootstrap`,
  ].join('\n');
}
