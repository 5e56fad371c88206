import { type IAspect, Stack } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type { IConstruct } from 'constructs';

/** What CDK's auto-delete-objects handler calls: Get/PutBucketPolicy, GetBucketTagging, ListObjectVersions, DeleteObjects. */
const AUTO_DELETE_ACTIONS = [
  's3:GetBucketPolicy',
  's3:PutBucketPolicy',
  's3:GetBucketTagging',
  's3:ListBucket',
  's3:ListBucketVersions',
  's3:DeleteObject',
  's3:DeleteObjectVersion',
];

/**
 * Replaces the wildcard actions (`s3:GetBucket*`, `s3:List*`, `s3:DeleteObject*`) that CDK grants its
 * auto-delete-objects function in dev bucket policies with the exact actions that function uses.
 */
export class ExplicitAutoDeleteActions implements IAspect {
  visit(node: IConstruct): void {
    if (!(node instanceof s3.CfnBucketPolicy)) return;
    const document = Stack.of(node).resolve(node.policyDocument) as { Statement?: { Action?: unknown }[] };
    (document.Statement ?? []).forEach((statement, index) => {
      const actions = [statement.Action].flat();
      if (actions.includes('s3:DeleteObject*')) {
        node.addPropertyOverride(`PolicyDocument.Statement.${index}.Action`, AUTO_DELETE_ACTIONS);
      }
    });
  }
}
