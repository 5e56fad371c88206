variable "pipeline_dir" {
  description = "Folder of the code that runs in AWS (lambdas/, glue/); null for the repository's pipeline/ beside terraform/."
  type        = string
  default     = null
}
