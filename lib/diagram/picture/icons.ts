/**
 * Each resource type's AWS Architecture Icon, twice: the SVG file of the `aws-icons` package (MIT wrapper of
 * AWS's official set, whose terms allow the icons in architecture diagrams) for our SVG and PNG, and the name
 * of the same icon in draw.io's AWS 4 library (`mxgraph.aws4.<name>`) for the `.drawio` export. A type with no
 * icon of its own gets its category's.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { DiagramNode, NodeCategory } from '../graph-types.ts';

export interface Icon {
  /** Path under `aws-icons/icons/`. */
  readonly file: string;
  /** draw.io AWS 4 resource icon: `resIcon=mxgraph.aws4.<drawio>`. */
  readonly drawio: string;
  /** The icon's background colour in draw.io (its category's, as AWS's library draws it). */
  readonly fill: string;
}

const ANALYTICS = '#8C4FFF';
const COMPUTE = '#ED7100';
const STORAGE = '#7AA116';
const INTEGRATION = '#E7157B';
const MANAGEMENT = '#E7157B';
const DATABASE = '#C925D1';
const SECURITY = '#DD344C';
const DEVTOOLS = '#C925D1';
const NETWORK = '#8C4FFF';

const icon = (file: string, drawio: string, fill: string): Icon => ({ file, drawio, fill });
const service = (name: string, drawio: string, fill: string) =>
  icon(`architecture-service/${name}.svg`, drawio, fill);

/** By CloudFormation type, else by `Service::` prefix. */
const BY_TYPE: Readonly<Record<string, Icon>> = {
  'AWS::S3::Bucket': service('AmazonSimpleStorageService', 's3', STORAGE),
  'AWS::Kinesis::Stream': service('AmazonKinesisDataStreams', 'kinesis_data_streams', ANALYTICS),
  'AWS::KinesisFirehose::DeliveryStream': service('AmazonDataFirehose', 'kinesis_data_firehose', ANALYTICS),
  'AWS::Lambda::Function': service('AWSLambda', 'lambda', COMPUTE),
  'AWS::Serverless::Function': service('AWSLambda', 'lambda', COMPUTE),
  'AWS::Glue::Job': service('AWSGlue', 'glue', ANALYTICS),
  'AWS::Glue::Crawler': icon('resource/AWSGlueCrawler.svg', 'glue_crawlers', ANALYTICS),
  'AWS::Glue::Database': icon('resource/AWSGlueDataCatalog.svg', 'glue_data_catalog', ANALYTICS),
  'AWS::Glue::Table': icon('resource/AWSGlueDataCatalog.svg', 'glue_data_catalog', ANALYTICS),
  'AWS::Athena::WorkGroup': service('AmazonAthena', 'athena', ANALYTICS),
  'AWS::StepFunctions::StateMachine': service('AWSStepFunctions', 'step_functions', INTEGRATION),
  'AWS::MWAA::Environment': service(
    'AmazonManagedWorkflowsforApacheAirflow',
    'managed_workflows_for_apache_airflow',
    INTEGRATION,
  ),
  'AWS::ApiGateway::RestApi': service('AmazonAPIGateway', 'api_gateway', NETWORK),
  'AWS::ApiGatewayV2::Api': service('AmazonAPIGateway', 'api_gateway', NETWORK),
  'AWS::DMS::ReplicationTask': service('AWSDatabaseMigrationService', 'database_migration_service', DATABASE),
  'AWS::DMS::ReplicationConfig': service(
    'AWSDatabaseMigrationService',
    'database_migration_service',
    DATABASE,
  ),
  'AWS::DMS::Endpoint': service('AWSDatabaseMigrationService', 'database_migration_service', DATABASE),
  'AWS::DynamoDB::Table': service('AmazonDynamoDB', 'dynamodb', DATABASE),
  'AWS::RDS::DBInstance': service('AmazonRDS', 'rds', DATABASE),
  'AWS::Events::Rule': service('AmazonEventBridge', 'eventbridge', INTEGRATION),
  'AWS::Scheduler::Schedule': service('AmazonEventBridge', 'eventbridge', INTEGRATION),
  'AWS::SNS::Topic': service('AmazonSimpleNotificationService', 'sns', INTEGRATION),
  'AWS::SQS::Queue': service('AmazonSimpleQueueService', 'sqs', INTEGRATION),
  'AWS::CloudWatch::Alarm': service('AmazonCloudWatch', 'cloudwatch_2', MANAGEMENT),
  'AWS::CloudWatch::Dashboard': service('AmazonCloudWatch', 'cloudwatch_2', MANAGEMENT),
  'AWS::Logs::LogGroup': service('AmazonCloudWatch', 'cloudwatch_2', MANAGEMENT),
  'AWS::CloudTrail::Trail': service('AWSCloudTrail', 'cloudtrail', MANAGEMENT),
  'AWS::CodePipeline::Pipeline': service('AWSCodePipeline', 'codepipeline', DEVTOOLS),
  'AWS::CodeBuild::Project': service('AWSCodeBuild', 'codebuild', DEVTOOLS),
  'AWS::KMS::Key': service('AWSKeyManagementService', 'key_management_service', SECURITY),
  'AWS::SecretsManager::Secret': service('AWSSecretsManager', 'secrets_manager', SECURITY),
  'AWS::LakeFormation::DataLakeSettings': service('AWSLakeFormation', 'lake_formation', ANALYTICS),
  'AWS::IAM::Role': service('AWSIdentityandAccessManagement', 'identity_and_access_management', SECURITY),
  'AWS::IAM::Group': service('AWSIdentityandAccessManagement', 'identity_and_access_management', SECURITY),
  'AWS::IAM::User': service('AWSIdentityandAccessManagement', 'identity_and_access_management', SECURITY),
  // aws-icons 3.3.0 has no QuickSight icon: the analytics category's stands in, draw.io has its own.
  'AWS::QuickSight::DataSet': icon('category/Analytics.svg', 'quicksight', ANALYTICS),
  'AWS::QuickSight::Dashboard': icon('category/Analytics.svg', 'quicksight', ANALYTICS),
  'AWS::QuickSight::DataSource': icon('category/Analytics.svg', 'quicksight', ANALYTICS),
};

