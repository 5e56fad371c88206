/**
 * The capstone as one picture: the resources of every phase regrouped by the step of the data's journey
 * they serve (Ingest → Clean → Transform → Store → Query → Visualize), with the edges between them.
 */
import type { ArchitectureGraph, DiagramEdge, DiagramNode } from './graph-types.ts';

export const CAPSTONE_STAGES = ['Ingest', 'Clean', 'Transform', 'Store', 'Query', 'Visualize'] as const;
export type CapstoneStage = (typeof CAPSTONE_STAGES)[number];

interface StageRule {
  readonly stage: CapstoneStage;
  readonly phase: string;
  /** Resource types that belong to the stage whatever their name… */
  readonly types?: readonly string[];
  /** …or logical-id prefixes (construct ids of infra/, which are stable). */
  readonly ids?: readonly string[];
}

const RULES: readonly StageRule[] = [
  {
    stage: 'Ingest',
    phase: 'ingestion',
    types: [
      'AWS::ApiGateway::RestApi',
      'AWS::Kinesis::Stream',
      'AWS::KinesisFirehose::DeliveryStream',
      'AWS::DMS::ReplicationTask',
    ],
    ids: ['IngestFunction'],
  },
  { stage: 'Clean', phase: 'foundation', ids: ['DataLakeRaw'] },
  { stage: 'Clean', phase: 'ingestion', ids: ['ValidatorFunction', 'ConsumerFunction', 'Crawler'] },
  { stage: 'Clean', phase: 'processing', ids: ['RawToClean'] },
  { stage: 'Transform', phase: 'processing', ids: ['CleanToCurated'] },
  {
    stage: 'Transform',
    phase: 'orchestration',
    types: ['AWS::StepFunctions::StateMachine', 'AWS::MWAA::Environment'],
  },
  { stage: 'Store', phase: 'foundation', ids: ['DataLakeClean', 'DataLakeCurated'] },
  { stage: 'Store', phase: 'analytics', types: ['AWS::Glue::Database'] },
  { stage: 'Query', phase: 'analytics', types: ['AWS::Athena::WorkGroup'] },
  { stage: 'Query', phase: 'foundation', ids: ['DataLakeQueryResults'] },
  {
    stage: 'Visualize',
    phase: 'analytics',
    types: ['AWS::QuickSight::DataSet', 'AWS::QuickSight::Dashboard'],
  },
];

/** What stands for "Visualize" when QuickSight is off: the charts `npm run docs` draws from the SQL. */
export const CHARTS_NODE: DiagramNode = {
  id: 'capstone_charts',
  label: 'Charts in docs/',
  kind: 'Vega-Lite SVG and PNG',
  category: 'analytics',
  phase: '6 · Visualize',
  type: 'docs/charts',
  stack: '',
  logicalId: 'Charts',
  folded: [],
};

export const stageTitle = (stage: CapstoneStage): string =>
  `${CAPSTONE_STAGES.indexOf(stage) + 1} · ${stage}`;

function stageOf(node: DiagramNode): CapstoneStage | undefined {
  const rule = RULES.find(
    (r) =>
      r.phase === node.phase &&
      (r.types?.includes(node.type) || r.ids?.some((prefix) => node.logicalId.startsWith(prefix))),
  );
  return rule?.stage;
}

/**
 * The capstone view of a graph: the nodes of the journey, each in its stage, and the edges among them.
 * Without QuickSight, the charts of the docs close the journey, drawn from the Athena workgroup.
 * Undefined when the graph lacks a stage (the phases it needs are not all on).
 */
export function capstoneView(graph: ArchitectureGraph): ArchitectureGraph | undefined {
  const nodes = graph.nodes.flatMap((node) => {
    const stage = stageOf(node);
    return stage ? [{ ...node, phase: stageTitle(stage) }] : [];
  });
  const shown = new Map(nodes.map((n) => [n.id, n]));
  // The journey of the data, not every permission: catalog lookups and plain references stay in the phase diagrams.
  const isDatabase = (id: string) => shown.get(id)?.type === 'AWS::Glue::Database';
  const edges: DiagramEdge[] = graph.edges.filter(
    (edge) =>
      shown.has(edge.from) &&
      shown.has(edge.to) &&
      edge.kind !== 'reference' &&
      (edge.label === 'catalogs' || !(isDatabase(edge.from) || isDatabase(edge.to))),
  );
  if (!nodes.some((n) => n.phase === stageTitle('Visualize'))) {
    const workgroups = nodes.filter((n) => n.type === 'AWS::Athena::WorkGroup');
    nodes.push(CHARTS_NODE);
    edges.push(
      ...workgroups.map((w) => ({
        from: w.id,
        to: CHARTS_NODE.id,
        label: 'npm run docs',
        kind: 'data' as const,
      })),
    );
  }
  const stages = CAPSTONE_STAGES.map(stageTitle);
  if (!stages.every((stage) => nodes.some((n) => n.phase === stage))) return undefined;
  return { environment: graph.environment, nodes, edges, phases: stages };
}

/** Each stage with the stacks and logical ids of its resources (folded plumbing included), for costing. */
export function capstoneResources(
  view: ArchitectureGraph,
): Record<string, { stack: string; logicalId: string }[]> {
  const out: Record<string, { stack: string; logicalId: string }[]> = {};
  for (const node of view.nodes) {
    const list = out[node.phase] ?? [];
    for (const logicalId of [node.logicalId, ...node.folded]) list.push({ stack: node.stack, logicalId });
    out[node.phase] = list;
  }
  return out;
}
