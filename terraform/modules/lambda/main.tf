locals {
  # Where each handler lives under pipeline/lambdas, what it does, how long it may run, and what it is told.
  functions = {
    api-ingest = {
      dir         = "api_ingest"
      description = "Validates ride events posted to the API and puts them on the stream"
      timeout     = 30
      environment = { STREAM_NAME = local.stream_name }
    }
    s3-validator = {
      dir         = "s3_validator"
      description = "Checks every file uploaded to the raw zone and moves bad ones to quarantine/"
      timeout     = 120
      environment = merge(local.metrics, { QUARANTINE_PREFIX = "quarantine/" })
    }
    stream-consumer = {
      dir         = "stream_consumer"
      description = "Reads the ride stream: metrics per city, malformed records to quarantine/stream/"
      timeout     = 60
      environment = merge(local.metrics, { RAW_BUCKET = var.raw_bucket_name, QUARANTINE_PREFIX = "quarantine/stream/" })
    }
  }
  # The handlers print their metrics as CloudWatch Embedded Metric Format lines: no permission needed.
  metrics = { METRIC_NAMESPACE = "Launchpad/Ingestion", ENVIRONMENT = var.environment }
  # Not shipped: tests, fixtures and caches.
  shipped = { for name, fn in local.functions : name => merge(
    { for f in fileset("${var.lambdas_dir}/${fn.dir}", "**/*.py") : f => "${var.lambdas_dir}/${fn.dir}/${f}" if !startswith(basename(f), "test_") && basename(f) != "conftest.py" },
    { for f in fileset("${var.lambdas_dir}/common", "**/*.py") : "common/${f}" => "${var.lambdas_dir}/common/${f}" if !startswith(basename(f), "test_") && basename(f) != "conftest.py" },
  ) }
}

data "archive_file" "function" {
  for_each    = local.functions
  type        = "zip"
  output_path = "${path.module}/.build/${each.key}.zip"
  dynamic "source" {
    for_each = local.shipped[each.key]
    content {
      content  = file(source.value)
      filename = source.key
    }
  }
}

resource "aws_cloudwatch_log_group" "function" {
  #checkov:skip=CKV_AWS_158:The environment encrypts with "s3-managed": CloudWatch Logs encrypts every log group at rest with keys of its own; encryption "kms" puts the log groups under the data lake key.
  for_each          = local.function_names
  name              = "/aws/lambda/${each.value}"
  retention_in_days = var.log_retention_days
  kms_key_id        = var.key_arn
  tags              = var.tags
}

# Python 3.12 on Graviton (arm64: about 20 % cheaper per GB-second), as PythonFunction in infra.
resource "aws_lambda_function" "this" {
  #checkov:skip=CKV_AWS_117:The function calls only public AWS endpoints (S3, Kinesis, CloudWatch, Athena) and reaches nothing private; in a VPC it would need a NAT gateway ($33 a month) or interface endpoints to reach them.
  #checkov:skip=CKV_AWS_173:Its environment variables hold resource names and settings, no secrets; Lambda encrypts them at rest with its AWS-managed key.
  for_each                       = local.functions
  function_name                  = local.function_names[each.key]
  description                    = each.value.description
  role                           = var.role_arns[each.key]
  runtime                        = "python3.12"
  architectures                  = ["arm64"]
  handler                        = "handler.handler"
  filename                       = data.archive_file.function[each.key].output_path
  source_code_hash               = data.archive_file.function[each.key].output_base64sha256
  timeout                        = each.value.timeout
  memory_size                    = 256
  reserved_concurrent_executions = var.reserved_concurrency
  environment {
    variables = each.value.environment
  }
  logging_config {
    log_format = "Text"
    log_group  = aws_cloudwatch_log_group.function[each.key].name
  }
  # X-Ray as CDK's default: a trace only where the caller started one.
  tracing_config {
    mode = "PassThrough"
  }
  dynamic "dead_letter_config" {
    for_each = each.key == "s3-validator" ? [1] : []
    content {
      target_arn = aws_sqs_queue.failures["s3-validator"].arn
    }
  }
  tags = var.tags
}

resource "aws_kinesis_stream" "rides" {
  name             = local.stream_name
  shard_count      = var.stream_shards > 0 ? var.stream_shards : null
  retention_period = var.stream_retention_hours
  encryption_type  = "KMS"
  kms_key_id       = "alias/aws/kinesis"
  stream_mode_details {
    stream_mode = var.stream_shards > 0 ? "PROVISIONED" : "ON_DEMAND"
  }
  tags = var.tags
}

resource "aws_sqs_queue" "failures" {
  for_each                  = local.queue_names
  name                      = each.value
  sqs_managed_sse_enabled   = true
  message_retention_seconds = 14 * 24 * 3600
  tags                      = var.tags
}

data "aws_iam_policy_document" "queue_tls_only" {
  for_each = aws_sqs_queue.failures
  statement {
    effect    = "Deny"
    actions   = ["sqs:*"]
    resources = [each.value.arn]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }
}

resource "aws_sqs_queue_policy" "failures" {
  for_each  = aws_sqs_queue.failures
  queue_url = each.value.url
  policy    = data.aws_iam_policy_document.queue_tls_only[each.key].json
}

# Stream → consumer, with partial batch responses and the failures queue for what keeps failing.
resource "aws_lambda_event_source_mapping" "stream" {
  function_name                      = aws_lambda_function.this["stream-consumer"].arn
  event_source_arn                   = aws_kinesis_stream.rides.arn
  starting_position                  = "LATEST"
  batch_size                         = 100
  maximum_batching_window_in_seconds = 5
  bisect_batch_on_function_error     = true
  maximum_retry_attempts             = 2
  maximum_record_age_in_seconds      = 3600
  parallelization_factor             = 1
  function_response_types            = ["ReportBatchItemFailures"]
  destination_config {
    on_failure {
      destination_arn = aws_sqs_queue.failures["stream-consumer"].arn
    }
  }
}

# Uploaded files → validator, through EventBridge (the raw bucket sends its events there).
resource "aws_cloudwatch_event_rule" "upload" {
  name        = local.upload_rule_name
  description = "Files uploaded to the raw zone"
  event_pattern = jsonencode({
    source        = ["aws.s3"]
    "detail-type" = ["Object Created"]
    detail = {
      bucket = { name = [var.raw_bucket_name] }
      object = { key = [{ prefix = "uploads/" }] }
    }
  })
  tags = var.tags
}

resource "aws_cloudwatch_event_target" "validator" {
  rule = aws_cloudwatch_event_rule.upload.name
  arn  = aws_lambda_function.this["s3-validator"].arn
  retry_policy {
    maximum_retry_attempts       = 2
    maximum_event_age_in_seconds = 3600
  }
}

resource "aws_lambda_permission" "upload" {
  statement_id  = "InvokeOnUpload"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.this["s3-validator"].function_name
  principal     = "events.amazonaws.com"
  source_arn    = aws_cloudwatch_event_rule.upload.arn
}
