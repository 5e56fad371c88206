import type { TerraformValues } from './plan-file.ts';

/**
 * A Terraform resource as the cost models see it: the CloudFormation type of the same thing and the
 * properties those models read, so one set of models prices both tracks (lib/cost/models).
 */
export interface MappedResource {
  readonly type: string;
  readonly properties: Record<string, unknown>;
}

type Mapper = (values: TerraformValues) => Record<string, unknown>;

/** The first block of a nested block list (`extended_s3_configuration { … }` is `[{ … }]` in JSON). */
function block(values: TerraformValues | undefined, name: string): TerraformValues | undefined {
  const list = values?.[name];
  return Array.isArray(list) && list[0] && typeof list[0] === 'object'
    ? (list[0] as TerraformValues)
    : undefined;
}

/** Only the properties whose value the plan knows: an absent property lets the model use its default. */
function known(properties: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(properties).filter(([, v]) => v !== undefined && v !== null));
}

const none: Mapper = () => ({});

/** Terraform types with a CloudFormation twin, and how their attributes become the properties models read. */
const MAPPED: Record<string, { readonly type: string; readonly properties: Mapper }> = {
  // Lifecycle rules live in aws_s3_bucket_lifecycle_configuration: plan-inventory.ts folds them in.
  aws_s3_bucket: { type: 'AWS::S3::Bucket', properties: none },
  aws_s3_bucket_policy: { type: 'AWS::S3::BucketPolicy', properties: none },
  aws_kinesis_stream: {
    type: 'AWS::Kinesis::Stream',
    properties: (v) =>
      known({
        ShardCount: v.shard_count,
        RetentionPeriodHours: v.retention_period,
        StreamModeDetails: block(v, 'stream_mode_details') && {
          StreamMode: block(v, 'stream_mode_details')?.stream_mode,
        },
      }),
  },
  aws_kinesis_firehose_delivery_stream: {
    type: 'AWS::KinesisFirehose::DeliveryStream',
    properties: (v) => {
      const s3 = block(v, 'extended_s3_configuration');
      if (!s3) return {};
      const conversion = block(s3, 'data_format_conversion_configuration');
      const partitioning = block(s3, 'dynamic_partitioning_configuration');
      const processing = block(s3, 'processing_configuration');
      return {
        ExtendedS3DestinationConfiguration: known({
          // Terraform keeps a disabled block (enabled = false); CloudFormation leaves it out.
          DataFormatConversionConfiguration: conversion && conversion.enabled !== false ? {} : undefined,
          DynamicPartitioningConfiguration: partitioning && { Enabled: partitioning.enabled === true },
          // The model looks for the JQ-1.6 parameter value, which both spell the same.
          ProcessingConfiguration: processing && { Processors: processing.processors ?? [] },
        }),
      };
    },
  },
  aws_glue_job: {
    type: 'AWS::Glue::Job',
    properties: (v) =>
      known({
        Command: block(v, 'command') && { Name: block(v, 'command')?.name },
        WorkerType: v.worker_type,
        NumberOfWorkers: v.number_of_workers,
        MaxCapacity: v.max_capacity,
        ExecutionClass: v.execution_class,
        GlueVersion: v.glue_version,
      }),
  },
  aws_glue_crawler: {
    type: 'AWS::Glue::Crawler',
    properties: (v) =>
      known({
        Schedule:
          typeof v.schedule === 'string' && v.schedule !== ''
            ? { ScheduleExpression: v.schedule }
            : undefined,
      }),
  },
  aws_glue_catalog_database: { type: 'AWS::Glue::Database', properties: none },
  aws_glue_catalog_table: { type: 'AWS::Glue::Table', properties: none },
  aws_glue_trigger: { type: 'AWS::Glue::Trigger', properties: none },
  aws_glue_security_configuration: { type: 'AWS::Glue::SecurityConfiguration', properties: none },
  aws_glue_classifier: { type: 'AWS::Glue::Classifier', properties: none },
  aws_lambda_function: {
    type: 'AWS::Lambda::Function',
    properties: (v) => known({ MemorySize: v.memory_size, Architectures: v.architectures }),
  },
  aws_lambda_event_source_mapping: { type: 'AWS::Lambda::EventSourceMapping', properties: none },
  aws_lambda_permission: { type: 'AWS::Lambda::Permission', properties: none },
  aws_lambda_alias: { type: 'AWS::Lambda::Alias', properties: none },
  aws_cloudwatch_log_group: {
    type: 'AWS::Logs::LogGroup',
    properties: (v) => known({ RetentionInDays: v.retention_in_days }),
  },
  aws_cloudwatch_metric_alarm: {
    type: 'AWS::CloudWatch::Alarm',
    properties: (v) =>
      known({
        Period: v.period,
        // The model counts the queries that read a metric (CloudFormation's MetricStat).
        Metrics: Array.isArray(v.metric_query)
          ? v.metric_query.map((q) =>
              ((q as TerraformValues).metric as unknown[])?.length ? { MetricStat: {} } : {},
            )
          : undefined,
      }),
  },
  aws_cloudwatch_event_rule: { type: 'AWS::Events::Rule', properties: none },
  aws_sns_topic: { type: 'AWS::SNS::Topic', properties: none },
  aws_sns_topic_subscription: { type: 'AWS::SNS::Subscription', properties: none },
  aws_sqs_queue: {
    type: 'AWS::SQS::Queue',
    properties: (v) => known({ FifoQueue: v.fifo_queue }),
  },
  aws_sqs_queue_policy: { type: 'AWS::SQS::QueuePolicy', properties: none },
  aws_kms_key: { type: 'AWS::KMS::Key', properties: none },
  aws_kms_alias: { type: 'AWS::KMS::Alias', properties: none },
  aws_iam_role: { type: 'AWS::IAM::Role', properties: none },
  aws_iam_role_policy: { type: 'AWS::IAM::Policy', properties: none },
  aws_iam_group_policy: { type: 'AWS::IAM::Policy', properties: none },
  aws_iam_policy: { type: 'AWS::IAM::ManagedPolicy', properties: none },
  aws_iam_group: { type: 'AWS::IAM::Group', properties: none },
  aws_iam_user: { type: 'AWS::IAM::User', properties: none },
  aws_iam_user_group_membership: { type: 'AWS::IAM::UserToGroupAddition', properties: none },
  aws_iam_instance_profile: { type: 'AWS::IAM::InstanceProfile', properties: none },
  aws_iam_openid_connect_provider: { type: 'AWS::IAM::OIDCProvider', properties: none },
};

