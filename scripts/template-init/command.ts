// What `npm run template-init` does (scripts/template-init.ts runs it): the first run after "Use this
// template" personalizes the README and config/*.json and, with --checklist-issue, opens the setup-checklist
// issue. Safe to run again: it then changes nothing. Apart from its entry so that tests call it in process.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { GitHubApiError } from '../../lib/github/errors.ts';
import { createOctokit } from '../../lib/github/octokit.ts';
import { ensureChecklistIssue } from '../../lib/github/setup-checklist.ts';
import {
  DEFAULT_TEMPLATE_REPOSITORY,
  PLACEHOLDER_OWNER,
  parseRepository,
  renderChecklist,
  TemplateInitError,
  templateInit,
} from './personalize.ts';

export const HELP = `Usage: npm run template-init -- [--repository OWNER/REPO] [--template OWNER/REPO] [--dry-run]
                                [--checklist-issue] [--root <dir>]

Personalizes a repository made from the template: every ${DEFAULT_TEMPLATE_REPOSITORY} in README.md
(badges, links, clone URLs; not the generated regions, not lines marked "template-init: keep") becomes
OWNER/REPO, the README title becomes REPO, and "owner": "${PLACEHOLDER_OWNER}" in config/*.json becomes
OWNER. A second run reports "already personalized" and changes no byte.

  --repository OWNER/REPO  the new repository. Default: GITHUB_REPOSITORY
  --template OWNER/REPO    the template it was made from. Default: ${DEFAULT_TEMPLATE_REPOSITORY}
  --dry-run                print what would change; write nothing
  --checklist-issue        also open the setup-checklist issue, unless the repository has one (open or
                           closed, found by its label or title). Needs GITHUB_TOKEN with issues: write
  --root <dir>             the repository's folder. Default: the current folder
  -h, --help               this text`;

export async function templateInitCommand(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      repository: { type: 'string' },
      template: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      'checklist-issue': { type: 'boolean', default: false },
      root: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return console.log(HELP);
  try {
    const given = values.repository ?? process.env.GITHUB_REPOSITORY;
    if (!given) {
      throw new TemplateInitError(
        'Which repository? Pass --repository OWNER/REPO (in GitHub Actions, GITHUB_REPOSITORY is used).',
      );
    }
    const repository = flagged(values.repository ? '--repository' : 'GITHUB_REPOSITORY', () =>
      parseRepository(given),
    );
    const template = flagged('--template', () =>
      parseRepository(values.template || DEFAULT_TEMPLATE_REPOSITORY, 'template'),
    );
    const dryRun = values['dry-run'];
    const root = values.root ?? process.cwd();
    // A mistyped --root would otherwise find nothing to personalize and say "already personalized".
    if (!existsSync(path.join(root, 'README.md')) || !existsSync(path.join(root, 'config'))) {
      throw new TemplateInitError(
        `--root ${root}: no README.md and config/ there, so it is not a repository made from the template; pass the repository's folder (default: the current folder).`,
      );
    }
    const result = templateInit({ root, repository, template, dryRun });
    const name = `${repository.owner}/${repository.name}`;
    if (result.changes.length === 0) {
      console.log(`Already personalized for ${name}: nothing to change.`);
    } else {
      console.log(`${dryRun ? 'Would personalize' : 'Personalized'} for ${name}:`);
      for (const change of result.changes) console.log(`  ${change.file}: ${change.what}`);
    }

    if (values['checklist-issue']) {
      const body = renderChecklist({ repository, template, serverUrl: process.env.GITHUB_SERVER_URL });
      if (dryRun) {
        console.log('Would open the setup-checklist issue unless one exists.');
        return;
      }
      const issue = await ensureChecklistIssue({
        octokit: createOctokit({ token: process.env.GITHUB_TOKEN ?? '' }),
        owner: repository.owner,
        repo: repository.name,
        body,
      });
      console.log(
        issue.action === 'created'
          ? `Setup checklist: opened #${issue.number} ${issue.url}`
          : `Setup checklist: already there as #${issue.number} ${issue.url}; nothing opened.`,
      );
    }
  } catch (error) {
    if (!(error instanceof TemplateInitError || error instanceof GitHubApiError)) throw error;
    console.error(error.message);
    process.exitCode = 1;
  }
}

/** Runs a parser of a flag's value, naming the flag in its error. */
function flagged<T>(flag: string, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (!(error instanceof TemplateInitError)) throw error;
    throw new TemplateInitError(`${flag}: ${error.message}`);
  }
}
