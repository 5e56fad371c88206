import type { Inventory } from '../assembly/types.ts';
import { isProviderPath } from '../diagram/ownership.ts';

/** Display names of the AWS services behind CloudFormation type prefixes. */
const SERVICES: Record<string, string> = {
  S3: 'Amazon S3',
  IAM: 'AWS IAM',
  KMS: 'AWS KMS',
  Budgets: 'AWS Budgets',
  Lambda: 'AWS Lambda',
  Kinesis: 'Amazon Kinesis Data Streams',
  KinesisFirehose: 'Amazon Data Firehose',
  Glue: 'AWS Glue',
  Athena: 'Amazon Athena',
  StepFunctions: 'AWS Step Functions',
  Logs: 'Amazon CloudWatch Logs',
  CloudWatch: 'Amazon CloudWatch',
  CloudTrail: 'AWS CloudTrail',
  ApiGateway: 'Amazon API Gateway',
  DMS: 'AWS DMS',
  MWAA: 'Amazon MWAA',
  QuickSight: 'Amazon QuickSight',
  CodePipeline: 'AWS CodePipeline',
  CodeBuild: 'AWS CodeBuild',
  SNS: 'Amazon SNS',
  SQS: 'Amazon SQS',
  SecretsManager: 'AWS Secrets Manager',
  Events: 'Amazon EventBridge',
  Scheduler: 'Amazon EventBridge Scheduler',
  RDS: 'Amazon RDS',
  EC2: 'Amazon VPC',
};

/** Plumbing types that do not make a service worth naming on their own. */
const PLUMBING = new Set(['CDK', 'CloudFormation']);

/** The AWS services the stacks use, by name, sorted. */
export function awsServices(inventory: Inventory): string[] {
  const names = new Set<string>();
  for (const stack of inventory.stacks) {
    for (const resource of stack.resources) {
      const [vendor, service] = resource.type.split('::');
      // CDK's own helper functions (e.g. the one that empties dev buckets) are not part of the architecture.
      if (vendor !== 'AWS' || !service || PLUMBING.has(service) || isProviderPath(resource.constructPath))
        continue;
      names.add(SERVICES[service] ?? `AWS ${service}`);
    }
  }
  return [...names].sort();
}

/** The tooling the repository itself is built with. */
export const TOOLING = [
  'AWS CDK v2 in TypeScript, one Stage per environment and one Stack per roadmap phase',
  'cdk-nag (AwsSolutions), cfn-lint and checkov on every synthesized template',
  'GitHub Actions for CI, push-to-deploy dev → stage → prod over OIDC, pull-request cost comments and docs',
  'Custom TypeScript actions (deploy, pipeline-run, cost, docs, destroy) on the CDK toolkit library and the AWS SDK',
  'boto3 and pytest against a local AWS (moto) for the Python code',
  'An offline cost engine with a price catalog from the AWS Price List API',
  'Mermaid diagrams generated from the templates',
];
