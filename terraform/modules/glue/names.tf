# Physical names, one plain interpolation each: lib/terraform/parity.test.ts evaluates them from config/<env>.json
# and compares them with the names the CDK app gives the same jobs, crawler and databases.
locals {
  job_names = {
    raw-to-clean     = "${var.prefix}-raw-to-clean"
    clean-to-curated = "${var.prefix}-clean-to-curated"
  }
  crawler_name = "${var.prefix}-raw-crawler"
  database_names = {
    raw     = "${var.database_prefix}_raw"
    clean   = "${var.database_prefix}_clean"
    curated = "${var.database_prefix}_curated"
  }
  job_log_group = "/aws-glue/${var.prefix}/jobs"
}
