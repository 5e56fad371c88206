import type { PhaseName } from '../config/phases.ts';
import type { StageName } from '../smoke/stage.ts';

/**
 * The smoke stage that proves each phase works (lib/smoke/deployment.ts says which phase's outputs each
 * stage uses): the foundation's raw bucket is where Firehose delivers, the orchestration's state machine
 * runs the processing phase's Glue jobs, Athena is the analytics phase. The delivery phase (CodePipeline)
 * ships code; no stage of the data's way proves it.
 */
export const STAGE_OF_PHASE: Readonly<Record<PhaseName, StageName | null>> = {
  foundation: 'deliver',
  ingestion: 'ingest',
  processing: 'transform',
  analytics: 'query',
  orchestration: 'transform',
  delivery: null,
};
