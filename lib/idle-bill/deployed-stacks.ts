/**
 * What an environment has deployed, as CloudFormation knows it: its stacks (`<project>-<env>-*`, the names
 * the CDK app gives them), each with when it was created and last updated. A stack that failed to create or
 * is being deleted still counts: it may hold resources that bill.
 *
 * ListStacks rather than DescribeStacks: its summaries carry the same times and status, and the deploy role
 * may call it on every stack, while it may describe only its environment's stacks by name (a DescribeStacks
 * of all stacks would be refused).
 */
import { CloudFormationClient, ListStacksCommand } from '@aws-sdk/client-cloudformation';
import { type AwsClientOptions, awsClientConfig } from '../aws/client-config.ts';
import { describeSdkError } from '../aws/sdk-error.ts';

export interface DeployedStack {
  readonly name: string;
  readonly status: string;
  readonly createdAt: Date;
  /** The last change (a deploy or a rollback); the creation when it was never updated. */
  readonly lastChangedAt: Date;
}

/** CloudFormation could not be read even after the SDK's retries: the message says why and what to do. */
export class StackListError extends Error {
  override name = 'StackListError';
}

/** The live stacks whose names start with `<project>-<environment>-`, page by page, oldest first. */
export async function deployedStacks(
  scope: { readonly project: string; readonly environment: string },
  aws: AwsClientOptions = {},
): Promise<DeployedStack[]> {
  const prefix = `${scope.project}-${scope.environment}-`;
  const client = new CloudFormationClient(awsClientConfig(aws));
  const stacks: DeployedStack[] = [];
  try {
    let token: string | undefined;
    do {
      const page = await client.send(new ListStacksCommand({ NextToken: token }));
      for (const stack of page.StackSummaries ?? []) {
        const name = stack.StackName ?? '';
        if (!name.startsWith(prefix) || stack.StackStatus === 'DELETE_COMPLETE') continue;
        const createdAt = stack.CreationTime ?? new Date(0);
        stacks.push({
          name,
          status: stack.StackStatus ?? 'UNKNOWN',
          createdAt,
          lastChangedAt: stack.LastUpdatedTime ?? createdAt,
        });
      }
      token = page.NextToken;
    } while (token);
  } catch (error) {
    const failure = describeSdkError(error);
    throw new StackListError(
      `Listing the stacks of ${scope.environment} (CloudFormation ListStacks) failed: ${failure.summary}. ${failure.advice}`,
      { cause: error },
    );
  } finally {
    client.destroy();
  }
  return stacks.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
}
