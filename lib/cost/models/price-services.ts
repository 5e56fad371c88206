import type { PriceService } from './price-query.ts';

/**
 * The AWS services whose prices the models query, in the order the catalog and the refresh list them.
 * Several models share a service (CloudWatch: log groups, metric filters, alarms, dashboards), so each is
 * stated once here and the models refer to it.
 */
export const PRICE_SERVICES = {
  s3: { label: 'S3', service: 'Amazon S3', serviceCode: 'AmazonS3' },
  lambda: { label: 'Lambda', service: 'AWS Lambda', serviceCode: 'AWSLambda' },
  kinesis: { label: 'Kinesis', service: 'Amazon Kinesis Data Streams', serviceCode: 'AmazonKinesis' },
  firehose: { label: 'Firehose', service: 'Amazon Data Firehose', serviceCode: 'AmazonKinesisFirehose' },
  glue: { label: 'Glue', service: 'AWS Glue', serviceCode: 'AWSGlue', usEast1Prefixed: true },
  athena: { label: 'Athena', service: 'Amazon Athena', serviceCode: 'AmazonAthena', usEast1Prefixed: true },
  stepFunctions: {
    label: 'Step Functions',
    service: 'AWS Step Functions',
    serviceCode: 'AmazonStates',
    usEast1Prefixed: true,
  },
  cloudWatch: {
    label: 'CloudWatch',
    service: 'Amazon CloudWatch',
    serviceCode: 'AmazonCloudWatch',
    usEast1Prefixed: true,
  },
  cloudTrail: {
    label: 'CloudTrail',
    service: 'AWS CloudTrail',
    serviceCode: 'AWSCloudTrail',
    usEast1Prefixed: true,
  },
  xRay: { label: 'X-Ray', service: 'AWS X-Ray', serviceCode: 'AWSXRay' },
  apiGateway: { label: 'API Gateway', service: 'Amazon API Gateway', serviceCode: 'AmazonApiGateway' },
  dms: { label: 'DMS', service: 'AWS Database Migration Service', serviceCode: 'AWSDatabaseMigrationSvc' },
  mwaa: { label: 'MWAA', service: 'Amazon MWAA', serviceCode: 'AmazonMWAA' },
  quickSight: {
    label: 'QuickSight',
    service: 'Amazon QuickSight',
    serviceCode: 'AmazonQuickSight',
    usEast1Prefixed: true,
  },
  codePipeline: {
    label: 'CodePipeline',
    service: 'AWS CodePipeline',
    serviceCode: 'AWSCodePipeline',
    usEast1Prefixed: true,
  },
  codeBuild: {
    label: 'CodeBuild',
    service: 'AWS CodeBuild',
    serviceCode: 'CodeBuild',
    usEast1Prefixed: true,
  },
  sns: { label: 'SNS', service: 'Amazon SNS', serviceCode: 'AmazonSNS' },
  sqs: { label: 'SQS', service: 'Amazon SQS', serviceCode: 'AWSQueueService' },
  kms: { label: 'KMS', service: 'AWS KMS', serviceCode: 'awskms' },
  secretsManager: {
    label: 'Secrets Manager',
    service: 'AWS Secrets Manager',
    serviceCode: 'AWSSecretsManager',
  },
  eventBridge: { label: 'EventBridge', service: 'Amazon EventBridge', serviceCode: 'AWSEvents' },
  budgets: { label: 'Budgets', service: 'AWS Budgets', serviceCode: 'AWSBudgets' },
  rds: { label: 'RDS', service: 'Amazon RDS for MySQL', serviceCode: 'AmazonRDS' },
  vpc: { label: 'VPC', service: 'Amazon VPC', serviceCode: 'AmazonVPC' },
  ec2: { label: 'EC2', service: 'Amazon EC2', serviceCode: 'AmazonEC2' },
  elb: { label: 'ELB', service: 'Elastic Load Balancing', serviceCode: 'AWSELB' },
  dynamoDb: { label: 'DynamoDB', service: 'Amazon DynamoDB', serviceCode: 'AmazonDynamoDB' },
  fargate: {
    label: 'Fargate',
    service: 'AWS Fargate',
    serviceCode: 'AmazonECS',
    usEast1Prefixed: true,
  },
  elastiCache: { label: 'ElastiCache', service: 'Amazon ElastiCache', serviceCode: 'AmazonElastiCache' },
  openSearch: { label: 'OpenSearch', service: 'Amazon OpenSearch Service', serviceCode: 'AmazonES' },
  msk: { label: 'MSK', service: 'Amazon MSK', serviceCode: 'AmazonMSK', usEast1Prefixed: true },
  cloudFront: { label: 'CloudFront', service: 'Amazon CloudFront', serviceCode: 'AmazonCloudFront' },
  cognito: { label: 'Cognito', service: 'Amazon Cognito', serviceCode: 'AmazonCognito' },
  appSync: { label: 'AppSync', service: 'AWS AppSync', serviceCode: 'AWSAppSync' },
  redshift: { label: 'Redshift', service: 'Amazon Redshift', serviceCode: 'AmazonRedshift' },
  emr: { label: 'EMR', service: 'Amazon EMR', serviceCode: 'ElasticMapReduce' },
  route53: { label: 'Route 53', service: 'Amazon Route 53', serviceCode: 'AmazonRoute53' },
  waf: { label: 'WAF', service: 'AWS WAF', serviceCode: 'awswaf' },
  efs: { label: 'EFS', service: 'Amazon EFS', serviceCode: 'AmazonEFS', usEast1Prefixed: true },
} as const satisfies Record<string, PriceService>;
