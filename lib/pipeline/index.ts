export { clientRequestToken } from './client-token.ts';
export { createPipelineClients, destroyPipelineClients } from './clients.ts';
export { type PipelineRunReporter, runPipeline } from './run-pipeline.ts';
export { pipelineSummaryMarkdown } from './summary-markdown.ts';
