/**
 * What each CloudFormation resource type is in a diagram: its short kind, its category (shape and colour),
 * and whether it is architecture (a node) or plumbing (folded into what owns it) by default.
 */
import type { NodeCategory } from './graph-types.ts';

/**
 * `keep`: the resource is a node of its own. `fold`: merged into the resource that owns it (its logical id
 * listed in that node's `folded`, its edges moved there); when nothing owns it, it stays a node.
 * `drop`: merged into its owner like `fold`; when nothing owns it, left out of the graph.
 */
export type FoldMode = 'keep' | 'fold' | 'drop';

export interface TypeInfo {
  readonly kind: string;
  readonly category: NodeCategory;
}

interface CatalogEntry extends TypeInfo {
  /** @default 'keep' */
  readonly fold?: FoldMode;
}

const entry = (kind: string, category: NodeCategory, fold?: FoldMode): CatalogEntry => ({
  kind,
  category,
  fold,
});

const CATALOG: Readonly<Record<string, CatalogEntry>> = {
  // Storage
  'AWS::S3::Bucket': entry('S3 bucket', 'storage'),
  'AWS::S3::BucketPolicy': entry('bucket policy', 'security', 'fold'),
  'AWS::S3::AccessPoint': entry('S3 access point', 'storage', 'fold'),
  'AWS::S3Express::DirectoryBucket': entry('S3 directory bucket', 'storage'),
  'AWS::S3Tables::TableBucket': entry('S3 table bucket', 'storage'),
  // Streams
  'AWS::Kinesis::Stream': entry('Kinesis stream', 'stream'),
  'AWS::Kinesis::StreamConsumer': entry('stream consumer', 'stream', 'fold'),
  'AWS::KinesisFirehose::DeliveryStream': entry('Firehose stream', 'stream'),
  'AWS::KinesisAnalyticsV2::Application': entry('Managed Flink app', 'analytics'),
  'AWS::MSK::Cluster': entry('MSK cluster', 'stream'),
  'AWS::MSK::ServerlessCluster': entry('MSK serverless cluster', 'stream'),
  // Compute
  'AWS::Lambda::Function': entry('Lambda function', 'compute'),
  'AWS::Serverless::Function': entry('Lambda function', 'compute'),
  'AWS::Lambda::Permission': entry('Lambda permission', 'security', 'fold'),
  'AWS::Lambda::EventSourceMapping': entry('event source mapping', 'integration', 'fold'),
  'AWS::Lambda::Version': entry('Lambda version', 'compute', 'fold'),
  'AWS::Lambda::Alias': entry('Lambda alias', 'compute', 'fold'),
  'AWS::Lambda::Url': entry('function URL', 'api', 'fold'),
  'AWS::Lambda::EventInvokeConfig': entry('invoke config', 'compute', 'fold'),
  'AWS::Lambda::LayerVersion': entry('Lambda layer', 'compute', 'drop'),
  'AWS::Lambda::LayerVersionPermission': entry('layer permission', 'security', 'drop'),
  'AWS::Batch::JobQueue': entry('Batch job queue', 'compute'),
  'AWS::ECS::Cluster': entry('ECS cluster', 'compute'),
  'AWS::ECS::TaskDefinition': entry('ECS task definition', 'compute'),
  'AWS::EMRServerless::Application': entry('EMR Serverless app', 'analytics'),
  // Glue and Lake Formation
  'AWS::Glue::Job': entry('Glue job', 'compute'),
  'AWS::Glue::Crawler': entry('Glue crawler', 'catalog'),
  'AWS::Glue::Database': entry('Glue database', 'catalog'),
  'AWS::Glue::Table': entry('Glue table', 'catalog', 'fold'),
  'AWS::Glue::Partition': entry('Glue partition', 'catalog', 'drop'),
  'AWS::Glue::Connection': entry('Glue connection', 'network'),
  'AWS::Glue::Trigger': entry('Glue trigger', 'orchestration'),
  'AWS::Glue::Workflow': entry('Glue workflow', 'orchestration'),
  'AWS::Glue::Registry': entry('schema registry', 'catalog'),
  'AWS::Glue::Schema': entry('Glue schema', 'catalog', 'fold'),
  'AWS::Glue::SecurityConfiguration': entry('Glue security configuration', 'security', 'drop'),
  'AWS::Glue::DataCatalogEncryptionSettings': entry('catalog encryption settings', 'security', 'drop'),
  'AWS::Glue::DataQualityRuleset': entry('data quality ruleset', 'catalog', 'fold'),
  'AWS::LakeFormation::DataLakeSettings': entry('Lake Formation settings', 'security', 'drop'),
  'AWS::LakeFormation::Permissions': entry('Lake Formation permissions', 'security', 'drop'),
  'AWS::LakeFormation::PrincipalPermissions': entry('Lake Formation permissions', 'security', 'drop'),
  'AWS::LakeFormation::Resource': entry('Lake Formation location', 'security', 'drop'),
  // Orchestration
  'AWS::StepFunctions::StateMachine': entry('state machine', 'orchestration'),
  'AWS::StepFunctions::Activity': entry('Step Functions activity', 'orchestration'),
  'AWS::StepFunctions::StateMachineVersion': entry('state machine version', 'orchestration', 'fold'),
  'AWS::StepFunctions::StateMachineAlias': entry('state machine alias', 'orchestration', 'fold'),
  'AWS::MWAA::Environment': entry('MWAA environment', 'orchestration'),
  // APIs
  'AWS::ApiGateway::RestApi': entry('REST API', 'api'),
  'AWS::ApiGateway::*': entry('API Gateway part', 'api', 'fold'),
  'AWS::ApiGateway::Account': entry('API Gateway account settings', 'api', 'drop'),
  'AWS::ApiGateway::DomainName': entry('API domain name', 'api', 'drop'),
  'AWS::ApiGatewayV2::Api': entry('HTTP API', 'api'),
  'AWS::ApiGatewayV2::*': entry('API Gateway part', 'api', 'fold'),
  'AWS::ApiGatewayV2::DomainName': entry('API domain name', 'api', 'drop'),
  'AWS::AppSync::GraphQLApi': entry('GraphQL API', 'api'),
  // Databases and migration
  'AWS::DynamoDB::Table': entry('DynamoDB table', 'database'),
  'AWS::DynamoDB::GlobalTable': entry('DynamoDB table', 'database'),
  'AWS::RDS::DBInstance': entry('RDS instance', 'database'),
  'AWS::RDS::DBCluster': entry('Aurora cluster', 'database'),
  'AWS::RDS::DBSubnetGroup': entry('DB subnet group', 'network', 'drop'),
  'AWS::RDS::DBParameterGroup': entry('DB parameter group', 'database', 'drop'),
  'AWS::RDS::DBClusterParameterGroup': entry('DB parameter group', 'database', 'drop'),
  'AWS::Redshift::Cluster': entry('Redshift cluster', 'analytics'),
  'AWS::RedshiftServerless::Workgroup': entry('Redshift Serverless workgroup', 'analytics'),
  'AWS::RedshiftServerless::Namespace': entry('Redshift Serverless namespace', 'analytics'),
  'AWS::DMS::ReplicationInstance': entry('DMS replication instance', 'compute'),
  'AWS::DMS::Endpoint': entry('DMS endpoint', 'database'),
  'AWS::DMS::ReplicationTask': entry('DMS task', 'integration'),
  'AWS::DMS::ReplicationConfig': entry('DMS serverless replication', 'integration'),
  'AWS::DMS::ReplicationSubnetGroup': entry('DMS subnet group', 'network', 'drop'),
  'AWS::DMS::Certificate': entry('DMS certificate', 'security', 'drop'),
  // Analytics
  'AWS::Athena::WorkGroup': entry('Athena workgroup', 'analytics'),
  'AWS::Athena::NamedQuery': entry('Athena named query', 'analytics', 'fold'),
  'AWS::Athena::PreparedStatement': entry('Athena prepared statement', 'analytics', 'fold'),
  'AWS::Athena::DataCatalog': entry('Athena data catalog', 'catalog'),
  'AWS::QuickSight::DataSource': entry('QuickSight data source', 'analytics'),
  'AWS::QuickSight::DataSet': entry('QuickSight data set', 'analytics'),
  'AWS::QuickSight::Analysis': entry('QuickSight analysis', 'analytics'),
  'AWS::QuickSight::Dashboard': entry('QuickSight dashboard', 'analytics'),
  'AWS::OpenSearchService::Domain': entry('OpenSearch domain', 'analytics'),
  'AWS::OpenSearchServerless::Collection': entry('OpenSearch collection', 'analytics'),
  // Integration
  'AWS::SNS::Topic': entry('SNS topic', 'integration'),
  'AWS::SNS::Subscription': entry('SNS subscription', 'integration', 'fold'),
  'AWS::SNS::TopicPolicy': entry('topic policy', 'security', 'fold'),
  'AWS::SNS::TopicInlinePolicy': entry('topic policy', 'security', 'fold'),
  'AWS::SQS::Queue': entry('SQS queue', 'integration'),
  'AWS::SQS::QueuePolicy': entry('queue policy', 'security', 'fold'),
  'AWS::SQS::QueueInlinePolicy': entry('queue policy', 'security', 'fold'),
  'AWS::Events::Rule': entry('EventBridge rule', 'integration'),
  'AWS::Events::EventBus': entry('event bus', 'integration'),
  'AWS::Events::EventBusPolicy': entry('event bus policy', 'security', 'fold'),
  'AWS::Events::Archive': entry('event archive', 'integration', 'fold'),
  'AWS::Events::Connection': entry('EventBridge connection', 'integration', 'fold'),
  'AWS::Events::ApiDestination': entry('API destination', 'integration'),
  'AWS::Scheduler::Schedule': entry('EventBridge schedule', 'integration'),
  'AWS::Scheduler::ScheduleGroup': entry('schedule group', 'integration', 'drop'),
  'AWS::Pipes::Pipe': entry('EventBridge pipe', 'integration'),
  // Security
  'AWS::KMS::Key': entry('KMS key', 'security'),
  'AWS::KMS::Alias': entry('KMS alias', 'security', 'fold'),
  'AWS::IAM::Role': entry('IAM role', 'security', 'fold'),
  'AWS::IAM::Group': entry('IAM group', 'security'),
  'AWS::IAM::User': entry('IAM user', 'security'),
  'AWS::IAM::Policy': entry('IAM policy', 'security', 'fold'),
  'AWS::IAM::ManagedPolicy': entry('managed policy', 'security', 'fold'),
  'AWS::IAM::RolePolicy': entry('IAM policy', 'security', 'fold'),
  'AWS::IAM::GroupPolicy': entry('IAM policy', 'security', 'fold'),
  'AWS::IAM::UserPolicy': entry('IAM policy', 'security', 'fold'),
  'AWS::IAM::InstanceProfile': entry('instance profile', 'security', 'drop'),
  'AWS::IAM::UserToGroupAddition': entry('group membership', 'security', 'fold'),
  'AWS::IAM::AccessKey': entry('access key', 'security', 'fold'),
  'AWS::IAM::ServiceLinkedRole': entry('service-linked role', 'security', 'drop'),
  'AWS::IAM::OIDCProvider': entry('OIDC provider', 'security'),
  'AWS::SecretsManager::Secret': entry('secret', 'security'),
  'AWS::SecretsManager::SecretTargetAttachment': entry('secret attachment', 'security', 'fold'),
  'AWS::SecretsManager::RotationSchedule': entry('secret rotation', 'security', 'fold'),
  'AWS::SecretsManager::ResourcePolicy': entry('secret policy', 'security', 'fold'),
  'AWS::SSM::Parameter': entry('SSM parameter', 'other'),
  // Monitoring
  'AWS::Logs::LogGroup': entry('log group', 'monitoring', 'fold'),
  'AWS::Logs::LogStream': entry('log stream', 'monitoring', 'drop'),
  'AWS::Logs::MetricFilter': entry('metric filter', 'monitoring', 'drop'),
  'AWS::Logs::SubscriptionFilter': entry('subscription filter', 'monitoring', 'drop'),
  'AWS::Logs::ResourcePolicy': entry('log resource policy', 'security', 'drop'),
  'AWS::CloudWatch::Alarm': entry('CloudWatch alarm', 'monitoring'),
  'AWS::CloudWatch::CompositeAlarm': entry('composite alarm', 'monitoring'),
  'AWS::CloudWatch::Dashboard': entry('CloudWatch dashboard', 'monitoring'),
  'AWS::CloudTrail::Trail': entry('CloudTrail trail', 'monitoring'),
  'AWS::Budgets::Budget': entry('AWS budget', 'monitoring'),
  'AWS::Budgets::BudgetsAction': entry('budget action', 'monitoring', 'drop'),
  // Delivery
  'AWS::CodePipeline::Pipeline': entry('CodePipeline pipeline', 'delivery'),
  'AWS::CodeBuild::Project': entry('CodeBuild project', 'delivery'),
  'AWS::CodeCommit::Repository': entry('CodeCommit repository', 'delivery'),
  'AWS::CodeStarConnections::Connection': entry('CodeStar connection', 'delivery'),
  'AWS::CodeStarNotifications::NotificationRule': entry('notification rule', 'delivery', 'drop'),
  // Network
  'AWS::EC2::VPC': entry('VPC', 'network'),
  'AWS::EC2::NatGateway': entry('NAT gateway', 'network'),
  'AWS::EC2::*': entry('network part', 'network', 'drop'),
  'AWS::EC2::Instance': entry('EC2 instance', 'compute'),
  'AWS::ElasticLoadBalancingV2::LoadBalancer': entry('load balancer', 'network'),
  // CloudFormation and CDK machinery
  'AWS::CDK::Metadata': entry('CDK metadata', 'other', 'drop'),
  'AWS::CloudFormation::CustomResource': entry('custom resource', 'other', 'drop'),
  'AWS::CloudFormation::WaitCondition': entry('wait condition', 'other', 'drop'),
  'AWS::CloudFormation::WaitConditionHandle': entry('wait condition', 'other', 'drop'),
  'Custom::*': entry('custom resource', 'other', 'drop'),
};

