/**
 * Where the Terraform track keeps its state: the names the root's `backend "s3"` block, `npm run bootstrap --
 * --terraform-state`, the state-access policy and terraform.yml must agree on. One file, so that changing the
 * backend means changing these constants and the `.tf` root together (docs/terraform-mapping.md).
 */

/** The Terraform root module, from the repository's root. */
export const TERRAFORM_ROOT = 'terraform';

/** The backend's `key`: the state file of one workspace, under the workspace's prefix. */
export const TERRAFORM_STATE_KEY = 'launchpad.tfstate';

/**
 * The backend's `workspace_key_prefix` (Terraform's default): a workspace `dev` keeps its state at
 * `env:/dev/launchpad.tfstate`, so one IAM resource ARN per workspace isolates them.
 */
export const TERRAFORM_WORKSPACE_KEY_PREFIX = 'env:';

/** `env:/<workspace>/launchpad.tfstate`: the one object a workspace's state lives in. */
export function terraformStateKey(workspace: string): string {
  return `${TERRAFORM_WORKSPACE_KEY_PREFIX}/${workspace}/${TERRAFORM_STATE_KEY}`;
}

/** The lock file S3-native locking (`use_lockfile = true`) writes beside the state: `<state key>.tflock`. */
export function terraformLockKey(workspace: string): string {
  return `${terraformStateKey(workspace)}.tflock`;
}

/**
 * The state bucket of one account and region, shared by the workspaces deployed there:
 * `<project>-tfstate-<account>-<region>` (bucket names are global; the account keeps two learners apart).
 */
export function terraformStateBucket(project: string, account: string, region: string): string {
  return `${project}-tfstate-${account}-${region}`;
}
