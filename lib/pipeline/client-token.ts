/**
 * The idempotency token of StartPipelineExecution. CodePipeline starts one execution per token, so a step
 * that GitHub runs again within the same run attempt (or an SDK retry after a lost answer) finds the
 * execution it already started instead of starting a second one; a "Re-run" is a new attempt and a new
 * execution, as a person re-running a job means it to be.
 */
import { createHash } from 'node:crypto';

/** `gh-<run id>-<attempt>-<10 hex>`; the hash tells apart the steps and pipelines of one run. Undefined outside
 * GitHub Actions: a local run starts a new execution each time. */
export function clientRequestToken(
  pipelineName: string,
  env: NodeJS.ProcessEnv = process.env,
): string | undefined {
  const runId = env.GITHUB_RUN_ID;
  if (!runId) return undefined;
  const attempt = env.GITHUB_RUN_ATTEMPT || '1';
  // GITHUB_ACTION is the step's id within the job; matrix legs share a job id but not their pipeline.
  const step = [env.GITHUB_REPOSITORY, env.GITHUB_JOB, env.GITHUB_ACTION, pipelineName].join('\n');
  const hash = createHash('sha256').update(step).digest('hex').slice(0, 10);
  // CodePipeline allows [a-zA-Z0-9-], 1 to 128 characters.
  return `gh-${runId}-${attempt}-${hash}`.replace(/[^a-zA-Z0-9-]/g, '-').slice(0, 128);
}
