# The two ETL jobs and the raw crawler of a sandbox lake, with the roles of the iam module.
terraform {
  required_version = ">= 1.10"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 6.0"
    }
  }
}

variable "job_role_arns" {
  description = "Role of each job (raw-to-clean, clean-to-curated), e.g. the iam module's glue_job_role_arns."
  type        = map(string)
}

variable "crawler_role_arn" {
  description = "Role of the raw crawler, e.g. the iam module's crawler_role_arn."
  type        = string
}

module "glue" {
  source          = "../.."
  prefix          = "launchpad-sandbox"
  database_prefix = "launchpad_sandbox"
  bucket_names = {
    raw     = "launchpad-sandbox-raw-example"
    clean   = "launchpad-sandbox-clean-example"
    curated = "launchpad-sandbox-curated-example"
  }
  job_role_arns      = var.job_role_arns
  crawler_role_arn   = var.crawler_role_arn
  glue_dir           = "${path.root}/../../../../../pipeline/glue"
  log_retention_days = 7
  processing = {
    worker_type       = "G.1X"
    number_of_workers = 2
    timeout_minutes   = 30
    max_retries       = 1
  }
}

output "job_names" {
  description = "The sandbox's Glue jobs."
  value       = module.glue.job_names
}
