import { CfnResource, type IAspect, Stack, TagManager } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { PhaseStack } from '../phases/phase-stack.ts';

/** The config fields the tags take their values from. */
export interface StandardTagValues {
  /** `project` tag: the config's project, e.g. launchpad. */
  readonly project: string;
  /** `environment` tag: dev, stage or prod. */
  readonly environment: string;
  /** `owner` tag: who answers for the resources. */
  readonly owner: string;
  /** `cost-center` tag: whose budget pays. */
  readonly costCenter: string;
}

/** Same priority as `Tags.of().add()`; a tag set explicitly on a resource with higher priority still wins. */
const PRIORITY = 100;

/**
 * Tags every taggable resource with project, environment, phase, owner and cost-center, so the bill
 * can be split by any of them (after activating them as cost allocation tags).
 */
export class StandardTags implements IAspect {
  constructor(private readonly values: StandardTagValues) {}

  visit(node: IConstruct): void {
    if (node instanceof CfnResource && TAGS_REFUSED.has(node.cfnResourceType)) return;
    const tags = tagManagerOf(node);
    if (tags) {
      for (const [key, value] of Object.entries(this.valuesFor(node))) tags.setTag(key, value, PRIORITY);
    } else if (node instanceof CfnResource && UNTAGGED_PROVIDER_TYPES.has(node.cfnResourceType)) {
      const list = Object.entries(this.valuesFor(node)).map(([Key, Value]) => ({ Key, Value }));
      node.addPropertyOverride('Tags', list);
    }
  }

  private valuesFor(node: IConstruct): Record<string, string> {
    const stack = Stack.of(node);
    const phase = stack instanceof PhaseStack ? stack.phase : 'shared';
    const { project, environment, owner, costCenter } = this.values;
    return { project, environment, phase, owner, 'cost-center': costCenter };
  }
}

/**
 * CDK's custom-resource providers (e.g. the one that empties dev buckets) are plain CfnResources without a
 * tag manager, though their types take tags; they get the tags as a property instead.
 */
const UNTAGGED_PROVIDER_TYPES = new Set(['AWS::Lambda::Function', 'AWS::IAM::Role']);

/**
 * Types whose CDK class is taggable while CloudFormation's registry schema (as cfn-lint ships it) has no
 * Tags property: tagging them would fail validation, or the deployment.
 */
const TAGS_REFUSED = new Set(['AWS::CloudWatch::Dashboard']);

function tagManagerOf(node: IConstruct): TagManager | undefined {
  if (TagManager.isTaggable(node)) return node.tags;
  if (TagManager.isTaggableV2(node)) return node.cdkTagManager;
  return undefined;
}
