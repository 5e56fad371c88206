/**
 * The setup-checklist issue a repository made from the template gets once: found again by its label or its
 * title (open or closed, so a person who closed or relabelled it is not sent a second one), created only
 * when neither is there.
 */
import { callGitHub as call } from './errors.ts';
import { ensureLabel } from './labels.ts';
import type { GitHubClient } from './octokit.ts';

export const SETUP_CHECKLIST_TITLE = 'Setup checklist: from "Use this template" to a deployed dev';
export const SETUP_CHECKLIST_LABEL = 'setup-checklist';

export interface EnsureChecklistIssueOptions {
  readonly octokit: GitHubClient;
  readonly owner: string;
  readonly repo: string;
  readonly body: string;
  /** Default {@link SETUP_CHECKLIST_TITLE}. */
  readonly title?: string;
  /** Default {@link SETUP_CHECKLIST_LABEL}. */
  readonly label?: string;
}

export interface EnsureChecklistIssueResult {
  readonly action: 'created' | 'exists';
  readonly number: number;
  readonly url: string;
}

/** An issue as the list endpoint returns it; pull requests carry `pull_request` and are skipped. */
interface ListedIssue {
  readonly number: number;
  readonly title: string;
  readonly html_url: string;
  readonly pull_request?: unknown;
  readonly labels: readonly (string | { readonly name?: string | undefined })[];
}

const labelName = (label: ListedIssue['labels'][number]) => (typeof label === 'string' ? label : label.name);

/** The existing checklist issue, if any: labelled with `label`, or titled `title` (the label may be gone). */
export async function findChecklistIssue(
  octokit: GitHubClient,
  owner: string,
  repo: string,
  title: string = SETUP_CHECKLIST_TITLE,
  label: string = SETUP_CHECKLIST_LABEL,
): Promise<ListedIssue | undefined> {
  // A repository fresh from the template has few issues, so reading them all is cheap and also catches
  // a checklist whose label was removed.
  const issues = (await call(`listing the issues of ${owner}/${repo}`, () =>
    octokit.paginate(octokit.rest.issues.listForRepo, { owner, repo, state: 'all', per_page: 100 }),
  )) as ListedIssue[];
  return issues.find(
    (issue) =>
      issue.pull_request === undefined &&
      (issue.labels.some((l) => labelName(l) === label) || issue.title.trim() === title),
  );
}

/** Opens the checklist issue unless the repository already has one; a second call changes nothing. */
export async function ensureChecklistIssue(
  options: EnsureChecklistIssueOptions,
): Promise<EnsureChecklistIssueResult> {
  const { octokit, owner, repo, body } = options;
  const title = options.title ?? SETUP_CHECKLIST_TITLE;
  const label = options.label ?? SETUP_CHECKLIST_LABEL;
  const existing = await findChecklistIssue(octokit, owner, repo, title, label);
  if (existing !== undefined) {
    return { action: 'exists', number: existing.number, url: existing.html_url };
  }
  await ensureLabel(octokit, owner, repo, {
    name: label,
    color: '0e8a16',
    description: 'The steps from "Use this template" to a deployed environment',
  });
  const { data } = await call(`creating the setup-checklist issue on ${owner}/${repo}`, () =>
    octokit.rest.issues.create({ owner, repo, title, body, labels: [label] }),
  );
  return { action: 'created', number: data.number, url: data.html_url };
}
