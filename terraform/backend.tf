# State in S3, locked by a lock file beside it (S3 conditional writes): no DynamoDB table. A backend cannot
# read variables, so the state bucket and its region come at init:
#   terraform init -backend-config="bucket=<state bucket>" -backend-config="region=<region>"
# Each workspace keeps its own state at env:/<workspace>/launchpad.tfstate, the one key its deploy role may
# write (lib/config/terraform-state.ts; npm run bootstrap -- --terraform-state).
terraform {
  backend "s3" {
    key                  = "launchpad.tfstate"
    workspace_key_prefix = "env:"
    use_lockfile         = true
    encrypt              = true
  }
}