const BY_PREFIX: Readonly<Record<string, Icon>> = {
  'AWS::Glue::': service('AWSGlue', 'glue', ANALYTICS),
  'AWS::Lambda::': service('AWSLambda', 'lambda', COMPUTE),
  'AWS::S3': service('AmazonSimpleStorageService', 's3', STORAGE),
  'AWS::Kinesis': service('AmazonKinesis', 'kinesis', ANALYTICS),
  'AWS::ApiGateway': service('AmazonAPIGateway', 'api_gateway', NETWORK),
  'AWS::DMS::': service('AWSDatabaseMigrationService', 'database_migration_service', DATABASE),
  'AWS::QuickSight::': icon('category/Analytics.svg', 'quicksight', ANALYTICS),
  'AWS::CloudWatch::': service('AmazonCloudWatch', 'cloudwatch_2', MANAGEMENT),
  'AWS::Logs::': service('AmazonCloudWatch', 'cloudwatch_2', MANAGEMENT),
  'AWS::IAM::': service('AWSIdentityandAccessManagement', 'identity_and_access_management', SECURITY),
  'AWS::Events::': service('AmazonEventBridge', 'eventbridge', INTEGRATION),
  'AWS::CodeBuild::': service('AWSCodeBuild', 'codebuild', DEVTOOLS),
  'AWS::CodePipeline::': service('AWSCodePipeline', 'codepipeline', DEVTOOLS),
};

/** The category icons AWS publishes, for types without a service icon. */
const BY_CATEGORY: Readonly<Record<NodeCategory, Icon>> = {
  storage: icon('category/Storage.svg', 'storage', STORAGE),
  stream: icon('category/Analytics.svg', 'analytics', ANALYTICS),
  compute: icon('category/Compute.svg', 'compute', COMPUTE),
  analytics: icon('category/Analytics.svg', 'analytics', ANALYTICS),
  catalog: icon('resource/AWSGlueDataCatalog.svg', 'glue_data_catalog', ANALYTICS),
  orchestration: icon('category/ApplicationIntegration.svg', 'application_integration', INTEGRATION),
  integration: icon('category/ApplicationIntegration.svg', 'application_integration', INTEGRATION),
  api: icon('category/NetworkingContentDelivery.svg', 'networking_and_content_delivery', NETWORK),
  database: icon('category/Databases.svg', 'database', DATABASE),
  security: icon('category/SecurityIdentity.svg', 'security_identity_and_compliance', SECURITY),
  monitoring: icon('category/ManagementTools.svg', 'management_and_governance', MANAGEMENT),
  delivery: icon('category/DeveloperTools.svg', 'developer_tools', DEVTOOLS),
  network: icon('category/NetworkingContentDelivery.svg', 'networking_and_content_delivery', NETWORK),
  other: icon('category/Serverless.svg', 'general', '#232F3E'),
};

/** The icon a node is drawn with: its type's, its service's, else its category's. */
export function iconOf(node: Pick<DiagramNode, 'type' | 'category'>): Icon {
  const exact = BY_TYPE[node.type];
  if (exact) return exact;
  const prefix = Object.keys(BY_PREFIX).find((p) => node.type.startsWith(p));
  return prefix ? (BY_PREFIX[prefix] as Icon) : BY_CATEGORY[node.category];
}

const iconsDir = (): string =>
  path.join(path.dirname(createRequire(import.meta.url).resolve('aws-icons/package.json')), 'icons');

const bodies = new Map<string, { viewBox: string; body: string }>();

/** An icon's drawing (inside its `<svg>`) and viewBox, read once per process. */
export function iconBody(file: string): { viewBox: string; body: string } {
  let cached = bodies.get(file);
  if (!cached) {
    const text = readFileSync(path.join(iconsDir(), file), 'utf8');
    const viewBox = /<svg[^>]*viewBox="([^"]+)"/.exec(text)?.[1] ?? '0 0 64 64';
    const body = text
      .replace(/^[\s\S]*?<svg[^>]*>/, '')
      .replace(/<\/svg>\s*$/, '')
      .replace(/<title>[\s\S]*?<\/title>/, '');
    cached = { viewBox, body };
    bodies.set(file, cached);
  }
  return cached;
}
