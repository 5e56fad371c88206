import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as core from '@actions/core';
import { writeJobSummary } from '../../lib/github/job-summary.ts';
import { parseCommentBehavior } from '../../lib/github/pull-request-comment.ts';
import { runReview } from '../../lib/review/run-review.ts';
import { assemblyInput } from '../assembly-input.ts';

const usd = (value: number) => `$${value.toFixed(2)}`;

/** The cost action: price the assembly, compare it with the base, publish the Markdown. */
export async function run(): Promise<void> {
  try {
    const commentInput = core.getInput('comment') || 'off';
    const behavior = commentInput === 'off' ? undefined : parseCommentBehavior(commentInput);
    const assembly = await assemblyInput();
    const result = runReview({
      assembly,
      compareTo: core.getInput('compare-to') || undefined,
      environment: core.getInput('environment') || undefined,
      out: core.getInput('review-file') || undefined,
      onProgress: (line) => core.info(line),
    });
    const folder = mkdtempSync(path.join(process.env.RUNNER_TEMP || tmpdir(), 'launchpad-cost-'));
    const markdownFile = path.join(folder, 'review.md');
    writeFileSync(markdownFile, result.markdown);
    core.setOutput('monthly-cost', result.monthly.toFixed(2));
    core.setOutput(
      'monthly-change',
      result.monthlyChange === undefined ? '' : result.monthlyChange.toFixed(2),
    );
    core.setOutput('markdown-file', markdownFile);
    core.info(
      `Monthly estimate ${usd(result.monthly)}${result.monthlyChange === undefined ? '' : ` (${result.monthlyChange >= 0 ? '+' : '−'}${usd(Math.abs(result.monthlyChange))} against the base)`}.`,
    );

    let url = '';
    if (behavior) {
      // Octokit loads only to comment.
      const { publishCostComment, pullRequestFromEnvironment } = await import(
        '../../lib/cost/publish-comment.ts'
      );
      const token = core.getInput('github-token') || process.env.GITHUB_TOKEN || '';
      const posted = await publishCostComment(
        result.markdown,
        pullRequestFromEnvironment({ ...process.env, GITHUB_TOKEN: token }),
        behavior,
      );
      url = posted.url ?? '';
      core.info(
        `Pull-request comment: ${posted.action}${url ? ` ${url}` : ''}${posted.reason ? ` (${posted.reason})` : ''}`,
      );
    }
    core.setOutput('comment-url', url);
    await writeJobSummary(result.markdown);
  } catch (error) {
    core.setFailed(error instanceof Error ? error.message : String(error));
  }
}
