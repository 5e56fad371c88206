output "bucket_names" {
  description = "Name of each bucket by purpose: raw, clean, curated, athena-results, access-logs."
  value       = { for purpose, bucket in aws_s3_bucket.this : purpose => bucket.id }
}

output "bucket_arns" {
  description = "ARN of each bucket by purpose: raw, clean, curated, athena-results, access-logs."
  value       = { for purpose, bucket in aws_s3_bucket.this : purpose => bucket.arn }
}

output "key_arn" {
  description = "ARN of the lake's customer-managed KMS key, or null where the lake uses SSE-S3."
  value       = local.kms ? aws_kms_key.lake[0].arn : null
}
