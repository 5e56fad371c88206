/** Where one environment's resources live, to build the ARNs its CloudFormation execution role may touch. */
export interface ScopeContext {
  /** `aws`, `aws-cn`, … */
  readonly partition: string;
  /** The environment's region. */
  readonly region: string;
  /** The account (a token in a stack). */
  readonly account: string;
  /** `<project>-<env>`: every physical name of the environment starts with it. */
  readonly prefix: string;
  /** `<project>_<env>`: Glue and Athena names, which allow no hyphen. */
  readonly gluePrefix: string;
  /** The IAM users the config names (`iamUsers`): they are not prefixed. */
  readonly userNames: readonly string[];
}

/** What CloudFormation may do with one service's resources while it deploys an environment's stacks. */
export interface ServiceScope {
  /** The IAM namespace, e.g. `states` for AWS::StepFunctions. */
  readonly namespace: string;
  /**
   * The resources of that service it may change: the environment's names where the service puts the name in
   * the ARN; else the region and account (the service's ids are generated, or its ARNs carry no name).
   */
  readonly resources: (c: ScopeContext) => string[];
  /** How the resources are scoped, for the cdk-nag acknowledgement and the docs. */
  readonly scope: 'names' | 'region';
  /** The service's read-only action families allowed anywhere (metadata). @default - Describe and List */
  readonly reads?: readonly ('Describe' | 'List')[];
}

const inRegion = (namespace: string) => (c: ScopeContext) => [
  `arn:${c.partition}:${namespace}:${c.region}:${c.account}:*`,
];

/**
 * One entry per CloudFormation service segment (`AWS::<segment>::<type>`) the stacks use. The bootstrap grants
 * only the services the environment's synthesized stacks contain; a stack with a type of an unlisted service
 * stops the bootstrap with the type's name (add the service here). KMS keys are scoped by tag, in
 * cdk-execution-policies.ts, since a key's ARN carries a generated id.
 */
