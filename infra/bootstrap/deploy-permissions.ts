import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { IConstruct } from 'constructs';
import type { EnvironmentConfig } from '../../lib/config/environment-config.ts';
import {
  TERRAFORM_WORKSPACE_KEY_PREFIX,
  terraformLockKey,
  terraformStateBucket,
  terraformStateKey,
} from '../../lib/config/terraform-state.ts';
import {
  type BootstrapNames,
  CDK_BOOTSTRAP_ROLE_KINDS,
  DELIVERY_ARTIFACT_PURPOSE,
  PIPELINE_SOURCE_KEY,
} from './bootstrap-names.ts';
import { SMOKE_TEST_PHASES, smokeTestPermissions } from './smoke-test-permissions.ts';

/** A resource ARN that has to end in a wildcard, and why: each becomes one cdk-nag acknowledgement. */
export interface WildcardResource {
  /** The ARN, ending in `*`. */
  readonly arn: string;
  /** Why the wildcard is needed: the acknowledgement's reason. */
  readonly reason: string;
}

/** The deploy role's policy and the wildcard resources in it. */
export interface DeployPermissions {
  /** The deploy role's policy. */
  readonly document: iam.PolicyDocument;
  /** Its wildcard resources, each to acknowledge. */
  readonly wildcards: readonly WildcardResource[];
}

/**
 * What GitHub Actions does for one environment, and nothing more: deploy through its own CDK bootstrap roles
 * (CloudFormation itself acts through them), follow the stacks' events, run the delivery pipeline and
 * read its builds' logs, list what a teardown left behind, keep its Terraform workspace's state and, where
 * the capstone's phases are on, run the smoke test (smoke-test-permissions.ts). Every resource is this
 * environment's (`<project>-<env>-…`, or its workspace's state key) in its own region.
 */
