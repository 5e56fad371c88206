# The analysts' role, policy and group of a sandbox lake, with the Glue roles, and a boundary on every role.
terraform {
  required_version = ">= 1.10"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 6.0"
    }
  }
}

variable "permissions_boundary_arn" {
  description = "The organisation's permissions boundary policy, or null."
  type        = string
  default     = null
}

module "iam" {
  source          = "../.."
  prefix          = "launchpad-sandbox"
  database_prefix = "launchpad_sandbox"
  bucket_arns = {
    raw            = "arn:aws:s3:::launchpad-sandbox-raw-example"
    clean          = "arn:aws:s3:::launchpad-sandbox-clean-example"
    curated        = "arn:aws:s3:::launchpad-sandbox-curated-example"
    athena-results = "arn:aws:s3:::launchpad-sandbox-athena-results-example"
  }
  glue_roles               = true
  permissions_boundary_arn = var.permissions_boundary_arn
}

output "analyst_role_arn" {
  description = "Role analysts assume with MFA."
  value       = module.iam.analyst_role_arn
}