/**
 * The default fold modes: every type (and `Service::*` prefix) that is folded or dropped, and the kept
 * types a `Service::*` entry would otherwise cover. Types named nowhere are kept.
 */
export const FOLD_PRESET: Readonly<Record<string, FoldMode>> = Object.freeze(
  Object.fromEntries(
    Object.entries(CATALOG).flatMap(([type, info]): [string, FoldMode][] => {
      if (info.fold !== undefined && info.fold !== 'keep') return [[type, info.fold]];
      const wildcard = `${type.split('::').slice(0, 2).join('::')}::*`;
      return wildcard !== type && CATALOG[wildcard] ? [[type, 'keep']] : [];
    }),
  ),
);

/** Category of the types the catalog does not name, by service. */
const SERVICE_CATEGORIES: Readonly<Record<string, NodeCategory>> = {
  S3: 'storage',
  S3Express: 'storage',
  S3Tables: 'storage',
  EFS: 'storage',
  Kinesis: 'stream',
  KinesisFirehose: 'stream',
  KinesisAnalytics: 'analytics',
  KinesisAnalyticsV2: 'analytics',
  MSK: 'stream',
  Lambda: 'compute',
  Serverless: 'compute',
  Batch: 'compute',
  ECS: 'compute',
  EKS: 'compute',
  Glue: 'catalog',
  LakeFormation: 'security',
  Athena: 'analytics',
  QuickSight: 'analytics',
  EMR: 'analytics',
  EMRServerless: 'analytics',
  Redshift: 'analytics',
  RedshiftServerless: 'analytics',
  OpenSearchService: 'analytics',
  OpenSearchServerless: 'analytics',
  StepFunctions: 'orchestration',
  MWAA: 'orchestration',
  SNS: 'integration',
  SQS: 'integration',
  Events: 'integration',
  Scheduler: 'integration',
  Pipes: 'integration',
  AppFlow: 'integration',
  ApiGateway: 'api',
  ApiGatewayV2: 'api',
  AppSync: 'api',
  DynamoDB: 'database',
  RDS: 'database',
  DocDB: 'database',
  Neptune: 'database',
  Timestream: 'database',
  DMS: 'database',
  IAM: 'security',
  KMS: 'security',
  SecretsManager: 'security',
  Cognito: 'security',
  WAFv2: 'security',
  CloudWatch: 'monitoring',
  Logs: 'monitoring',
  CloudTrail: 'monitoring',
  Budgets: 'monitoring',
  Config: 'monitoring',
  CodePipeline: 'delivery',
  CodeBuild: 'delivery',
  CodeCommit: 'delivery',
  CodeDeploy: 'delivery',
  CodeStarConnections: 'delivery',
  EC2: 'network',
  ElasticLoadBalancingV2: 'network',
};

