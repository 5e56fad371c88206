/**
 * What an environment has deployed, as CloudFormation knows it: its stacks (`<project>-<env>-*`, the names
 * the CDK app gives them), each with when it was created and last updated. A stack that failed to create or
 * is being deleted still counts: it may hold resources that bill.
 *
 * ListStacks rather than DescribeStacks: its summaries carry the same times and status, and the deploy role
 * may call it on every stack, while it may describe only its environment's stacks by name (a DescribeStacks
 * of all stacks would be refused).
 */
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { type AwsClientOptions, awsClientConfig } from '../aws/client-config.ts';
import { describeSdkError } from '../aws/sdk-error.ts';
import { type EnvironmentStack, liveEnvironmentStacks } from '../destroy/owned-data.ts';

/** A deployed stack with when it was created and last changed (the listing the teardown uses too). */
export type DeployedStack = EnvironmentStack;

/** CloudFormation could not be read even after the SDK's retries: the message says why and what to do. */
export class StackListError extends Error {
  override name = 'StackListError';
}

/** The live stacks whose names start with `<project>-<environment>-`, oldest first. */
export async function deployedStacks(
  scope: { readonly project: string; readonly environment: string },
  aws: AwsClientOptions = {},
): Promise<DeployedStack[]> {
  const client = new CloudFormationClient(awsClientConfig(aws));
  try {
    const stacks = await liveEnvironmentStacks(client, scope);
    return stacks.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  } catch (error) {
    const failure = describeSdkError(error);
    throw new StackListError(
      `Listing the stacks of ${scope.environment} (CloudFormation ListStacks) failed: ${failure.summary}. ${failure.advice}`,
      { cause: error },
    );
  } finally {
    client.destroy();
  }
}
