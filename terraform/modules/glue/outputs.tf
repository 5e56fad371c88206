output "job_names" {
  description = "Name of each Glue job by job: raw-to-clean, clean-to-curated."
  value       = { for job, j in aws_glue_job.this : job => j.name }
}

output "crawler_name" {
  description = "Name of the Glue crawler over the raw zone."
  value       = aws_glue_crawler.raw.name
}

output "database_names" {
  description = "Name of each zone's Glue database by zone: raw, clean, curated."
  value       = { for zone, db in aws_glue_catalog_database.zone : zone => db.name }
}
