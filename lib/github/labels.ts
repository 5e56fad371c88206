import { GitHubApiError, isRequestError } from './errors.ts';
import type { GitHubClient } from './octokit.ts';

export interface LabelSpec {
  readonly name: string;
  readonly color: string;
  readonly description: string;
}

/** Creates the label unless the repository has it. */
export async function ensureLabel(
  octokit: GitHubClient,
  owner: string,
  repo: string,
  label: LabelSpec,
): Promise<void> {
  try {
    await octokit.rest.issues.getLabel({ owner, repo, name: label.name });
    return;
  } catch (error) {
    if (!(isRequestError(error) && error.status === 404)) {
      throw GitHubApiError.from(`reading the label "${label.name}" of ${owner}/${repo}`, error);
    }
  }
  try {
    await octokit.rest.issues.createLabel({ owner, repo, ...label });
  } catch (error) {
    // Created meanwhile by a concurrent run (another environment's): what we wanted.
    if (isRequestError(error) && error.status === 422) return;
    throw GitHubApiError.from(`creating the label "${label.name}" on ${owner}/${repo}`, error);
  }
}
