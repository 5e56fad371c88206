# The ingestion functions of a sandbox, on an on-demand stream, with the roles of the iam module.
terraform {
  required_version = ">= 1.10"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 6.0"
    }
  }
}

variable "role_arns" {
  description = "Role of each function (api-ingest, s3-validator, stream-consumer), e.g. the iam module's lambda_role_arns."
  type        = map(string)
}

module "lambda" {
  source             = "../.."
  prefix             = "launchpad-sandbox"
  environment        = "sandbox"
  role_arns          = var.role_arns
  raw_bucket_name    = "launchpad-sandbox-raw-example"
  lambdas_dir        = "${path.root}/../../../../../pipeline/lambdas"
  log_retention_days = 7
  stream_shards      = 0
}

output "function_names" {
  description = "The sandbox's functions."
  value       = module.lambda.function_names
}