export const SERVICE_SCOPES: Readonly<Record<string, ServiceScope>> = {
  S3: {
    namespace: 's3',
    reads: [], // s3:List* anywhere would list the keys of other environments' objects
    scope: 'names',
    resources: (c) => [`arn:${c.partition}:s3:::${c.prefix}-*`, `arn:${c.partition}:s3:::${c.prefix}-*/*`],
  },
  IAM: {
    namespace: 'iam',
    reads: ['List'],
    scope: 'names',
    resources: (c) => [
      ...['role', 'policy', 'group'].map(
        (kind) => `arn:${c.partition}:iam::${c.account}:${kind}/${c.prefix}-*`,
      ),
      ...c.userNames.map((user) => `arn:${c.partition}:iam::${c.account}:user/${user}`),
    ],
  },
  Lambda: {
    namespace: 'lambda',
    reads: ['List'],
    scope: 'names',
    resources: (c) => [
      `arn:${c.partition}:lambda:${c.region}:${c.account}:function:${c.prefix}-*`,
      `arn:${c.partition}:lambda:${c.region}:${c.account}:event-source-mapping:*`,
    ],
  },
  Logs: {
    namespace: 'logs',
    scope: 'names',
    // Log groups put the environment anywhere in the name: /aws/lambda/<prefix>-…, /aws-glue/<prefix>/jobs.
    resources: (c) => [
      `arn:${c.partition}:logs:${c.region}:${c.account}:log-group:*${c.prefix}*`,
      `arn:${c.partition}:logs:${c.region}:${c.account}:log-group:*${c.prefix}*:*`,
    ],
  },
  SNS: {
    namespace: 'sns',
    reads: ['List'],
    scope: 'names',
    resources: (c) => [`arn:${c.partition}:sns:${c.region}:${c.account}:${c.prefix}-*`],
  },
  SQS: {
    namespace: 'sqs',
    reads: ['List'],
    scope: 'names',
    resources: (c) => [`arn:${c.partition}:sqs:${c.region}:${c.account}:${c.prefix}-*`],
  },
  StepFunctions: {
    namespace: 'states',
    scope: 'names',
    resources: (c) => [`arn:${c.partition}:states:${c.region}:${c.account}:stateMachine:${c.prefix}-*`],
  },
  Kinesis: {
    namespace: 'kinesis',
    scope: 'names',
    resources: (c) => [`arn:${c.partition}:kinesis:${c.region}:${c.account}:stream/${c.prefix}-*`],
  },
  KinesisFirehose: {
    namespace: 'firehose',
    scope: 'names',
    resources: (c) => [`arn:${c.partition}:firehose:${c.region}:${c.account}:deliverystream/${c.prefix}-*`],
  },
  Glue: {
    namespace: 'glue',
    scope: 'names',
    resources: (c) => {
      const glue = (resource: string) => `arn:${c.partition}:glue:${c.region}:${c.account}:${resource}`;
      return [
        glue('catalog'),
        glue(`database/${c.gluePrefix}_*`),
        glue(`table/${c.gluePrefix}_*/*`),
        glue(`job/${c.prefix}-*`),
        glue(`crawler/${c.prefix}-*`),
      ];
    },
  },
  Athena: {
    namespace: 'athena',
    reads: ['List'],
    scope: 'names',
    resources: (c) => [`arn:${c.partition}:athena:${c.region}:${c.account}:workgroup/${c.prefix}-*`],
  },
  CloudWatch: {
    namespace: 'cloudwatch',
    scope: 'names',
    resources: (c) => [
      `arn:${c.partition}:cloudwatch:${c.region}:${c.account}:alarm:${c.prefix}-*`,
      `arn:${c.partition}:cloudwatch::${c.account}:dashboard/${c.prefix}-*`,
    ],
  },
  Events: {
    namespace: 'events',
    scope: 'names',
    resources: (c) => [`arn:${c.partition}:events:${c.region}:${c.account}:rule/${c.prefix}-*`],
  },
  CodeBuild: {
    namespace: 'codebuild',
    scope: 'names',
    resources: (c) => [`arn:${c.partition}:codebuild:${c.region}:${c.account}:project/${c.prefix}-*`],
  },
  CodePipeline: {
    namespace: 'codepipeline',
    reads: ['List'],
    scope: 'names',
    resources: (c) => [`arn:${c.partition}:codepipeline:${c.region}:${c.account}:${c.prefix}-*`],
  },
  CloudTrail: {
    namespace: 'cloudtrail',
    scope: 'names',
    resources: (c) => [`arn:${c.partition}:cloudtrail:${c.region}:${c.account}:trail/${c.prefix}-*`],
  },
  SecretsManager: {
    namespace: 'secretsmanager',
    scope: 'names',
    resources: (c) => [`arn:${c.partition}:secretsmanager:${c.region}:${c.account}:secret:${c.prefix}-*`],
  },
  Budgets: {
    namespace: 'budgets',
    scope: 'names',
    resources: (c) => [`arn:${c.partition}:budgets::${c.account}:budget/${c.prefix}-*`],
  },
  MWAA: {
    namespace: 'airflow',
    scope: 'names',
    resources: (c) => [`arn:${c.partition}:airflow:${c.region}:${c.account}:environment/${c.prefix}-*`],
  },
  // Generated ids in the ARNs (VPCs, subnets, DMS endpoints), or ARNs without an account (API Gateway).
  EC2: { namespace: 'ec2', scope: 'region', resources: inRegion('ec2') },
  DMS: { namespace: 'dms', scope: 'region', resources: inRegion('dms') },
  QuickSight: { namespace: 'quicksight', scope: 'region', resources: inRegion('quicksight') },
  ApiGateway: {
    namespace: 'apigateway',
    reads: [], // HTTP verbs, not actions: apigateway:GET is in apigateway:*
    scope: 'region',
    resources: (c) => [`arn:${c.partition}:apigateway:${c.region}::/*`],
  },
};

/** Resource types that need no permission of their own: CDK's metadata, and custom resources (their Lambda). */
export const TYPES_WITHOUT_SERVICE = /^(AWS::CDK::Metadata|AWS::CloudFormation::CustomResource|Custom::.+)$/;
