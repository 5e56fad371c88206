// What `npm run review` does (scripts/review.ts runs it): a pull request's cost and architecture change, as one
// Markdown comment. Apart from its entry so that tests call it in process.
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { checkEnvironmentExists, InputError } from '../../lib/config/input-error.ts';
import { runReview } from '../../lib/review/run-review.ts';

export const HELP = `Usage: npm run review -- [--out <review.json>] [--compare-to <base-review.json>] [--comment <behavior>]
                         [--assembly <dir>] [--env <name>]

What a change does to the monthly bill and to the architecture, offline. On the base of a pull request,
write the review with --out; on its head, compare with that file: the Markdown holds the cost diff (per
environment, resource and component) and the architecture diagram with added parts in green and removed
ones in red.

  --out <file>          write the review (estimate and architecture graph) as JSON, for a later --compare-to
  --compare-to <file>   a base review (or a plain estimate from npm run cost -- --format json)
  --comment <behavior>  in a pull-request workflow, post the Markdown as a comment: update (edit ours in
                        place), new, or delete-and-new. Needs GITHUB_TOKEN with pull-requests: write
  --markdown <file>     also write the Markdown to a file (e.g. for the job summary)
  --assembly <dir>      use an existing cloud assembly instead of synthesizing into cdk.out
  --env <name>          environment whose architecture is compared. Default: config/diagram.json's
  -h, --help            show this help`;

/** Runs `npm run review` with its arguments; a bad argument throws a TypeError with a code ERR_PARSE_ARGS_*. */
export async function review(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      out: { type: 'string' },
      'compare-to': { type: 'string' },
      comment: { type: 'string' },
      markdown: { type: 'string' },
      assembly: { type: 'string' },
      env: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return console.log(HELP);
  // Checked before the review runs, so a wrong environment or behavior fails at once.
  if (values.env !== undefined) checkEnvironmentExists(values.env, '--env');
  const comment = values.comment === undefined ? undefined : await commenter(values.comment);
  let assembly = values.assembly;
  if (!assembly) {
    console.error('Synthesizing every environment into cdk.out (offline) ...');
    // Imported only here: loading the CDK app takes seconds, and a given assembly needs none of it.
    const { synthesizeTemplates } = await import('../../infra/synthesize.ts');
    assembly = synthesizeTemplates({ outdir: 'cdk.out' }).assemblyDir;
  }
  const { markdown } = runReview({
    assembly,
    compareTo: values['compare-to'],
    environment: values.env,
    out: values.out,
    onProgress: (line) => console.error(line),
  });
  if (values.out) console.error(`Wrote ${values.out}`);
  if (values.markdown) writeFileSync(values.markdown, markdown);
  if (!values.out || values['compare-to']) process.stdout.write(markdown);
  if (comment) {
    const posted = await comment(markdown);
    console.error(
      `Pull-request comment: ${posted.action}${posted.url ? ` ${posted.url}` : ''}${posted.reason ? ` (${posted.reason})` : ''}`,
    );
  }
}

/**
 * Posts the review on the pull request; the GitHub client and @actions/core load only for this. The
 * behavior and the pull request are checked here, before seconds of synthesis, and named in one line.
 */
async function commenter(behaviorText: string) {
  const { COMMENT_BEHAVIORS } = await import('../../lib/github/pull-request-comment.ts');
  const { publishCostComment, pullRequestFromEnvironment } = await import(
    '../../lib/cost/publish-comment.ts'
  );
  const behavior = COMMENT_BEHAVIORS.find((b) => b === behaviorText);
  if (!behavior) {
    throw new InputError(
      `--comment ${JSON.stringify(behaviorText)}: not a comment behavior; pass one of ${COMMENT_BEHAVIORS.join(', ')} (update edits our earlier comment).`,
    );
  }
  let target: ReturnType<typeof pullRequestFromEnvironment>;
  try {
    target = pullRequestFromEnvironment();
  } catch (error) {
    throw new InputError(`--comment ${behavior}: ${(error as Error).message}`);
  }
  return (markdown: string) => publishCostComment(markdown, target, behavior);
}
