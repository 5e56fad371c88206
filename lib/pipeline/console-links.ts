/** Console pages a person opens from the log or the job summary. */
export const pipelineLinks = {
  execution: (region: string, pipeline: string, executionId: string) =>
    `https://${region}.console.aws.amazon.com/codesuite/codepipeline/pipelines/${encodeURIComponent(pipeline)}/executions/${executionId}/timeline?region=${region}`,
  build: (region: string, buildId: string) =>
    `https://${region}.console.aws.amazon.com/codesuite/codebuild/projects/${encodeURIComponent(buildId.split(':')[0] ?? '')}/build/${encodeURIComponent(buildId)}/log?region=${region}`,
} as const;
