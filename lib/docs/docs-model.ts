import type { ChartDoc } from '../analytics/chart-files.ts';
import type { Inventory } from '../assembly/types.ts';
import type { ActualCost } from '../cost/actual/read-actual-cost.ts';
import type { Estimate } from '../cost/estimate/estimate-types.ts';
import type { DeployedOutputs } from '../deploy/stack-outputs.ts';
import type { RunEvidence } from '../evidence/run-evidence.ts';
import type { CapstoneStageDoc } from './capstone-stages.ts';
import type { Decision } from './decisions.ts';

/** The diagrams of one environment, already rendered. */
export interface DiagramSet {
  readonly environment: string;
  /** `overview` and one per phase → Mermaid text. */
  readonly mermaid: Readonly<Record<string, string>>;
  /** Same names → image files, relative to the repository root. */
  readonly images: Readonly<
    Record<string, { readonly svg: string; readonly png: string; readonly drawio: string }>
  >;
  readonly stats: Readonly<Record<string, { readonly nodes: number; readonly edges: number }>>;
}

/** The phases each environment switches on (config/<env>.json), for the status table. */
export interface EnvironmentPhases {
  readonly environment: string;
  readonly phases: Readonly<Record<string, boolean>>;
}

/** Everything the docs are made from: gathered once, rendered into every page. */
export interface DocsModel {
  readonly inventory: Inventory;
  readonly estimate: Estimate;
  /** Regions with no price catalog: their resources are unpriced, so no total is shown. @default none */
  readonly missingPrices?: readonly string[];
  readonly diagrams: DiagramSet;
  readonly outputs: DeployedOutputs;
  readonly decisions: readonly Decision[];
  readonly environments: readonly EnvironmentPhases[];
  /** Charts of the sample data drawn from pipeline/sql/ queries (docs/charts/). */
  readonly charts: readonly ChartDoc[];
  /** The capstone's stages with their cost, once every phase it needs is built; else null. */
  readonly capstone: readonly CapstoneStageDoc[] | null;
  /** The last recorded smoke run of each environment that has one (docs/evidence/<env>/last-run.json). */
  readonly evidence: readonly RunEvidence[];
  /** Project name, for titles. */
  readonly project: string;
  /**
   * The real bill of one environment from Cost Explorer (`npm run cost -- --actual --format json`), shown
   * beside the estimate; absent without AWS credentials, as in every offline run.
   */
  readonly actualCost?: ActualCost;
}
