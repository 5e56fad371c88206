import { Stack, Validations } from 'aws-cdk-lib';
// cdk-nag names IAM5 findings with this function; using it keeps our acknowledgement ids identical to its.
import { flattenCfnReference } from 'cdk-nag/lib/utils/flatten-cfn-reference.js';
import type { IConstruct } from 'constructs';

/**
 * Acknowledges cdk-nag's AwsSolutions-IAM5 finding for one wildcard resource ARN (one finding, with a
 * reason) on `scope` and everything below it. Wildcard *actions* are never acknowledged in this project.
 */
export function acknowledgeWildcardResource(scope: IConstruct, resourceArn: string, reason: string): void {
  const flat = flattenCfnReference(Stack.of(scope).resolve(resourceArn));
  Validations.of(scope).acknowledge({ id: `AwsSolutions-IAM5[Resource::${flat}]`, reason });
}
