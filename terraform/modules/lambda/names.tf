# Physical names, one plain interpolation each: lib/terraform/parity.test.ts evaluates them from config/<env>.json
# and compares them with the names the CDK app gives the same functions, stream and queues.
locals {
  function_names = {
    api-ingest      = "${var.prefix}-api-ingest"
    s3-validator    = "${var.prefix}-s3-validator"
    stream-consumer = "${var.prefix}-stream-consumer"
  }
  stream_name = "${var.prefix}-rides"
  queue_names = {
    s3-validator    = "${var.prefix}-s3-validator-failures"
    stream-consumer = "${var.prefix}-stream-consumer-failures"
  }
  upload_rule_name = "${var.prefix}-raw-upload"
}
