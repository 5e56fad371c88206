/**
 * Our service names (the `service` of each cost model, as the estimate shows them) beside the values of Cost
 * Explorer's SERVICE dimension, which are the bill's own names and often differ: CloudWatch is
 * `AmazonCloudWatch`, EventBridge bills as `CloudWatch Events`, Firehose keeps its old Kinesis name.
 *
 * Keyed by the Cost Explorer value, because the bill is what we match: several of its services can belong to
 * one of ours (a NAT gateway's hours are `EC2 - Other`, its public address `Amazon Virtual Private Cloud`).
 * A bill line whose service is not here gets a row of its own with no estimate beside it, never a silent drop.
 */
export const COST_EXPLORER_SERVICES: Readonly<Record<string, string>> = {
  'AWS Budgets': 'AWS Budgets',
  'AWS CloudTrail': 'AWS CloudTrail',
  CodeBuild: 'AWS CodeBuild',
  'AWS CodePipeline': 'AWS CodePipeline',
  'AWS Database Migration Service': 'AWS Database Migration Service',
  'AWS Glue': 'AWS Glue',
  'AWS Key Management Service': 'AWS KMS',
  'AWS Lambda': 'AWS Lambda',
  'AWS Secrets Manager': 'AWS Secrets Manager',
  'AWS Step Functions': 'AWS Step Functions',
  'AWS X-Ray': 'AWS X-Ray',
  'Amazon API Gateway': 'Amazon API Gateway',
  'Amazon Athena': 'Amazon Athena',
  AmazonCloudWatch: 'Amazon CloudWatch',
  'Amazon Kinesis Firehose': 'Amazon Data Firehose',
  'CloudWatch Events': 'Amazon EventBridge',
  'Amazon EventBridge': 'Amazon EventBridge',
  'Amazon Kinesis': 'Amazon Kinesis Data Streams',
  'Amazon Managed Workflows for Apache Airflow': 'Amazon MWAA',
  'Amazon QuickSight': 'Amazon QuickSight',
  'Amazon Relational Database Service': 'Amazon RDS',
  'Amazon Simple Storage Service': 'Amazon S3',
  'Amazon Simple Notification Service': 'Amazon SNS',
  'Amazon Simple Queue Service': 'Amazon SQS',
  'Amazon Virtual Private Cloud': 'Amazon VPC',
  'Amazon Elastic Compute Cloud - Compute': 'Amazon EC2',
  'Amazon Elastic Load Balancing': 'Elastic Load Balancing',
  'Amazon DynamoDB': 'Amazon DynamoDB',
  // Fargate tasks bill under ECS.
  'Amazon Elastic Container Service': 'AWS Fargate',
  'Amazon ElastiCache': 'Amazon ElastiCache',
  'Amazon OpenSearch Service': 'Amazon OpenSearch Service',
  'Amazon Managed Streaming for Apache Kafka': 'Amazon MSK',
  'Amazon CloudFront': 'Amazon CloudFront',
  'Amazon Cognito': 'Amazon Cognito',
  'AWS AppSync': 'AWS AppSync',
  'Amazon Redshift': 'Amazon Redshift',
  'Amazon Elastic MapReduce': 'Amazon EMR',
  'Amazon Route 53': 'Amazon Route 53',
  'AWS WAF': 'AWS WAF',
  'Amazon Elastic File System': 'Amazon EFS',
  // NAT gateway hours and data processed are billed here (EBS volumes too, which this app has none of).
  'EC2 - Other': 'Amazon VPC',
};

/**
 * Our name for a Cost Explorer SERVICE value, or undefined when we have none. The estimate splits RDS by engine
 * (`Amazon RDS for MySQL`); the bill does not, so `Amazon RDS` rows gather every `Amazon RDS…` service.
 */
export function ourServiceName(costExplorerService: string): string | undefined {
  return COST_EXPLORER_SERVICES[costExplorerService];
}

/**
 * The name an estimate's service is compared under: engine-specific RDS services and Aurora fold into
 * `Amazon RDS`, as the bill has them.
 */
export function comparedServiceName(estimateService: string): string {
  return estimateService.startsWith('Amazon RDS') || estimateService === 'Amazon Aurora'
    ? 'Amazon RDS'
    : estimateService;
}
