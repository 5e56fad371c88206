import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { BootstrapError } from '../../infra/bootstrap/bootstrap-error.ts';
import { CDK_TOOLKIT_STACK } from '../../infra/bootstrap/bootstrap-names.ts';
import { awsClientConfig } from '../../lib/aws/client-config.ts';

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

/** Whether `cdk bootstrap` has run in this account and region: the CDKToolkit stack and its version. */
export async function cdkBootstrapState(region: string): Promise<CdkBootstrapState> {
  const cloudFormation = new CloudFormationClient(awsClientConfig({ region, maxAttempts: 3 }));
  try {
    const { Stacks } = await cloudFormation.send(new DescribeStacksCommand({ StackName: CDK_TOOLKIT_STACK }));
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

/** Why the CDK bootstrap matters, and the command that does it. */
export function explainCdkBootstrap(account: string, region: string, state: CdkBootstrapState): string {
  const found =
    state.status === 'missing'
      ? `CDK is not bootstrapped in aws://${account}/${region}`
      : `The CDK bootstrap stack ${CDK_TOOLKIT_STACK} in aws://${account}/${region} is ${state.status === 'unusable' ? state.stackStatus : 'ready'}`;
  return [
    `${found}. Every deploy from GitHub goes through the roles and the asset bucket that \`cdk bootstrap\` creates,`,
    'once per account and region. Run it with these administrator credentials:',
    `  npx cdk bootstrap aws://${account}/${region}`,
    'or add --cdk-bootstrap to this command to run it first.',
  ].join('\n');
}
