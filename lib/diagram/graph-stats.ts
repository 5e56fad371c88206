/** Counts of a graph, overall and per phase, for the docs and the benchmarks. */
import type { ArchitectureGraph, NodeCategory } from './graph-types.ts';
import { phasesOf } from './overview.ts';

export interface PhaseStats {
  readonly phase: string;
  readonly nodes: number;
  /** Edges with at least one end in the phase (what its diagram draws). */
  readonly edges: number;
  /** Of those, the ones whose other end is in another phase. */
  readonly crossPhaseEdges: number;
  /** Resources folded into the phase's nodes. */
  readonly folded: number;
  readonly categories: Readonly<Partial<Record<NodeCategory, number>>>;
}

export interface GraphStats {
  readonly environment: string;
  readonly nodes: number;
  readonly edges: number;
  readonly folded: number;
  readonly dropped: number;
  /** `writes` → 4, `reads` → 7, ... */
  readonly edgesByLabel: Readonly<Record<string, number>>;
  /** In phase order. */
  readonly phases: readonly PhaseStats[];
}

export function graphStats(graph: ArchitectureGraph): GraphStats {
  const phaseOf = new Map(graph.nodes.map((node) => [node.id, node.phase]));
  const edgesByLabel: Record<string, number> = {};
  for (const edge of graph.edges) edgesByLabel[edge.label] = (edgesByLabel[edge.label] ?? 0) + 1;
  const phases = phasesOf(graph).map((phase): PhaseStats => {
    const nodes = graph.nodes.filter((node) => node.phase === phase);
    const edges = graph.edges.filter(
      (edge) => phaseOf.get(edge.from) === phase || phaseOf.get(edge.to) === phase,
    );
    const categories: Partial<Record<NodeCategory, number>> = {};
    for (const node of nodes) categories[node.category] = (categories[node.category] ?? 0) + 1;
    return {
      phase,
      nodes: nodes.length,
      edges: edges.length,
      crossPhaseEdges: edges.filter((edge) => phaseOf.get(edge.from) !== phaseOf.get(edge.to)).length,
      folded: nodes.reduce((sum, node) => sum + node.folded.length, 0),
      categories,
    };
  });
  return {
    environment: graph.environment,
    nodes: graph.nodes.length,
    edges: graph.edges.length,
    folded: graph.nodes.reduce((sum, node) => sum + node.folded.length, 0),
    dropped: graph.dropped?.length ?? 0,
    edgesByLabel,
    phases,
  };
}
