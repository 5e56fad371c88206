# Physical names, one plain interpolation each: lib/terraform/parity.test.ts evaluates them from config/<env>.json
# and compares them with the names the CDK app gives the same buckets.
locals {
  bucket_names = {
    raw            = "${var.prefix}-raw-${var.account_id}"
    clean          = "${var.prefix}-clean-${var.account_id}"
    curated        = "${var.prefix}-curated-${var.account_id}"
    athena-results = "${var.prefix}-athena-results-${var.account_id}"
    access-logs    = "${var.prefix}-access-logs-${var.account_id}"
  }
  key_alias = "alias/${var.prefix}-data-lake"
}
