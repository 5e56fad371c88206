export { clientRequestToken } from './client-token.ts';
export {
  createPipelineClients,
  destroyPipelineClients,
  type PipelineClientOptions,
  type PipelineClients,
} from './clients.ts';
export type { Outcome, OutcomeKind } from './outcome.ts';
export {
  type PipelineRunReporter,
  type PipelineRunResult,
  type RunPipelineOptions,
  runPipeline,
  type StartedExecution,
} from './run-pipeline.ts';
export { pipelineSummaryMarkdown } from './summary-markdown.ts';
