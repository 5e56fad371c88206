import { CfnResource, CustomResourceProviderBase, type IAspect } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { acknowledgeCheckov, DEPLOY_TIME_FUNCTION } from '../nag/acknowledge-checkov.ts';

/**
 * checkov's Lambda checks on the functions CDK adds for itself (emptying a dev bucket before it is deleted,
 * closing a VPC's default security group): CloudFormation calls them during a deployment only and waits for
 * their answer. They are CDK's code, not ours, so the reasons are written once here rather than at each use.
 */
export class CdkHandlerFindings implements IAspect {
  visit(node: IConstruct): void {
    if (!(node instanceof CustomResourceProviderBase)) return;
    const handler = node.node.tryFindChild('Handler');
    if (!(handler instanceof CfnResource)) return;
    acknowledgeCheckov(handler, 'CKV_AWS_116', DEPLOY_TIME_FUNCTION);
    acknowledgeCheckov(
      handler,
      'CKV_AWS_117',
      'This CDK handler calls only public AWS APIs (S3, EC2) while a stack deploys; in a VPC it would need a NAT gateway or endpoints for nothing it reaches privately.',
    );
    acknowledgeCheckov(
      handler,
      'CKV_AWS_115',
      'This CDK handler runs a few times per deployment; reserved concurrency would take from the account pool, which new accounts keep at 10, for no limit worth having.',
    );
  }
}
