data "aws_partition" "current" {}
data "aws_region" "current" {}
data "aws_caller_identity" "current" {}

# ARNs built from the names the other modules give, so this module needs no reference to them (no cycle:
# the functions need their roles, the roles need the functions' log groups).
locals {
  partition = data.aws_partition.current.partition
  region    = data.aws_region.current.region
  account   = data.aws_caller_identity.current.account_id
  arn       = "${local.partition}:%s:${local.region}:${local.account}:%s"
  glue_arn = {
    catalog  = "arn:${format(local.arn, "glue", "catalog")}"
    database = "arn:${format(local.arn, "glue", "database/%s")}"
    tables   = "arn:${format(local.arn, "glue", "table/%s/*")}"
  }
  stream_arn    = "arn:${format(local.arn, "kinesis", "stream/${var.prefix}-rides")}"
  logs_arn      = "arn:${format(local.arn, "logs", "log-group:%s:*")}"
  queue_arn     = "arn:${format(local.arn, "sqs", "%s")}"
  workgroup_arn = "arn:${format(local.arn, "athena", "workgroup/${var.prefix}-analytics")}"
  data_catalog  = "arn:${format(local.arn, "athena", "datacatalog/AwsDataCatalog")}"
  kms_via_s3    = "s3.${local.region}.amazonaws.com"
  kms           = var.key_arn != null
}
