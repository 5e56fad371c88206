# One role per Glue job, allowed exactly that job, and the raw crawler's role (GlueJobRole and RawCrawler in
# infra): a bug in raw → clean cannot touch the curated table.
locals {
  glue_jobs = {
    raw-to-clean = {
      reads = [
        { zone = "raw", prefix = "stream/rides/" },
        { zone = "raw", prefix = "uploads/rides/" },
      ]
      # What the job refuses is kept under quarantine/; Spark's temporary files go to the zone it writes.
      writes = [
        { zone = "clean", prefix = "rides/" },
        { zone = "clean", prefix = "quarantine/rides/" },
        { zone = "clean", prefix = "glue-temp/" },
      ]
      databases = ["raw", "clean"]
      files     = ["glue/raw_to_clean.py", "glue/transforms.zip"]
    }
    clean-to-curated = {
      reads = [{ zone = "clean", prefix = "rides/" }]
      writes = [
        { zone = "curated", prefix = "rides/" },
        { zone = "curated", prefix = "glue-temp/" },
      ]
      databases = ["clean", "curated"]
      files     = ["glue/clean_to_curated.py", "glue/transforms.zip"]
    }
  }
  crawled_folders = ["stream/rides/", "uploads/rides/"]
}

data "aws_iam_policy_document" "glue_trust" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["glue.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "glue_job" {
  for_each             = var.glue_roles ? local.glue_jobs : {}
  name                 = local.glue_role_names[each.key]
  description          = "Glue job ${var.prefix}-${each.key}: reads its source, writes its target, nothing more"
  assume_role_policy   = data.aws_iam_policy_document.glue_trust.json
  permissions_boundary = var.permissions_boundary_arn
  tags                 = var.tags
}

data "aws_iam_policy_document" "glue_job" {
  for_each = var.glue_roles ? local.glue_jobs : {}
  statement {
    sid       = "ReadSource"
    actions   = ["s3:GetObject", "s3:GetObjectVersion"]
    resources = [for f in each.value.reads : "${var.bucket_arns[f.zone]}/${f.prefix}*"]
  }
  statement {
    # Spark's committer renames and Delta rewrites files: the job reads back and deletes what it writes.
    sid = "WriteTarget"
    actions = [
      "s3:GetObject", "s3:GetObjectVersion", "s3:PutObject", "s3:AbortMultipartUpload",
      "s3:ListMultipartUploadParts", "s3:DeleteObject",
    ]
    resources = [for f in each.value.writes : "${var.bucket_arns[f.zone]}/${f.prefix}*"]
  }
  statement {
    sid       = "ListItsBuckets"
    actions   = ["s3:ListBucket", "s3:GetBucketLocation", "s3:ListBucketMultipartUploads"]
    resources = distinct([for f in concat(each.value.reads, each.value.writes) : var.bucket_arns[f.zone]])
  }
  statement {
    sid       = "ScriptsAndLibraries"
    actions   = ["s3:GetObject"]
    resources = [for key in each.value.files : "${var.bucket_arns["raw"]}/${key}"]
  }
  statement {
    sid       = "JobLogs"
    actions   = ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents", "logs:AssociateKmsKey"]
    resources = [format(local.logs_arn, "/aws-glue/*")]
  }
  statement {
    sid       = "JobMetrics"
    actions   = ["cloudwatch:PutMetricData"]
    resources = ["*"]
    condition {
      test     = "StringEquals"
      variable = "cloudwatch:namespace"
      values   = ["Glue"]
    }
  }
  statement {
    sid = "ItsCatalogEntries"
    actions = [
      "glue:GetDatabase", "glue:GetTable", "glue:GetTables", "glue:GetPartitions", "glue:GetDatabases",
    ]
    resources = concat(
      [local.glue_arn.catalog],
      [for zone in each.value.databases : format(local.glue_arn.database, "${var.database_prefix}_${zone}")],
      [for zone in each.value.databases : format(local.glue_arn.tables, "${var.database_prefix}_${zone}")],
    )
  }
  dynamic "statement" {
    for_each = local.kms ? [1] : []
    content {
      sid       = "LakeKeyThroughS3"
      actions   = ["kms:Decrypt", "kms:GenerateDataKey"]
      resources = [var.key_arn]
      condition {
        test     = "StringEquals"
        variable = "kms:ViaService"
        values   = [local.kms_via_s3]
      }
    }
  }
}

resource "aws_iam_role_policy" "glue_job" {
  for_each = aws_iam_role.glue_job
  name     = "job"
  role     = each.value.id
  policy   = data.aws_iam_policy_document.glue_job[each.key].json
}

resource "aws_iam_role" "crawler" {
  count                = var.glue_roles ? 1 : 0
  name                 = local.glue_role_names.raw-crawler
  description          = "Lets ${var.prefix}-raw-crawler read the raw zone and keep its catalog tables"
  assume_role_policy   = data.aws_iam_policy_document.glue_trust.json
  permissions_boundary = var.permissions_boundary_arn
  tags                 = var.tags
}

data "aws_iam_policy_document" "crawler" {
  statement {
    sid       = "ReadCrawledFolders"
    actions   = ["s3:GetObject"]
    resources = [for folder in local.crawled_folders : "${var.bucket_arns["raw"]}/${folder}*"]
  }
  statement {
    sid       = "ListRaw"
    actions   = ["s3:ListBucket"]
    resources = [var.bucket_arns["raw"]]
  }
  statement {
    sid = "KeepRawTables"
    actions = [
      "glue:GetDatabase", "glue:GetTable", "glue:GetTables", "glue:CreateTable", "glue:UpdateTable",
      "glue:GetPartition", "glue:GetPartitions", "glue:BatchGetPartition", "glue:BatchCreatePartition",
      "glue:UpdatePartition", "glue:BatchUpdatePartition",
    ]
    resources = [
      local.glue_arn.catalog,
      format(local.glue_arn.database, "${var.database_prefix}_raw"),
      format(local.glue_arn.tables, "${var.database_prefix}_raw"),
    ]
  }
  statement {
    sid       = "CrawlerLogs"
    actions   = ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"]
    resources = [format(local.logs_arn, "/aws-glue/crawlers")]
  }
  dynamic "statement" {
    for_each = local.kms ? [1] : []
    content {
      sid       = "LakeKeyThroughS3"
      actions   = ["kms:Decrypt"]
      resources = [var.key_arn]
      condition {
        test     = "StringEquals"
        variable = "kms:ViaService"
        values   = [local.kms_via_s3]
      }
    }
  }
}

resource "aws_iam_role_policy" "crawler" {
  count  = var.glue_roles ? 1 : 0
  name   = "crawl-raw"
  role   = aws_iam_role.crawler[0].id
  policy = data.aws_iam_policy_document.crawler.json
}
