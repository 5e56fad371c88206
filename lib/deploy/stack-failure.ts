import {
  type CloudFormationClient,
  DescribeStackEventsCommand,
  DescribeStacksCommand,
  type StackEvent,
} from '@aws-sdk/client-cloudformation';
import type { StackFailure } from './deploy-errors.ts';

/** Follow-on failures: they name a resource that was stopped because another one failed first. */
const CONSEQUENCE = /Resource (creation|update) cancelled|cancelled because|were not (created|updated)/i;
/** Events read at most: a deployment's own events come first, newest first. */
const MAX_PAGES = 10;
/** CloudFormation's clock and ours may differ a little. */
const CLOCK_SKEW_MS = 60_000;

/**
 * Reads the stack's events (DescribeStackEvents) back to the start of this deployment and returns the first
 * resource that failed in it, with CloudFormation's reason. Stacks that failed without a resource event
 * (a template CloudFormation refused outright) fall back to the stack's status reason.
 */
export async function findStackFailure(
  cfn: CloudFormationClient,
  stackName: string,
  since: Date,
): Promise<StackFailure | undefined> {
  const events: StackEvent[] = [];
  let token: string | undefined;
  pages: for (let page = 0; page < MAX_PAGES; page++) {
    const answer = await cfn.send(new DescribeStackEventsCommand({ StackName: stackName, NextToken: token }));
    for (const event of answer.StackEvents ?? []) {
      if (event.Timestamp && event.Timestamp.getTime() < since.getTime() - CLOCK_SKEW_MS) break pages;
      events.push(event);
      // The stack's own "User Initiated" event opens the operation: older events belong to earlier ones.
      if (isOperationStart(event, stackName)) break pages;
    }
    token = answer.NextToken;
    if (!token) break;
  }
  const failed = events.filter((e) => e.ResourceStatus?.endsWith('_FAILED')).reverse(); // oldest first
  const first = failed.find((e) => !CONSEQUENCE.test(e.ResourceStatusReason ?? '')) ?? failed[0];
  if (first) {
    return {
      stackName,
      logicalId: first.LogicalResourceId ?? stackName,
      resourceType: first.ResourceType ?? 'unknown type',
      status: first.ResourceStatus ?? 'FAILED',
      reason: first.ResourceStatusReason ?? 'CloudFormation gave no reason',
    };
  }
  const stack = (await cfn.send(new DescribeStacksCommand({ StackName: stackName }))).Stacks?.[0];
  if (!stack?.StackStatusReason) return undefined;
  return {
    stackName,
    logicalId: stackName,
    resourceType: 'AWS::CloudFormation::Stack',
    status: stack.StackStatus ?? 'FAILED',
    reason: stack.StackStatusReason,
  };
}

function isOperationStart(event: StackEvent, stackName: string): boolean {
  return (
    event.ResourceType === 'AWS::CloudFormation::Stack' &&
    event.LogicalResourceId === stackName &&
    /_IN_PROGRESS$/.test(event.ResourceStatus ?? '') &&
    /User Initiated/i.test(event.ResourceStatusReason ?? '')
  );
}
