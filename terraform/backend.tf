# State in S3, locked by a lock file beside it (S3 conditional writes): no DynamoDB table. A backend cannot
# read variables, so the state bucket and its region come at init:
#   terraform init -backend-config="bucket=<state bucket>" -backend-config="region=<region>"
# Each workspace keeps its own state under workspaces/<workspace>/core.tfstate.
terraform {
  backend "s3" {
    key                  = "core.tfstate"
    workspace_key_prefix = "workspaces"
    use_lockfile         = true
    encrypt              = true
  }
}