const derived = new Map<string, TypeInfo>();

/** Kind and category of a type: the catalog's, else its `Service::*` entry's category and a kind made from the type name. */
export function typeInfo(type: string): TypeInfo {
  const known = CATALOG[type];
  if (known) return known;
  let info = derived.get(type);
  if (!info) {
    const [vendor, service = '', name = ''] = type.split('::');
    const wildcard = CATALOG[`${vendor}::${service}::*`];
    const category =
      vendor === 'Custom' ? 'other' : (SERVICE_CATEGORIES[service] ?? wildcard?.category ?? 'other');
    const kind = vendor === 'Custom' ? `custom resource ${service}` : `${service} ${name}`.trim();
    info = { kind: kind || type, category };
    derived.set(type, info);
  }
  return info;
}

/**
 * The mode of a type: the overrides' entry for the exact type, else for its longest `Prefix::*`, else the
 * preset's the same way, else `keep`.
 */
export function foldModeOf(type: string, overrides: Readonly<Record<string, FoldMode>> = {}): FoldMode {
  return lookup(overrides, type) ?? lookup(FOLD_PRESET, type) ?? 'keep';
}

function lookup(table: Readonly<Record<string, FoldMode>>, type: string): FoldMode | undefined {
  if (Object.hasOwn(table, type)) return table[type];
  let end = type.lastIndexOf('::');
  while (end > 0) {
    const key = `${type.slice(0, end)}::*`;
    if (Object.hasOwn(table, key)) return table[key];
    end = type.lastIndexOf('::', end - 1);
  }
  return undefined;
}

/** The IAM service prefix of a resource type's ARNs and actions (`AWS::KinesisFirehose::X` → `firehose`). */
export function iamServiceOf(type: string): string {
  const service = type.split('::')[1] ?? '';
  return IAM_SERVICES[service] ?? service.toLowerCase();
}

const IAM_SERVICES: Readonly<Record<string, string>> = {
  KinesisFirehose: 'firehose',
  StepFunctions: 'states',
  Serverless: 'lambda',
  Events: 'events',
  MWAA: 'airflow',
  ApiGatewayV2: 'apigateway',
  ElasticLoadBalancingV2: 'elasticloadbalancing',
  KinesisAnalyticsV2: 'kinesisanalytics',
  OpenSearchService: 'es',
  OpenSearchServerless: 'aoss',
  RedshiftServerless: 'redshift-serverless',
  CodeStarConnections: 'codestar-connections',
};
