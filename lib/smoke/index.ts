/**
 * The end-to-end smoke test of a deployed environment (`npm run smoke`): sample events in through the API
 * and the stream, into the raw zone by Firehose, through the state machine's Glue jobs, and out of Athena.
 */
export { createSmokeClients, destroyClients } from './clients.ts';
export { cloudFormationOutputs, DeploymentError, fileOutputs, resolveDeployment } from './deployment.ts';
export { formatDuration, parseDuration } from './duration.ts';
export { formatHeading, formatProgress, formatReport } from './report.ts';
export { DEFAULT_POLL, DEFAULT_TIMEOUTS, runSmoke } from './run-smoke.ts';
export { MAX_SMOKE_EVENTS, planRun } from './sample-run.ts';
export type { StageName } from './stage.ts';
