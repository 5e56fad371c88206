import { PHASE_NAMES, type PhaseName } from '../config/phases.ts';
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

/**
 * The phases a smoke run needs deployed: each one a stage of the data's way proves. deploy-environment.yml
 * runs the smoke test only when config/dev.json turns them all on (a test holds its check to this list).
 */
export const SMOKE_PHASES: readonly PhaseName[] = PHASE_NAMES.filter((p) => STAGE_OF_PHASE[p] !== null);
