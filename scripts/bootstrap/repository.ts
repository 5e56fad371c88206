import { execFileSync } from 'node:child_process';
import { BootstrapError } from '../../infra/bootstrap/bootstrap-error.ts';

/** GitHub's rules: owners of 1 to 39 letters, digits and inner hyphens; repositories of letters, digits, . _ - */
const OWNER = '[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}';
const NAME = '[A-Za-z0-9._-]{1,100}';
const REPOSITORY = new RegExp(`^(${OWNER})/(${NAME})$`);

/** https://github.com/o/r(.git), with or without credentials in it, and git@github.com:o/r.git or ssh:// */
const REMOTE_FORMS = [
  /^https?:\/\/(?:[^@/]+@)?(?:www\.)?github\.com\/([^/]+)\/([^/]+?)(?:\.git)?\/?$/,
  /^(?:ssh:\/\/)?[\w.-]+@(?:ssh\.)?github\.com(?::443)?[:/]([^/]+)\/([^/]+?)(?:\.git)?\/?$/,
];

const FIX = 'Pass it as --repository OWNER/REPO (as in https://github.com/OWNER/REPO).';

/** Checks an `OWNER/REPO` given on the command line and returns it unchanged (GitHub's `sub` keeps the case). */
export function parseRepository(text: string): string {
  if (REPOSITORY.test(text) && !text.endsWith('.git')) return text;
  throw new BootstrapError(
    `--repository must be OWNER/REPO, such as octo-org/data-launchpad, not "${text}".`,
  );
}

/** `OWNER/REPO` of a GitHub remote URL, or undefined when the URL is not GitHub's. */
export function repositoryFromRemote(url: string): string | undefined {
  for (const form of REMOTE_FORMS) {
    const match = url.trim().match(form);
    const repository = match ? `${match[1]}/${match[2]}` : undefined;
    if (repository && REPOSITORY.test(repository)) return repository;
  }
  return undefined;
}

/** The repository of `git remote get-url origin` in `cwd`; an error that says how to name it otherwise. */
export function repositoryOfOrigin(cwd: string): string {
  let url: string;
  try {
    url = execFileSync('git', ['remote', 'get-url', 'origin'], {
      cwd,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    }).trim();
  } catch {
    throw new BootstrapError(
      `Which GitHub repository may deploy? This folder has no git remote "origin" to read it from. ${FIX}`,
    );
  }
  const repository = repositoryFromRemote(url);
  if (repository) return repository;
  throw new BootstrapError(
    `The git remote "origin" (${redact(url)}) is not a github.com repository, so it cannot tell which repository may deploy. ${FIX}`,
  );
}

/** A remote URL may carry a token (https://user:token@host/...): never print it. */
function redact(url: string): string {
  return url.replace(/\/\/[^@/]+@/, '//***@');
}
