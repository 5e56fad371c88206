data "aws_caller_identity" "current" {}

locals {
  # pipeline/glue/jobs.json: the one definition of each job's script, Glue version and arguments.
  jobs = jsondecode(file("${var.glue_dir}/jobs.json"))
  # Where the scripts and the library go: under glue/ in the raw zone, which no crawler or validator reads.
  raw = var.bucket_names["raw"]
}

data "archive_file" "transforms" {
  type        = "zip"
  output_path = "${path.module}/.build/transforms.zip"
  # The scripts import `pipeline.glue.transforms`: the zip holds that package path and nothing else.
  source {
    content  = file("${var.glue_dir}/../__init__.py")
    filename = "pipeline/__init__.py"
  }
  source {
    content  = file("${var.glue_dir}/__init__.py")
    filename = "pipeline/glue/__init__.py"
  }
  dynamic "source" {
    for_each = [for f in fileset("${var.glue_dir}/transforms", "*.py") : f if !startswith(f, "test_")]
    content {
      content  = file("${var.glue_dir}/transforms/${source.value}")
      filename = "pipeline/glue/transforms/${source.value}"
    }
  }
}

resource "aws_s3_object" "transforms" {
  bucket      = local.raw
  key         = "glue/transforms.zip"
  source      = data.archive_file.transforms.output_path
  source_hash = data.archive_file.transforms.output_base64sha256
  tags        = var.tags
}

resource "aws_s3_object" "script" {
  for_each    = local.job_names
  bucket      = local.raw
  key         = "glue/${basename(local.jobs[each.key].script)}"
  source      = "${var.glue_dir}/../../${local.jobs[each.key].script}"
  source_hash = filesha256("${var.glue_dir}/../../${local.jobs[each.key].script}")
  tags        = var.tags
}

resource "aws_glue_catalog_database" "zone" {
  for_each    = local.database_names
  name        = each.value
  catalog_id  = data.aws_caller_identity.current.account_id
  description = each.key == "raw" ? "Raw zone, as the crawler finds it" : "The ${each.key} zone of ${var.prefix}"
}

# Glue's default log groups are shared by every job of the account and never expire.
resource "aws_cloudwatch_log_group" "jobs" {
  #checkov:skip=CKV_AWS_158:The environment encrypts with "s3-managed": CloudWatch Logs encrypts every log group at rest with keys of its own; encryption "kms" puts the log groups under the data lake key.
  name              = local.job_log_group
  retention_in_days = var.log_retention_days
  kms_key_id        = var.key_arn
  tags              = var.tags
}

resource "aws_glue_job" "this" {
  #checkov:skip=CKV_AWS_195:A security configuration would restate the encryption the data already has: the lake buckets encrypt every object by default (SSE-S3, or SSE-KMS under the lake key). Its CloudWatch Logs option would move the logs to groups Glue names after it, which the alarms and the dashboard do not watch (CloudWatch Logs encrypts every group at rest anyway), and bookmarks hold object keys and timestamps, no data.
  for_each          = local.job_names
  name              = each.value
  description       = each.key == "raw-to-clean" ? "Raw ride events → clean, partitioned Parquet (type drift, nulls, duplicates)" : "Clean rides → curated Delta Lake table, one row per ride, by MERGE"
  role_arn          = var.job_role_arns[each.key]
  glue_version      = local.jobs[each.key].glueVersion
  worker_type       = var.processing.worker_type
  number_of_workers = var.processing.number_of_workers
  timeout           = var.processing.timeout_minutes
  max_retries       = var.processing.max_retries
  command {
    name            = "glueetl"
    python_version  = "3"
    script_location = "s3://${local.raw}/${aws_s3_object.script[each.key].key}"
  }
  execution_property {
    max_concurrent_runs = 1
  }
  default_arguments = merge(
    {
      "--job-language"                     = "python"
      "--enable-continuous-cloudwatch-log" = "true"
      "--continuous-log-logGroup"          = aws_cloudwatch_log_group.jobs.name
      "--enable-metrics"                   = "true"
      "--enable-glue-datacatalog"          = "true"
      # Spark's temporary files go to the zone the job writes, which it alone may touch.
      "--TempDir"        = "s3://${var.bucket_names[each.key == "raw-to-clean" ? "clean" : "curated"]}/glue-temp/"
      "--extra-py-files" = "s3://${local.raw}/${aws_s3_object.transforms.key}"
    },
    # `s3://<raw bucket>/...` in jobs.json stands for this environment's bucket of that zone.
    { for name, value in local.jobs[each.key].defaultArguments : name => replace(replace(replace(value,
      "s3://<raw bucket>/", "s3://${var.bucket_names["raw"]}/"),
      "s3://<clean bucket>/", "s3://${var.bucket_names["clean"]}/"),
    "s3://<curated bucket>/", "s3://${var.bucket_names["curated"]}/") },
  )
  tags = var.tags
}

resource "aws_glue_crawler" "raw" {
  #checkov:skip=CKV_AWS_195:A security configuration would restate the encryption the data already has: the lake buckets encrypt every object by default (SSE-S3, or SSE-KMS under the lake key). Its CloudWatch Logs option would move the logs to groups Glue names after it, which the alarms and the dashboard do not watch (CloudWatch Logs encrypts every group at rest anyway), and bookmarks hold object keys and timestamps, no data.
  name          = local.crawler_name
  role          = var.crawler_role_arn
  database_name = aws_glue_catalog_database.zone["raw"].name
  description   = "Catalogs the ride events of the raw zone"
  schedule      = var.crawler_schedule
  dynamic "s3_target" {
    for_each = ["stream/rides/", "uploads/rides/"]
    content {
      path       = "s3://${local.raw}/${s3_target.value}"
      exclusions = ["**/_SUCCESS", "**.tmp"]
    }
  }
  # Crawling new folders only requires logging schema changes rather than applying them.
  recrawl_policy {
    recrawl_behavior = "CRAWL_NEW_FOLDERS_ONLY"
  }
  schema_change_policy {
    update_behavior = "LOG"
    delete_behavior = "LOG"
  }
  configuration = jsonencode({
    Version  = 1.0
    Grouping = { TableGroupingPolicy = "CombineCompatibleSchemas" }
  })
  tags = var.tags
}
