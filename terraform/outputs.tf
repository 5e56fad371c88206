output "bucket_names" {
  description = "The lake's buckets by purpose: raw, clean, curated, athena-results, access-logs."
  value       = module.data_lake.bucket_names
}

output "analyst_role_arn" {
  description = "Role analysts assume, with MFA only."
  value       = module.iam.analyst_role_arn
}

output "analysts_group_name" {
  description = "IAM group for analysts (MFA required)."
  value       = module.iam.analysts_group_name
}

output "function_names" {
  description = "The ingestion functions by function; empty where the ingestion phase is off."
  value       = try(module.lambda[0].function_names, {})
}

output "stream_name" {
  description = "Kinesis data stream of ride events; null where the ingestion phase is off."
  value       = try(module.lambda[0].stream_name, null)
}

output "glue_job_names" {
  description = "The Glue jobs by job; empty where the processing phase is off."
  value       = try(module.glue[0].job_names, {})
}

output "crawler_name" {
  description = "Glue crawler over the raw zone; null where the processing phase is off."
  value       = try(module.glue[0].crawler_name, null)
}
