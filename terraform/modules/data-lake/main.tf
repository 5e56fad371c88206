data "aws_partition" "current" {}
data "aws_region" "current" {}

locals {
  # The buckets that hold data; access-logs receives their server access logs.
  data_buckets = toset(["raw", "clean", "curated", "athena-results"])
  kms          = var.encryption == "kms"
  # By-age moves of the zones: Standard-IA, then Glacier Instant Retrieval (as DataLake's storageClassTransitions).
  zone_transitions = {
    STANDARD_IA = var.lifecycle_days.transition_to_infrequent_access_days
    GLACIER_IR  = var.lifecycle_days.transition_to_glacier_instant_retrieval_days
  }
}

resource "aws_kms_key" "lake" {
  count               = local.kms ? 1 : 0
  description         = "Data lake of ${var.prefix}"
  enable_key_rotation = true
  # AWS's default key policy (the account administers the key through IAM), and CloudWatch Logs may use it
  # for this environment's log groups.
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "AccountAdministersThroughIam"
        Effect    = "Allow"
        Principal = { AWS = "arn:${data.aws_partition.current.partition}:iam::${var.account_id}:root" }
        Action    = "kms:*"
        Resource  = "*"
      },
      {
        Sid       = "CloudWatchLogsOfThisEnvironment"
        Effect    = "Allow"
        Principal = { Service = "logs.${data.aws_region.current.region}.amazonaws.com" }
        Action    = ["kms:Encrypt", "kms:Decrypt", "kms:GenerateDataKey", "kms:DescribeKey"]
        Resource  = "*"
        Condition = {
          ArnLike = {
            "kms:EncryptionContext:aws:logs:arn" = "arn:${data.aws_partition.current.partition}:logs:${data.aws_region.current.region}:${var.account_id}:log-group:*${var.prefix}*"
          }
        }
      },
    ]
  })
  tags = var.tags
}

resource "aws_kms_alias" "lake" {
  count         = local.kms ? 1 : 0
  name          = local.key_alias
  target_key_id = aws_kms_key.lake[0].key_id
}

resource "aws_s3_bucket" "this" {
  #checkov:skip=CKV_AWS_18:This is the bucket that receives the other buckets’ server access logs; logging its own access into itself would log every delivery again, without end.
  for_each      = local.bucket_names
  bucket        = each.value
  force_destroy = var.force_destroy
  tags          = var.tags
}

resource "aws_s3_bucket_public_access_block" "this" {
  for_each                = local.bucket_names
  bucket                  = aws_s3_bucket.this[each.key].id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_ownership_controls" "this" {
  for_each = local.bucket_names
  bucket   = aws_s3_bucket.this[each.key].id
  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

resource "aws_s3_bucket_versioning" "this" {
  for_each = local.bucket_names
  bucket   = aws_s3_bucket.this[each.key].id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "this" {
  for_each = local.bucket_names
  bucket   = aws_s3_bucket.this[each.key].id
  rule {
    # S3 server access logging delivers only to SSE-S3 buckets, so access-logs never uses the key.
    apply_server_side_encryption_by_default {
      sse_algorithm     = local.kms && each.key != "access-logs" ? "aws:kms" : "AES256"
      kms_master_key_id = local.kms && each.key != "access-logs" ? aws_kms_key.lake[0].arn : null
    }
    bucket_key_enabled = local.kms && each.key != "access-logs"
  }
}

resource "aws_s3_bucket_logging" "this" {
  for_each      = local.data_buckets
  bucket        = aws_s3_bucket.this[each.key].id
  target_bucket = aws_s3_bucket.this["access-logs"].id
  target_prefix = "${each.key}/"
}

# Raw sends its object events to EventBridge (free for S3 events), where the upload validator picks them up.
resource "aws_s3_bucket_notification" "raw" {
  bucket      = aws_s3_bucket.this["raw"].id
  eventbridge = true
}

resource "aws_s3_bucket_lifecycle_configuration" "zones" {
  for_each = toset(["raw", "clean", "curated"])
  bucket   = aws_s3_bucket.this[each.key].id
  rule {
    id     = "tier-and-tidy"
    status = "Enabled"
    filter {}
    dynamic "transition" {
      for_each = local.zone_transitions
      content {
        storage_class = transition.key
        days          = transition.value
      }
    }
    expiration {
      expired_object_delete_marker = true
    }
    noncurrent_version_expiration {
      noncurrent_days = var.lifecycle_days.noncurrent_version_expiration_days
    }
    abort_incomplete_multipart_upload {
      days_after_initiation = var.lifecycle_days.abort_incomplete_multipart_upload_days
    }
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "expiring" {
  for_each = {
    athena-results = var.lifecycle_days.query_results_expiration_days
    access-logs    = var.lifecycle_days.access_logs_expiration_days
  }
  bucket = aws_s3_bucket.this[each.key].id
  rule {
    id     = each.key == "access-logs" ? "expire-logs" : "expire-results"
    status = "Enabled"
    filter {}
    expiration {
      days = each.value
    }
    noncurrent_version_expiration {
      noncurrent_days = var.lifecycle_days.noncurrent_version_expiration_days
    }
    abort_incomplete_multipart_upload {
      days_after_initiation = var.lifecycle_days.abort_incomplete_multipart_upload_days
    }
  }
}

data "aws_iam_policy_document" "bucket" {
  for_each = local.bucket_names
  statement {
    sid       = "DenyInsecureTransport"
    effect    = "Deny"
    actions   = ["s3:*"]
    resources = [aws_s3_bucket.this[each.key].arn, "${aws_s3_bucket.this[each.key].arn}/*"]
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
  statement {
    sid       = "DenyOutdatedTls"
    effect    = "Deny"
    actions   = ["s3:*"]
    resources = [aws_s3_bucket.this[each.key].arn, "${aws_s3_bucket.this[each.key].arn}/*"]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
    condition {
      test     = "NumericLessThan"
      variable = "s3:TlsVersion"
      values   = ["1.2"]
    }
  }
  # S3 may deliver the server access logs of any bucket of this environment, of this account only.
  dynamic "statement" {
    for_each = each.key == "access-logs" ? [1] : []
    content {
      sid       = "S3ServerAccessLogsOfThisEnvironment"
      actions   = ["s3:PutObject"]
      resources = ["${aws_s3_bucket.this[each.key].arn}/*"]
      principals {
        type        = "Service"
        identifiers = ["logging.s3.amazonaws.com"]
      }
      condition {
        test     = "ArnLike"
        variable = "aws:SourceArn"
        values   = ["arn:${data.aws_partition.current.partition}:s3:::${var.prefix}-*"]
      }
      condition {
        test     = "StringEquals"
        variable = "aws:SourceAccount"
        values   = [var.account_id]
      }
    }
  }
}

resource "aws_s3_bucket_policy" "this" {
  for_each = local.bucket_names
  bucket   = aws_s3_bucket.this[each.key].id
  policy   = data.aws_iam_policy_document.bucket[each.key].json
  # A bucket policy on a bucket whose public access is not yet blocked could be refused or briefly public.
  depends_on = [aws_s3_bucket_public_access_block.this]
}
