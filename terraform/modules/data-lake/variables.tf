variable "prefix" {
  description = "Name prefix of this environment, `<project>-<environment>` (e.g. launchpad-dev): every bucket is `<prefix>-<purpose>-<account>`."
  type        = string
}

variable "account_id" {
  description = "AWS account id, the last part of each bucket name: bucket names are global, so it keeps two learners' buckets apart."
  type        = string
}

variable "encryption" {
  description = "`s3-managed` (SSE-S3, free) or `kms` (SSE-KMS with a customer-managed key of this lake, $1 a month), as config/<env>.json's `encryption`."
  type        = string
  validation {
    condition     = contains(["s3-managed", "kms"], var.encryption)
    error_message = "encryption must be \"s3-managed\" or \"kms\" (config/<env>.json: encryption)."
  }
}

variable "force_destroy" {
  description = "Whether `terraform destroy` may delete buckets that still hold objects: true where config/<env>.json says `removalPolicy: destroy` (CDK empties such buckets too)."
  type        = bool
}

variable "lifecycle_days" {
  description = "When objects move to cheaper storage and when logs, results and old versions expire: config/<env>.json's `lifecycle` (days)."
  type = object({
    transition_to_infrequent_access_days         = number
    transition_to_glacier_instant_retrieval_days = number
    noncurrent_version_expiration_days           = number
    abort_incomplete_multipart_upload_days       = number
    access_logs_expiration_days                  = number
    query_results_expiration_days                = number
  })
}

variable "tags" {
  description = "Tags put on every resource of the module (project, environment, phase, owner, cost-center)."
  type        = map(string)
  default     = {}
}
