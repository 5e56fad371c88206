// Posts a fork pull request's review comment from the privileged `workflow_run` workflow: always the copy of
// this script on the default branch, never the fork's. The artifact is data, checked before anything is posted.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { COST_COMMENT_MARKER } from '../lib/cost/report/diff-markdown.ts';
import { GitHubApiError } from '../lib/github/errors.ts';
import { ForkReviewError, postForkReview, type WorkflowRunEvent } from '../lib/github/fork-review-comment.ts';
import { createOctokit } from '../lib/github/octokit.ts';
import { runCli } from './run-cli.ts';

const HELP = `Usage: npx tsx scripts/post-fork-review.ts --dir <artifact-dir> [--event <event.json>]

In a workflow_run workflow, posts the review Markdown that a fork's unprivileged pull_request run uploaded
(review.md, pr-number, head-sha) as the pull request's review comment, kept up to date. The pull-request
number is accepted only when GitHub links it to that run (its head SHA and repository).

  --dir <dir>      where the artifact was downloaded
  --event <file>   the workflow_run event payload. Default: GITHUB_EVENT_PATH
  -h, --help       this text

Needs GITHUB_REPOSITORY and GITHUB_TOKEN (pull-requests: write).`;

runCli(HELP, async (argv) => {
  const { values } = parseArgs({
    args: argv,
    options: {
      dir: { type: 'string' },
      event: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return console.log(HELP);
  const eventFile = values.event ?? process.env.GITHUB_EVENT_PATH;
  const [owner, repo] = (process.env.GITHUB_REPOSITORY ?? '').split('/');
  if (!values.dir || !eventFile || !owner || !repo) {
    throw new TypeError(`--dir, the event file and GITHUB_REPOSITORY are required.\n\n${HELP}`);
  }
  const event = JSON.parse(readFileSync(eventFile, 'utf8')) as WorkflowRunEvent;
  try {
    const posted = await postForkReview({
      octokit: createOctokit({ token: process.env.GITHUB_TOKEN ?? '' }),
      owner,
      repo,
      event,
      artifactDir: values.dir,
      marker: COST_COMMENT_MARKER,
    });
    console.log(
      `Pull request #${posted.number}: comment ${posted.action}${posted.url ? ` ${posted.url}` : ''}${posted.reason ? ` (${posted.reason})` : ''}`,
    );
  } catch (error) {
    if (!(error instanceof ForkReviewError || error instanceof GitHubApiError)) throw error;
    console.error(`::error title=Fork review not posted::${error.message}`);
    process.exitCode = 1;
  }
});
