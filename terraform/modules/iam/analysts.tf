# The analyst role and group: read the curated zone and query it with Athena, with MFA only (AnalystRole,
# AnalystPolicy, AnalystsGroup and RequireMfaPolicy in infra/constructs).

data "aws_iam_policy_document" "analyst" {
  statement {
    sid       = "ReadCuratedAndResults"
    actions   = ["s3:GetObject", "s3:GetObjectVersion"]
    resources = ["${var.bucket_arns["curated"]}/*", "${var.bucket_arns["athena-results"]}/*"]
  }
  statement {
    sid       = "WriteResults"
    actions   = ["s3:PutObject", "s3:AbortMultipartUpload", "s3:ListMultipartUploadParts"]
    resources = ["${var.bucket_arns["athena-results"]}/*"]
  }
  statement {
    sid       = "FindBuckets"
    actions   = ["s3:ListBucket", "s3:GetBucketLocation", "s3:ListBucketMultipartUploads"]
    resources = [var.bucket_arns["curated"], var.bucket_arns["athena-results"]]
  }
  statement {
    sid = "QueryInTheWorkgroup"
    actions = [
      "athena:StartQueryExecution", "athena:GetQueryExecution", "athena:StopQueryExecution",
      "athena:GetQueryResults", "athena:GetWorkGroup", "athena:BatchGetQueryExecution",
      "athena:ListQueryExecutions", "athena:GetNamedQuery", "athena:BatchGetNamedQuery", "athena:ListNamedQueries",
    ]
    resources = [local.workgroup_arn]
  }
  statement {
    sid = "BrowseTheCatalog"
    actions = [
      "athena:GetDataCatalog", "athena:ListDatabases", "athena:GetDatabase", "athena:ListTableMetadata",
      "athena:GetTableMetadata",
    ]
    resources = [local.data_catalog]
  }
  statement {
    sid = "ReadCuratedTables"
    actions = [
      "glue:GetDatabase", "glue:GetTable", "glue:GetTables", "glue:GetPartitions", "glue:GetDatabases",
      "glue:GetPartition", "glue:BatchGetPartition",
    ]
    resources = [
      local.glue_arn.catalog,
      format(local.glue_arn.database, "${var.database_prefix}_curated"),
      format(local.glue_arn.tables, "${var.database_prefix}_curated"),
    ]
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

resource "aws_iam_policy" "analyst" {
  name        = local.analyst_names.policy
  description = "Read the curated zone and query it with Athena in ${var.prefix}"
  policy      = data.aws_iam_policy_document.analyst.json
  tags        = var.tags
}

data "aws_iam_policy_document" "analyst_trust" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "AWS"
      identifiers = ["arn:${local.partition}:iam::${local.account}:root"]
    }
    condition {
      test     = "Bool"
      variable = "aws:MultiFactorAuthPresent"
      values   = ["true"]
    }
  }
}

resource "aws_iam_role" "analyst" {
  name                 = local.analyst_names.role
  description          = "Analysts: read the curated zone and query it with Athena; assumable with MFA only"
  assume_role_policy   = data.aws_iam_policy_document.analyst_trust.json
  permissions_boundary = var.permissions_boundary_arn
  tags                 = var.tags
}

resource "aws_iam_role_policy_attachment" "analyst" {
  role       = aws_iam_role.analyst.name
  policy_arn = aws_iam_policy.analyst.arn
}

# AWS's documented self-service MFA pattern: users manage their own password and MFA device, and nothing
# else works until they signed in with MFA.
data "aws_iam_policy_document" "require_mfa" {
  statement {
    sid       = "ViewAccountPasswordPolicyAndMfaDevices"
    actions   = ["iam:GetAccountPasswordPolicy", "iam:ListVirtualMFADevices"]
    resources = ["*"]
  }
  statement {
    sid = "ManageOwnPasswordAndMfa"
    actions = [
      "iam:ChangePassword", "iam:GetUser", "iam:EnableMFADevice", "iam:ListMFADevices", "iam:ResyncMFADevice",
    ]
    resources = ["arn:${local.partition}:iam::${local.account}:user/$${aws:username}"]
  }
  statement {
    sid       = "CreateOwnVirtualMfaDevice"
    actions   = ["iam:CreateVirtualMFADevice"]
    resources = ["arn:${local.partition}:iam::${local.account}:mfa/*"]
  }
  statement {
    sid       = "DeactivateOwnMfaOnlyWithMfa"
    actions   = ["iam:DeactivateMFADevice"]
    resources = ["arn:${local.partition}:iam::${local.account}:user/$${aws:username}"]
    condition {
      test     = "Bool"
      variable = "aws:MultiFactorAuthPresent"
      values   = ["true"]
    }
  }
  statement {
    sid    = "DenyAllExceptMfaSelfServiceWithoutMfa"
    effect = "Deny"
    not_actions = [
      "iam:ChangePassword", "iam:CreateVirtualMFADevice", "iam:EnableMFADevice", "iam:GetAccountPasswordPolicy",
      "iam:GetUser", "iam:ListMFADevices", "iam:ListVirtualMFADevices", "iam:ResyncMFADevice",
      "sts:GetSessionToken",
    ]
    resources = ["*"]
    condition {
      test     = "BoolIfExists"
      variable = "aws:MultiFactorAuthPresent"
      values   = ["false"]
    }
  }
}

resource "aws_iam_policy" "require_mfa" {
  name        = local.analyst_names.require_mfa
  description = "Self-service MFA set-up; denies everything else until the caller signed in with MFA"
  policy      = data.aws_iam_policy_document.require_mfa.json
  tags        = var.tags
}

resource "aws_iam_group" "analysts" {
  name = local.analyst_names.group
}

resource "aws_iam_group_policy_attachment" "analysts" {
  for_each = {
    analyst     = aws_iam_policy.analyst.arn
    require-mfa = aws_iam_policy.require_mfa.arn
  }
  group      = aws_iam_group.analysts.name
  policy_arn = each.value
}

# No password or access key: a secret in Terraform state would sit there for anyone who reads the state.
resource "aws_iam_user" "analyst" {
  for_each             = toset(var.iam_users)
  name                 = each.value
  permissions_boundary = var.permissions_boundary_arn
  tags                 = var.tags
}

resource "aws_iam_user_group_membership" "analyst" {
  for_each = aws_iam_user.analyst
  user     = each.value.name
  groups   = [aws_iam_group.analysts.name]
}
