/**
 * What a deploy role's trust policy compares GitHub's `sub` claim with. Bootstrap sets the repository's OIDC
 * subject template to SUBJECT_CLAIM_KEYS, so a job's token carries, besides the repository and the GitHub
 * Environment, the workflow file the job runs and the ref it runs at:
 *   repo:<owner/repo>:environment:<env>:job_workflow_ref:<owner/repo>/.github/workflows/<file>@<ref>
 * GitHub's documented form for the keys repo, context and job_workflow_ref.
 */

/** The claims, in GitHub's order, that bootstrap puts into the repository's `sub` (PUT …/oidc/customization/sub). */
export const SUBJECT_CLAIM_KEYS = ['repo', 'context', 'job_workflow_ref'] as const;

/**
 * The only workflow files whose jobs assume a deploy role: the reusable deploy job, the teardown, the
 * Terraform track's plan, apply and destroy (docs/decisions/0020), the daily idle-bill check (it lists the
 * environment's stacks) and the docs' actual-cost job (it reads Cost Explorer).
 */
export const DEPLOYING_WORKFLOWS = [
  'deploy-environment.yml',
  'teardown.yml',
  'terraform.yml',
  'idle-bill.yml',
  'docs.yml',
] as const;

/**
 * The branch stage and prod deploy from. The workflows deploy on pushes to main, so bootstrap refuses a
 * repository whose default branch is another one instead of trusting a branch nothing deploys from.
 */
export const DEFAULT_BRANCH = 'main';

/** Environments that deploy only from the default branch; any other (dev) from any branch. */
export const DEFAULT_BRANCH_ONLY = ['stage', 'prod'] as const;

export function defaultBranchOnly(environment: string): boolean {
  return (DEFAULT_BRANCH_ONLY as readonly string[]).includes(environment);
}

/** The IAM condition operator and the `sub` values a role of this environment accepts. */
export function trustedSubjects(
  repository: string,
  environment: string,
): { operator: 'StringEquals' | 'StringLike'; subjects: string[] } {
  const pinned = defaultBranchOnly(environment);
  // StringLike's `*` stands for any ref; a repository name cannot hold `*` or `?`, so nothing else widens.
  const ref = pinned ? `refs/heads/${DEFAULT_BRANCH}` : '*';
  return {
    operator: pinned ? 'StringEquals' : 'StringLike',
    subjects: DEPLOYING_WORKFLOWS.map(
      (file) =>
        `repo:${repository}:environment:${environment}:job_workflow_ref:${repository}/.github/workflows/${file}@${ref}`,
    ),
  };
}

/**
 * The deploy role's MaxSessionDuration and the session the workflows ask for (role-duration-seconds): as
 * long as the deploy job may run (timeout-minutes 120), so following the pipeline never outlives it.
 */
export const DEPLOY_SESSION_SECONDS = 7200;
