variable "prefix" {
  description = "Name prefix of this environment, `<project>-<environment>`: roles, policies and the group are `<prefix>-<purpose>`."
  type        = string
}

variable "database_prefix" {
  description = "Prefix of this environment's Glue databases, `<project>_<environment>` (Glue allows no hyphens): each role reaches only its own databases."
  type        = string
}

variable "bucket_arns" {
  description = "ARN of each lake bucket by purpose (the data-lake module's `bucket_arns`): raw, clean, curated, athena-results."
  type        = map(string)
}

variable "key_arn" {
  description = "The lake's KMS key (the data-lake module's `key_arn`), used through S3 only; null where the lake uses SSE-S3."
  type        = string
  default     = null
}

variable "iam_users" {
  description = "IAM users to create into the analysts group, without password or access key (config/<env>.json's `iamUsers`); prefer IAM Identity Center."
  type        = list(string)
  default     = []
}

variable "permissions_boundary_arn" {
  description = "Managed policy put as permissions boundary on every role and user (config/<env>.json's `permissionsBoundaryArn`); null for none."
  type        = string
  default     = null
}

variable "glue_roles" {
  description = "Whether to create the roles of the two Glue jobs and of the raw crawler (the processing phase is on)."
  type        = bool
  default     = false
}

variable "lambda_roles" {
  description = "Whether to create the roles of the api-ingest, s3-validator and stream-consumer functions (the ingestion phase is on)."
  type        = bool
  default     = false
}

variable "tags" {
  description = "Tags put on every resource of the module (project, environment, phase, owner, cost-center)."
  type        = map(string)
  default     = {}
}