/**
 * Terraform types that are a setting of another resource (CloudFormation writes them as its properties):
 * free in themselves, the resource they set is priced.
 */
const SETTINGS: Record<string, string> = {
  aws_s3_bucket_versioning: 'a setting of its bucket (old versions are billed as the bucket’s storage)',
  aws_s3_bucket_server_side_encryption_configuration: 'a setting of its bucket',
  aws_s3_bucket_public_access_block: 'a setting of its bucket',
  aws_s3_bucket_lifecycle_configuration: 'a setting of its bucket, whose storage classes it prices',
  aws_s3_bucket_logging: 'a setting of its bucket (the logs are billed as the log bucket’s storage)',
  aws_s3_bucket_ownership_controls: 'a setting of its bucket',
  aws_s3_bucket_notification: 'a setting of its bucket',
  aws_s3_bucket_acl: 'a setting of its bucket',
  aws_s3_object: 'billed as its bucket’s storage and requests (usage file)',
  aws_iam_role_policy_attachment: 'IAM is free',
  aws_iam_group_policy_attachment: 'IAM is free',
  aws_iam_user_policy_attachment: 'IAM is free',
  aws_iam_group_membership: 'IAM is free',
  aws_cloudwatch_event_target: 'a part of its rule; the target’s invocations are billed on the target',
  terraform_data: 'exists only in the state',
  null_resource: 'exists only in the state',
};

export type TypeMapping =
  | { readonly kind: 'mapped'; readonly resource: MappedResource }
  | { readonly kind: 'setting'; readonly reason: string }
  | { readonly kind: 'unknown' };

/** How the cost estimate treats one Terraform resource type with these attribute values. */
export function mapResourceType(type: string, values: TerraformValues): TypeMapping {
  const mapped = MAPPED[type];
  if (mapped)
    return { kind: 'mapped', resource: { type: mapped.type, properties: mapped.properties(values) } };
  const reason = SETTINGS[type];
  if (reason) return { kind: 'setting', reason };
  return { kind: 'unknown' };
}
