output "analyst_role_arn" {
  description = "ARN of the analyst role (assumable with MFA only)."
  value       = aws_iam_role.analyst.arn
}

output "analyst_policy_arn" {
  description = "ARN of the analyst managed policy: read the curated zone, query it with Athena."
  value       = aws_iam_policy.analyst.arn
}

output "analysts_group_name" {
  description = "IAM group for analysts (MFA required)."
  value       = aws_iam_group.analysts.name
}

output "glue_job_role_arns" {
  description = "ARN of each Glue job's role by job (raw-to-clean, clean-to-curated); empty without glue_roles."
  value       = { for job, role in aws_iam_role.glue_job : job => role.arn }
}

output "crawler_role_arn" {
  description = "ARN of the raw crawler's role; null without glue_roles."
  value       = var.glue_roles ? aws_iam_role.crawler[0].arn : null
}

output "lambda_role_arns" {
  description = "ARN of each function's role by function (api-ingest, s3-validator, stream-consumer); empty without lambda_roles."
  value       = { for name, role in aws_iam_role.lambda : name => role.arn }
}
