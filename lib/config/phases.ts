/** The roadmap's phases that become stacks, in deployment order. Stack ids are a stable contract. */
export const PHASE_NAMES = [
  'foundation',
  'ingestion',
  'processing',
  'analytics',
  'orchestration',
  'delivery',
] as const;

export type PhaseName = (typeof PHASE_NAMES)[number];

export interface PhaseInfo {
  /** Row of the AWS data-engineering roadmap this phase covers. */
  readonly roadmapPhase: number;
  readonly title: string;
  /** Phases whose resources this one uses, so they must be on too. */
  readonly requires: readonly PhaseName[];
}

export const PHASES: Record<PhaseName, PhaseInfo> = {
  foundation: { roadmapPhase: 1, title: 'IAM and the S3 data lake', requires: [] },
  ingestion: {
    roadmapPhase: 2,
    title: 'Kinesis, Firehose, Lambda, API Gateway, Glue crawlers, DMS',
    requires: ['foundation'],
  },
  processing: {
    roadmapPhase: 3,
    title: 'Glue PySpark ETL, partitioning, Delta Lake, schema evolution',
    requires: ['foundation'],
  },
  analytics: {
    roadmapPhase: 4,
    title: 'Glue Data Catalog, Athena, QuickSight',
    requires: ['foundation', 'processing'],
  },
  orchestration: {
    roadmapPhase: 5,
    title: 'Step Functions, MWAA, CloudWatch, CloudTrail',
    requires: ['foundation', 'ingestion', 'processing', 'analytics'],
  },
  delivery: {
    roadmapPhase: 6,
    title: 'CodePipeline and CodeBuild, one pipeline per environment',
    // It ships the code of the ingestion functions and the processing jobs when those phases are on.
    requires: ['foundation'],
  },
};
