output "function_names" {
  description = "Name of each function by function: api-ingest, s3-validator, stream-consumer."
  value       = { for name, fn in aws_lambda_function.this : name => fn.function_name }
}

output "stream_name" {
  description = "Kinesis data stream of ride events."
  value       = aws_kinesis_stream.rides.name
}

output "stream_arn" {
  description = "ARN of the Kinesis data stream of ride events."
  value       = aws_kinesis_stream.rides.arn
}

output "failure_queue_urls" {
  description = "URL of each dead-letter queue by function: s3-validator, stream-consumer."
  value       = { for name, queue in aws_sqs_queue.failures : name => queue.url }
}
