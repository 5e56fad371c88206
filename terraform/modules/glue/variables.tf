variable "prefix" {
  description = "Name prefix of this environment, `<project>-<environment>`: the jobs and the crawler are `<prefix>-<purpose>`."
  type        = string
}

variable "database_prefix" {
  description = "Prefix of this environment's Glue databases, `<project>_<environment>` (Glue allows no hyphens)."
  type        = string
}

variable "bucket_names" {
  description = "Name of each lake bucket by purpose (the data-lake module's `bucket_names`): raw, clean, curated."
  type        = map(string)
}

variable "job_role_arns" {
  description = "Role of each job by job, raw-to-clean and clean-to-curated (the iam module's `glue_job_role_arns`)."
  type        = map(string)
}

variable "crawler_role_arn" {
  description = "Role of the raw crawler (the iam module's `crawler_role_arn`)."
  type        = string
}

variable "glue_dir" {
  description = "Folder of the job scripts and the transforms package: the repository's pipeline/glue."
  type        = string
}

variable "processing" {
  description = "Worker type and count, timeout (minutes) and retries of a job run: config/<env>.json's `processing`."
  type = object({
    worker_type       = string
    number_of_workers = number
    timeout_minutes   = number
    max_retries       = number
  })
}

variable "crawler_schedule" {
  description = "`cron(...)` of the raw crawler, or null to run it only when started (config/<env>.json's `ingestion.crawlerSchedule`)."
  type        = string
  default     = null
}

variable "log_retention_days" {
  description = "How long the jobs' continuous logs are kept (config/<env>.json's `logRetentionDays`)."
  type        = number
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
