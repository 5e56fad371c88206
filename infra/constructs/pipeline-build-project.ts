import { Duration, Validations } from 'aws-cdk-lib';
import * as codebuild from 'aws-cdk-lib/aws-codebuild';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { acknowledgeWildcardResource } from '../nag/acknowledge-wildcard-resource.ts';
import { buildSpecFromFile } from './buildspec-file.ts';
import { removalPolicyOf } from './removal-policy.ts';

export interface PipelineBuildProjectProps {
  /** Physical name, `${project}-${environment}-<purpose>`. */
  readonly projectName: string;
  /** What the builds do, shown in the console. */
  readonly description: string;
  /** pipeline/buildspecs/<buildSpec>.yml */
  readonly buildSpec: string;
  /** Plain-text environment variables of every build (no secrets). */
  readonly environmentVariables: Record<string, string>;
  /** How long the build logs are kept. */
  readonly logRetention: logs.RetentionDays;
  /** Customer-managed key for the build's artifacts and the role's use of them. @default - the AWS-managed S3 key */
  readonly key?: kms.IKey;
  /** How long one build may run. @default Duration.minutes(15) */
  readonly timeout?: Duration;
}

/**
 * A CodeBuild project that runs as a CodePipeline action: Linux, the smallest compute, the managed
 * standard image, logs in a group of its own with the environment's retention. Its role may write that
 * log group and nothing else: CDK's automatic grants (with wildcard actions) are switched off, and the
 * caller adds each permission by name with `addToRolePolicy`.
 */
export class PipelineBuildProject extends Construct {
  readonly project: codebuild.PipelineProject;
  readonly role: iam.Role;
  readonly logGroup: logs.LogGroup;
  private readonly policy: iam.Policy;

  constructor(scope: Construct, id: string, props: PipelineBuildProjectProps) {
    super(scope, id);
    this.logGroup = new logs.LogGroup(this, 'Logs', {
      logGroupName: `/aws/codebuild/${props.projectName}`,
      retention: props.logRetention,
      removalPolicy: removalPolicyOf(this),
    });
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('codebuild.amazonaws.com'),
      description: `Runs the builds of ${props.projectName}`,
    });
    this.policy = new iam.Policy(this, 'Policy', {
      roles: [this.role],
      statements: [
        new iam.PolicyStatement({
          sid: 'BuildLogs',
          actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
          resources: [this.logGroup.logGroupArn],
        }),
      ],
    });
    this.project = new codebuild.PipelineProject(this, 'Project', {
      projectName: props.projectName,
      description: props.description,
      role: this.role.withoutPolicyUpdates(),
      environment: {
        buildImage: codebuild.LinuxBuildImage.STANDARD_7_0,
        computeType: codebuild.ComputeType.SMALL,
        privileged: false,
      },
      environmentVariables: Object.fromEntries(
        Object.entries(props.environmentVariables).map(([name, value]) => [name, { value }]),
      ),
      buildSpec: buildSpecFromFile(props.buildSpec),
      encryptionKey: props.key,
      logging: { cloudWatch: { logGroup: this.logGroup } },
      timeout: props.timeout ?? Duration.minutes(15),
      queuedTimeout: Duration.minutes(30),
    });
    // The project must not start before its role can write the logs.
    this.project.node.addDependency(this.policy);
    acknowledgeWildcardResource(
      this.role,
      this.logGroup.logGroupArn,
      'Log streams of this project’s own log group; CodeBuild names one per build.',
    );
    if (!props.key) {
      Validations.of(this.project).acknowledge({
        id: 'AwsSolutions-CB4',
        reason:
          'Build artifacts are encrypted with the AWS-managed S3 key; with encryption "kms" the projects use the delivery key of the environment ($1 a month).',
      });
    }
  }

  addToRolePolicy(statement: iam.PolicyStatement): void {
    this.policy.addStatements(statement);
  }
}
