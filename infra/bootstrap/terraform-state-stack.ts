import { Aws, CfnOutput, Duration, RemovalPolicy, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { terraformStateBucket } from '../../lib/config/terraform-state.ts';

export interface TerraformStateStackProps extends StackProps {
  /** The config's project: the stack and the bucket are named after it. */
  readonly project: string;
}

/**
 * The Terraform track's state bucket, once per account and region (`<project>-tfstate-<account>-<region>`),
 * shared by the workspaces deployed there; each deploy role reads and writes only its own workspace's state
 * and lock file (github-deploy-role-stack.ts). Versioned, so an overwritten state can be got back; encrypted
 * with S3's AWS-managed KMS key, which costs nothing and which S3 uses for any principal of the account that
 * may use the object; never public; TLS only. Kept when the stack is deleted: state outlives its tools.
 */
export class TerraformStateStack extends Stack {
  readonly bucket: s3.Bucket;

  constructor(scope: Construct, id: string, props: TerraformStateStackProps) {
    super(scope, id, {
      ...props,
      stackName: TerraformStateStack.stackName(props.project),
      description:
        'aws-data-launchpad bootstrap: the Terraform track’s state bucket of this account and region',
    });
    this.bucket = new s3.Bucket(this, 'State', {
      bucketName: terraformStateBucket(props.project, Aws.ACCOUNT_ID, Aws.REGION),
      versioned: true,
      encryption: s3.BucketEncryption.KMS_MANAGED,
      bucketKeyEnabled: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      removalPolicy: RemovalPolicy.RETAIN,
      // Old versions of a state are worth keeping a while, not forever.
      lifecycleRules: [{ noncurrentVersionExpiration: Duration.days(90) }],
    });
    Validations.of(this.bucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason:
        'Access logs of a state bucket would need a log bucket per account for a few requests a day; CloudTrail records who changes the bucket, and versioning keeps every state written.',
    });
    new CfnOutput(this, 'BucketName', {
      value: this.bucket.bucketName,
      description: 'The S3 backend’s bucket (terraform/backend.tf, or -backend-config="bucket=…")',
    });
  }

  /** `<project>-tfstate`: one per account and region, outside every environment's `<project>-<env>-` names. */
  static stackName(project: string): string {
    return `${project}-tfstate`;
  }
}
