# One role per function, allowed its own log group and its one job (PythonFunction, UploadValidation and
# StreamConsumer in infra).
locals {
  lambda_statements = {
    api-ingest = [
      { sid = "PutOnTheStream", actions = ["kinesis:PutRecord", "kinesis:PutRecords"], resources = [local.stream_arn] },
    ]
    s3-validator = [
      {
        # The bucket is versioned: the validator reads and removes exactly the version it checked.
        sid       = "CheckUploads"
        actions   = ["s3:GetObject", "s3:GetObjectVersion", "s3:DeleteObject", "s3:DeleteObjectVersion"]
        resources = ["${var.bucket_arns["raw"]}/uploads/*"]
      },
      { sid = "Quarantine", actions = ["s3:PutObject"], resources = ["${var.bucket_arns["raw"]}/quarantine/*"] },
      {
        sid       = "DeadLetters"
        actions   = ["sqs:SendMessage"]
        resources = [format(local.queue_arn, "${var.prefix}-s3-validator-failures")]
      },
    ]
    stream-consumer = [
      {
        sid = "ReadTheStream"
        actions = [
          "kinesis:DescribeStream", "kinesis:DescribeStreamSummary", "kinesis:GetRecords",
          "kinesis:GetShardIterator", "kinesis:ListShards", "kinesis:SubscribeToShard",
        ]
        resources = [local.stream_arn]
      },
      {
        sid       = "Quarantine"
        actions   = ["s3:PutObject"]
        resources = ["${var.bucket_arns["raw"]}/quarantine/stream/*"]
      },
      {
        sid       = "FailedBatches"
        actions   = ["sqs:SendMessage", "sqs:GetQueueAttributes"]
        resources = [format(local.queue_arn, "${var.prefix}-stream-consumer-failures")]
      },
    ]
  }
}

data "aws_iam_policy_document" "lambda_trust" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "lambda" {
  for_each             = var.lambda_roles ? local.lambda_role_names : {}
  name                 = each.value
  description          = "Runs ${each.value}"
  assume_role_policy   = data.aws_iam_policy_document.lambda_trust.json
  permissions_boundary = var.permissions_boundary_arn
  tags                 = var.tags
}

data "aws_iam_policy_document" "lambda" {
  for_each = var.lambda_roles ? local.lambda_statements : {}
  statement {
    sid       = "OwnLogGroup"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = [format(local.logs_arn, "/aws/lambda/${local.lambda_role_names[each.key]}")]
  }
  dynamic "statement" {
    for_each = each.value
    content {
      sid       = statement.value.sid
      actions   = statement.value.actions
      resources = statement.value.resources
    }
  }
  dynamic "statement" {
    for_each = local.kms && each.key != "api-ingest" ? [1] : []
    content {
      sid       = "LakeKey"
      actions   = ["kms:Decrypt", "kms:GenerateDataKey"]
      resources = [var.key_arn]
    }
  }
}

resource "aws_iam_role_policy" "lambda" {
  for_each = aws_iam_role.lambda
  name     = "function"
  role     = each.value.id
  policy   = data.aws_iam_policy_document.lambda[each.key].json
}