export function deployPermissions(
  scope: IConstruct,
  names: BootstrapNames,
  config: Pick<EnvironmentConfig, 'environment' | 'region' | 'encryption' | 'phases'>,
): DeployPermissions {
  const { region } = config;
  const { account, partition } = Stack.of(scope);
  const prefix = names.names.prefix;
  const arn = (service: string, resource: string) =>
    `arn:${partition}:${service}:${region}:${account}:${resource}`;

  const stacks = arn('cloudformation', `stack/${prefix}-*/*`);
  const builds = arn('codebuild', `project/${prefix}-*`);
  const buildLogs = arn('logs', `log-group:/aws/codebuild/${prefix}-*:log-stream:*`);
  const logGroups = arn('logs', 'log-group:*');
  const buckets = `arn:${partition}:s3:::${prefix}-*`;
  const artifactBucket = `${names.names.resource(DELIVERY_ARTIFACT_PURPOSE)}-${account}`;
  const keys = arn('kms', 'key/*');
  const bucketObjects = `${buckets}/*`;
  const environmentLogGroups = arn('logs', `log-group:*${prefix}*`);
  const stateBucket = `arn:${partition}:s3:::${terraformStateBucket(names.project, account, region)}`;
  // The teardown workflow may delete retained data (destroy --delete-retained-data) everywhere but in prod:
  // prod's data goes only by hand, with admin credentials, whatever a workflow input says.
  const deletesRetainedData = config.environment !== 'prod';

  const statements = [
    new iam.PolicyStatement({
      sid: 'DeployThroughCdkBootstrapRoles',
      actions: ['sts:AssumeRole'],
      // This environment's own qualifier: another environment's bootstrap roles are out of reach.
      resources: CDK_BOOTSTRAP_ROLE_KINDS.map(
        (kind) => `arn:${partition}:iam::${account}:role/${names.cdkRoleName(kind, account, region)}`,
      ),
    }),
    new iam.PolicyStatement({
      sid: 'ReadCdkBootstrapVersion',
      actions: ['ssm:GetParameter'],
      resources: [arn('ssm', `parameter${names.cdkBootstrapVersionParameter}`)],
    }),
    new iam.PolicyStatement({
      sid: 'FollowStackEvents',
      // ListStackResources: a teardown deletes only the data its stacks say they retain.
      actions: [
        'cloudformation:DescribeStackEvents',
        'cloudformation:DescribeStacks',
        'cloudformation:ListStackResources',
      ],
      resources: [stacks],
    }),
    new iam.PolicyStatement({
      sid: 'ListStacksAndBuckets',
      actions: ['cloudformation:ListStacks', 's3:ListAllMyBuckets'],
      resources: ['*'],
    }),
    new iam.PolicyStatement({
      sid: 'ReadCostAndUsage',
      // The docs workflow's estimate beside the bill: costs filtered by this environment's tags, read only.
      actions: ['ce:GetCostAndUsage', 'ce:ListCostAllocationTags'],
      resources: ['*'],
    }),
    new iam.PolicyStatement({
      sid: 'UploadPipelineSource',
      actions: ['s3:GetObject', 's3:GetObjectVersion', 's3:PutObject'],
      resources: [`arn:${partition}:s3:::${artifactBucket}/${PIPELINE_SOURCE_KEY}`],
    }),
    new iam.PolicyStatement({
      sid: 'RunDeliveryPipeline',
      actions: [
        'codepipeline:GetPipelineExecution',
        'codepipeline:GetPipeline',
        'codepipeline:ListActionExecutions',
        'codepipeline:StartPipelineExecution',
        'codepipeline:StopPipelineExecution',
      ],
      resources: [arn('codepipeline', names.pipelineName)],
    }),
    new iam.PolicyStatement({
      sid: 'FollowBuilds',
      actions: ['codebuild:BatchGetBuilds'],
      resources: [builds],
    }),
    new iam.PolicyStatement({
      sid: 'ReadBuildLogs',
      actions: ['logs:GetLogEvents'],
      resources: [buildLogs],
    }),
    new iam.PolicyStatement({
      sid: 'ListLogGroups',
      actions: ['logs:DescribeLogGroups'],
      resources: [logGroups],
    }),
    new iam.PolicyStatement({
      sid: 'InspectLeftoverBuckets',
      actions: ['s3:GetBucketTagging', 's3:ListBucketVersions'],
      resources: [buckets],
    }),
    new iam.PolicyStatement({
      // A destroyed stack's retained log groups are known by their tags (project, environment, phase).
      sid: 'InspectLeftoverLogGroups',
      actions: ['logs:ListTagsForResource'],
      resources: [environmentLogGroups],
    }),
    new iam.PolicyStatement({
      // The S3 backend lists the workspaces (keys under `env:/`) to select one: names only, not their state.
      sid: 'ListTerraformWorkspaces',
      actions: ['s3:ListBucket'],
      resources: [stateBucket],
      conditions: {
        StringLike: {
          's3:prefix': [
            `${TERRAFORM_WORKSPACE_KEY_PREFIX}/`,
            `${TERRAFORM_WORKSPACE_KEY_PREFIX}/${config.environment}/*`,
          ],
        },
      },
    }),
    new iam.PolicyStatement({
      // This environment's workspace only: another workspace's state and lock file are out of reach.
      sid: 'ReadWriteTerraformState',
      actions: ['s3:GetObject', 's3:PutObject'],
      resources: [`${stateBucket}/${terraformStateKey(config.environment)}`],
    }),
    new iam.PolicyStatement({
      // S3-native locking (use_lockfile): the lock is an object written beside the state and deleted after.
      sid: 'TerraformLockFile',
      actions: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'],
      resources: [`${stateBucket}/${terraformLockKey(config.environment)}`],
    }),
  ];
  if (config.environment === 'prod') {
    // prod's stacks have termination protection; a teardown confirmed with the environment's name lifts it.
    // Their data stays: retained by the stacks and never deletable by this role.
    statements.push(
      new iam.PolicyStatement({
        sid: 'LiftTerminationProtection',
        actions: ['cloudformation:UpdateTerminationProtection'],
        resources: [stacks],
      }),
    );
  }
  if (deletesRetainedData) {
    statements.push(
      new iam.PolicyStatement({
        sid: 'DeleteRetainedData',
        actions: ['s3:DeleteBucket', 's3:DeleteObject', 's3:DeleteObjectVersion', 'logs:DeleteLogGroup'],
        resources: [buckets, bucketObjects, environmentLogGroups],
      }),
    );
  }
  if (config.encryption === 'kms') {
    // The delivery stack encrypts its artifact bucket with its own key (alias <prefix>-delivery); a key
    // ARN carries a generated id, so the alias and the S3 path pin it.
    statements.push(
      new iam.PolicyStatement({
        sid: 'UsePipelineSourceKey',
        actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
        resources: [keys],
        conditions: {
          StringEquals: { 'kms:ViaService': `s3.${region}.amazonaws.com` },
          'ForAnyValue:StringEquals': { 'kms:ResourceAliases': `alias/${names.pipelineName}` },
        },
      }),
    );
  }

  // The deploy workflow runs the smoke test where the capstone's phases are on (its proof of run).
  const smoke = SMOKE_TEST_PHASES.every((phase) => config.phases[phase])
    ? smokeTestPermissions(names, { partition, region, account })
    : { statements: [], wildcards: [] };
  statements.push(...smoke.statements);

  return {
    document: new iam.PolicyDocument({ statements }),
    wildcards: [
      ...smoke.wildcards,
      {
        arn: stacks,
        reason: `The deploy action follows the events of this environment's stacks, named ${prefix}-<phase>; a stack ARN ends in a generated id.`,
      },
      {
        arn: '*',
        reason:
          'cloudformation:ListStacks, s3:ListAllMyBuckets and the Cost Explorer reads have no resource-level permissions; the destroy action and the idle-bill check list what is left, the docs workflow reads the bill by tag.',
      },
      {
        arn: builds,
        reason: `The pipeline-run action follows the builds of this environment's CodeBuild projects, all named ${prefix}-<purpose>.`,
      },
      {
        arn: buildLogs,
        reason: `The pipeline-run action streams the logs of this environment's builds; each build writes its own log stream.`,
      },
      {
        arn: logGroups,
        reason:
          'logs:DescribeLogGroups authorizes on log-group:* only; the destroy action lists the log groups left behind.',
      },
      {
        arn: buckets,
        reason: `The destroy action inspects the buckets left behind, all named ${prefix}-<purpose>-<account>; read-only calls.`,
      },
      {
        arn: environmentLogGroups,
        reason: deletesRetainedData
          ? `The destroy action reads the tags of the log groups named for this environment (${prefix} in the name), and deletes those its stacks retained when asked to delete retained data.`
          : `The destroy action reads the tags of the log groups named for this environment (${prefix} in the name) to list what its stacks retained.`,
      },
      ...(deletesRetainedData
        ? [
            {
              arn: bucketObjects,
              reason: `The destroy action empties the retained buckets of this environment (named ${prefix}-<purpose>-<account>) when asked to delete retained data.`,
            },
          ]
        : []),
      ...(config.encryption === 'kms'
        ? [
            {
              arn: keys,
              reason: `Key ids are generated: the conditions allow only the key aliased ${names.pipelineName}, used through S3, for the source upload.`,
            },
          ]
        : []),
    ],
  };
}
