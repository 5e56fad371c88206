/**
 * Sample graphs for elkjs to lay out while it waits for the real ones ({@link warmUpLayouts}): the shapes and
 * options of the pictures (phases as boxes in both directions, a column on its own, labelled edges within and
 * across phases), so that V8 has compiled the code the real layouts run by the time they arrive.
 */
import type { ElkNode } from 'elkjs/lib/elk-api.js';
import type { ArchitectureGraph, DiagramEdge, DiagramNode } from '../graph-types.ts';
import { columnInput, layeredInput, SIZES } from './layout.ts';

const LABELS = ['writes', 'reads', 'triggers', 'reads, writes', 'delivers to', 'starts'];

/** Five phases of four services: a chain in each phase, and edges forward and back between phases. */
function sampleGraph(): ArchitectureGraph {
  const phases = ['ingestion', 'processing', 'analytics', 'orchestration', 'foundation'];
  const nodes: DiagramNode[] = phases.flatMap((phase) =>
    [0, 1, 2, 3].map((i) => ({
      id: `${phase}_${i}`,
      label: `Sample ${phase} ${i}`,
      kind: 'Lambda function',
      category: 'compute' as const,
      phase,
      type: 'AWS::Lambda::Function',
      stack: `dev/${phase}`,
      logicalId: `Sample${i}`,
      folded: [],
    })),
  );
  const edge = (from: string, to: string, n: number): DiagramEdge => ({
    from,
    to,
    label: LABELS[n % LABELS.length] ?? '',
    kind: 'data',
  });
  const edges = phases.flatMap((phase, p) => [
    ...[0, 1, 2].map((i) => edge(`${phase}_${i}`, `${phase}_${i + 1}`, p + i)),
    edge(`${phase}_${p % 4}`, `${phases[(p + 1) % phases.length]}_${(p + 2) % 4}`, p),
    edge(`${phases[(p + 2) % phases.length]}_3`, `${phase}_0`, p + 3),
  ]);
  return { environment: 'dev', nodes, edges, phases };
}

export function warmUpGraphs(): ElkNode[] {
  const graph = sampleGraph();
  const height = () => SIZES.icon + 6 + 2 * SIZES.lineHeight;
  const column = graph.nodes.filter((node) => node.phase === 'ingestion');
  const inner = graph.edges
    .map((edge, i) => ({ ...edge, id: `edge_${i}` }))
    .filter((edge) => edge.from.startsWith('ingestion_') && edge.to.startsWith('ingestion_'));
  const one = () => [
    layeredInput(graph, 'RIGHT', height),
    layeredInput(graph, 'DOWN', height),
    columnInput(
      'phase_0',
      column.map((node) => ({ id: node.id, width: SIZES.nodeWidth, height: height() })),
      inner,
    ),
  ];
  // Three rounds: V8 optimizes a function after it has run a while, and the first rounds only start that.
  return [...one(), ...one(), ...one()];
}
