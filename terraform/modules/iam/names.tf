# Physical names, one plain interpolation each: lib/terraform/parity.test.ts evaluates them from config/<env>.json
# and compares them with the names the CDK app gives the same roles, policies and group.
locals {
  analyst_names = {
    role        = "${var.prefix}-analyst"
    policy      = "${var.prefix}-analyst"
    group       = "${var.prefix}-analysts"
    require_mfa = "${var.prefix}-require-mfa"
  }
  glue_role_names = {
    raw-to-clean     = "${var.prefix}-raw-to-clean-job"
    clean-to-curated = "${var.prefix}-clean-to-curated-job"
    raw-crawler      = "${var.prefix}-raw-crawler"
  }
  lambda_role_names = {
    api-ingest      = "${var.prefix}-api-ingest"
    s3-validator    = "${var.prefix}-s3-validator"
    stream-consumer = "${var.prefix}-stream-consumer"
  }
}
