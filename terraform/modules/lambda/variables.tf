variable "prefix" {
  description = "Name prefix of this environment, `<project>-<environment>`: functions, stream and queues are `<prefix>-<purpose>`."
  type        = string
}

variable "environment" {
  description = "Environment name (dev, stage, prod), passed to the handlers with their metrics."
  type        = string
}

variable "role_arns" {
  description = "Role of each function by function, api-ingest, s3-validator and stream-consumer (the iam module's `lambda_role_arns`)."
  type        = map(string)
}

variable "raw_bucket_name" {
  description = "Name of the raw zone's bucket, whose uploads the validator checks and where the consumer quarantines records."
  type        = string
}

variable "lambdas_dir" {
  description = "Folder of the handlers, pipeline/lambdas: <name>/handler.py and the shared common/ package."
  type        = string
}

variable "log_retention_days" {
  description = "How long the functions' logs are kept (config/<env>.json's `logRetentionDays`)."
  type        = number
}

variable "reserved_concurrency" {
  description = "Concurrent executions reserved for each function (config/<env>.json's `ingestion.lambdaReservedConcurrency`); null leaves them unreserved."
  type        = number
  default     = null
}

variable "stream_shards" {
  description = "Provisioned shards of the ride stream, or 0 for on-demand (config/<env>.json's `costlyServices.kinesisProvisionedShards`)."
  type        = number
}

variable "stream_retention_hours" {
  description = "How long the ride stream keeps records (config/<env>.json's `ingestion.streamRetentionHours`)."
  type        = number
  default     = 24
}

variable "key_arn" {
  description = "The lake's KMS key (the data-lake module's `key_arn`), which then encrypts the log groups; null where the lake uses SSE-S3."
  type        = string
  default     = null
}

variable "tags" {
  description = "Tags put on every resource of the module (project, environment, phase, owner, cost-center)."
  type        = map(string)
  default     = {}
}
