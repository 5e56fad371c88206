# The lake of a sandbox environment with SSE-S3, deleted with its objects on destroy.
terraform {
  required_version = ">= 1.10"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 6.0"
    }
  }
}

data "aws_caller_identity" "current" {}

module "data_lake" {
  source        = "../.."
  prefix        = "launchpad-sandbox"
  account_id    = data.aws_caller_identity.current.account_id
  encryption    = "s3-managed"
  force_destroy = true
  lifecycle_days = {
    transition_to_infrequent_access_days         = 30
    transition_to_glacier_instant_retrieval_days = 90
    noncurrent_version_expiration_days           = 7
    abort_incomplete_multipart_upload_days       = 7
    access_logs_expiration_days                  = 30
    query_results_expiration_days                = 7
  }
}

output "bucket_names" {
  description = "The sandbox lake's buckets by purpose."
  value       = module.data_lake.bucket_names
}
