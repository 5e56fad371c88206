import { CfnResource } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/** checkov's CKV_AWS_116 (dead-letter queue) on a function that only a custom resource calls. */
export const DEPLOY_TIME_FUNCTION =
  'CloudFormation invokes it during a deployment and waits for its answer: a failure fails the deployment with its reason, so a dead-letter queue would hold nothing anyone acts on.';

/** One acknowledged checkov finding, as checkov reads it from a resource's `Metadata.checkov.skip`. */
export interface CheckovSkip {
  /** The check, e.g. `CKV_AWS_117`. */
  readonly id: string;
  /** Why it does not apply, or the trade-off taken: checkov shows it as the suppression's comment. */
  readonly comment: string;
}

/**
 * Acknowledges one checkov check (`CKV_AWS_117`) on the CloudFormation resource of `construct` (the
 * resource itself, or an L2 construct's default child), with the reason it does not apply or the trade-off
 * taken: the counterpart of cdk-nag's `Validations.of(construct).acknowledge({ id, reason })`. checkov then
 * reports the check as skipped with this reason instead of failed (infra/checkov.test.ts).
 */
export function acknowledgeCheckov(construct: IConstruct, id: string, reason: string): void {
  const resource = construct instanceof CfnResource ? construct : construct.node.defaultChild;
  if (!(resource instanceof CfnResource)) {
    throw new Error(
      `acknowledgeCheckov(${construct.node.path}, ${id}): this construct has no CloudFormation resource of its own; pass the construct that owns the resource checkov reported.`,
    );
  }
  if (!/^CKV2?_AWS_\d+$/.test(id)) {
    throw new Error(
      `acknowledgeCheckov(${construct.node.path}): "${id}" is not a checkov check id such as CKV_AWS_117.`,
    );
  }
  if (reason.trim().length < 20) {
    throw new Error(
      `acknowledgeCheckov(${construct.node.path}, ${id}): say why the check does not apply or what the trade-off is.`,
    );
  }
  const skips = checkovSkips(resource);
  if (skips.some((skip) => skip.id === id)) {
    throw new Error(
      `acknowledgeCheckov(${resource.node.path}, ${id}): already acknowledged; keep one reason.`,
    );
  }
  resource.addMetadata('checkov', { skip: [...skips, { id, comment: reason }] });
}

/** The checkov checks acknowledged on a resource. */
export function checkovSkips(resource: CfnResource): CheckovSkip[] {
  const metadata = resource.getMetadata('checkov') as { skip?: CheckovSkip[] } | undefined;
  return metadata?.skip ?? [];
}
