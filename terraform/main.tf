# The phase 1-3 core of one environment: the workspace names it (dev, stage, prod) and config/<workspace>.json,
# the file the CDK app reads too, says what it holds.
locals {
  environment = terraform.workspace
  config      = jsondecode(file("${path.root}/../config/${local.environment}.json"))
  pipeline    = coalesce(var.pipeline_dir, "${path.root}/../pipeline")
  # Names `<project>-<environment>-<purpose>` (lib/config/resource-names.ts); Glue allows no hyphens.
  prefix          = "${local.config.project}-${local.environment}"
  database_prefix = replace(local.prefix, "-", "_")
  phases          = local.config.phases
  # Settings the config files may leave out take the defaults config/schema.json documents.
  ingestion = merge({
    streamRetentionHours      = 24
    lambdaReservedConcurrency = null
    crawlerSchedule           = null
  }, try(local.config.ingestion, {}))
  processing = merge({
    workerType      = "G.1X"
    numberOfWorkers = 2
    timeoutMinutes  = 30
    maxRetries      = 1
  }, try(local.config.processing, {}))
}

provider "aws" {
  region = local.config.region
  # Where config/<env>.json names its account, Terraform refuses to touch any other.
  allowed_account_ids = try([local.config.account], null)
  default_tags {
    tags = {
      project       = local.config.project
      environment   = local.environment
      owner         = local.config.owner
      "cost-center" = local.config.costCenter
    }
  }
}

data "aws_caller_identity" "current" {}
data "aws_partition" "current" {}

locals {
  # Every role and user carries a boundary, as in the CDK track (infra/phases/phase-stack.ts): the
  # organisation's from config, else the one `npm run bootstrap` made for this environment. The deploy role's
  # execution policy refuses to create a role without it.
  permissions_boundary_arn = try(
    local.config.permissionsBoundaryArn,
    "arn:${data.aws_partition.current.partition}:iam::${data.aws_caller_identity.current.account_id}:policy/cdk-${local.prefix}-boundary",
  )
}

module "data_lake" {
  source        = "./modules/data-lake"
  prefix        = local.prefix
  account_id    = data.aws_caller_identity.current.account_id
  encryption    = local.config.encryption
  force_destroy = local.config.removalPolicy == "destroy"
  lifecycle_days = {
    transition_to_infrequent_access_days         = local.config.lifecycle.transitionToInfrequentAccessDays
    transition_to_glacier_instant_retrieval_days = local.config.lifecycle.transitionToGlacierInstantRetrievalDays
    noncurrent_version_expiration_days           = local.config.lifecycle.noncurrentVersionExpirationDays
    abort_incomplete_multipart_upload_days       = local.config.lifecycle.abortIncompleteMultipartUploadDays
    access_logs_expiration_days                  = local.config.lifecycle.accessLogsExpirationDays
    query_results_expiration_days                = local.config.lifecycle.queryResultsExpirationDays
  }
  tags = { phase = "foundation" }
}

module "iam" {
  source                   = "./modules/iam"
  prefix                   = local.prefix
  database_prefix          = local.database_prefix
  bucket_arns              = module.data_lake.bucket_arns
  key_arn                  = module.data_lake.key_arn
  iam_users                = try(local.config.iamUsers, [])
  permissions_boundary_arn = local.permissions_boundary_arn
  glue_roles               = local.phases.processing
  lambda_roles             = local.phases.ingestion
  tags                     = { phase = "foundation" }
}

module "lambda" {
  count                  = local.phases.ingestion ? 1 : 0
  source                 = "./modules/lambda"
  prefix                 = local.prefix
  environment            = local.environment
  role_arns              = module.iam.lambda_role_arns
  raw_bucket_name        = module.data_lake.bucket_names["raw"]
  lambdas_dir            = "${local.pipeline}/lambdas"
  key_arn                = module.data_lake.key_arn
  log_retention_days     = local.config.logRetentionDays
  reserved_concurrency   = local.ingestion.lambdaReservedConcurrency
  stream_shards          = local.config.costlyServices.kinesisProvisionedShards
  stream_retention_hours = local.ingestion.streamRetentionHours
  tags                   = { phase = "ingestion" }
}

module "glue" {
  count              = local.phases.processing ? 1 : 0
  source             = "./modules/glue"
  prefix             = local.prefix
  database_prefix    = local.database_prefix
  bucket_names       = module.data_lake.bucket_names
  job_role_arns      = module.iam.glue_job_role_arns
  crawler_role_arn   = module.iam.crawler_role_arn
  glue_dir           = "${local.pipeline}/glue"
  key_arn            = module.data_lake.key_arn
  crawler_schedule   = local.ingestion.crawlerSchedule
  log_retention_days = local.config.logRetentionDays
  processing = {
    worker_type       = local.processing.workerType
    number_of_workers = local.processing.numberOfWorkers
    timeout_minutes   = local.processing.timeoutMinutes
    max_retries       = local.processing.maxRetries
  }
  tags = { phase = "processing" }
}
