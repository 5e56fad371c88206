import { RemovalPolicy } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import type { EnvironmentConfig } from '../../lib/config/environment-config.ts';

/** Tree context that says whether the stacks below may destroy their data; set once per environment. */
const DESTROY_DATA = 'aws-data-launchpad:destroyDataWithStacks';

/**
 * Records on an environment's Stage, before it has children, what config/<environment>.json decided:
 * `removalPolicy: "destroy"` lets the stacks below delete their buckets, logs and keys with them.
 * The one place that maps the config to a RemovalPolicy; constructs ask `removalPolicyOf`.
 */
export function decideRemovalPolicy(
  stage: IConstruct,
  config: Pick<EnvironmentConfig, 'removalPolicy'>,
): void {
  stage.node.setContext(DESTROY_DATA, config.removalPolicy === 'destroy');
}

/** What `scope` does with its stateful resources when its stack is deleted: RETAIN unless its environment allows DESTROY. */
export function removalPolicyOf(scope: IConstruct): RemovalPolicy {
  return scope.node.tryGetContext(DESTROY_DATA) === true ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN;
}

/** Whether the environment of `scope` lets its stacks destroy data (e.g. drop the views, empty the buckets). */
export function mayDestroyData(scope: IConstruct): boolean {
  return removalPolicyOf(scope) === RemovalPolicy.DESTROY;
}
