/**
 * What a change does to the architecture: nodes and edges added and removed between two graphs (ids are
 * stable, so the base and head of a pull request compare directly), and one Mermaid diagram of the head
 * with the additions in green and the removals kept, red and dashed.
 */
import type { ArchitectureGraph, DiagramEdge, DiagramNode } from './graph-types.ts';
import { renderFlowchart } from './mermaid.ts';
import { DEFAULT_OVERVIEW_MAX_NODES, phasesOf } from './overview.ts';

export interface GraphDiff {
  readonly addedNodes: readonly DiagramNode[];
  readonly removedNodes: readonly DiagramNode[];
  /** Same id, another kind, label, type or phase. */
  readonly changedNodes: readonly { readonly base: DiagramNode; readonly head: DiagramNode }[];
  readonly addedEdges: readonly DiagramEdge[];
  readonly removedEdges: readonly DiagramEdge[];
}

/** An edge is its two ends and its label. */
export const edgeKey = (edge: DiagramEdge): string => `${edge.from}\u0000${edge.label}\u0000${edge.to}`;

export function diffGraphs(base: ArchitectureGraph, head: ArchitectureGraph): GraphDiff {
  const baseNodes = new Map(base.nodes.map((node) => [node.id, node]));
  const headNodes = new Map(head.nodes.map((node) => [node.id, node]));
  const baseEdges = new Set(base.edges.map(edgeKey));
  const headEdges = new Set(head.edges.map(edgeKey));
  const changedNodes: { base: DiagramNode; head: DiagramNode }[] = [];
  for (const node of head.nodes) {
    const before = baseNodes.get(node.id);
    if (
      before &&
      (before.kind !== node.kind ||
        before.label !== node.label ||
        before.type !== node.type ||
        before.phase !== node.phase)
    ) {
      changedNodes.push({ base: before, head: node });
    }
  }
  return {
    addedNodes: head.nodes.filter((node) => !baseNodes.has(node.id)),
    removedNodes: base.nodes.filter((node) => !headNodes.has(node.id)),
    changedNodes,
    addedEdges: head.edges.filter((edge) => !baseEdges.has(edgeKey(edge))),
    removedEdges: base.edges.filter((edge) => !headEdges.has(edgeKey(edge))),
  };
}

/** Whether two graphs draw the same architecture. */
export function isUnchanged(diff: GraphDiff): boolean {
  return (
    diff.addedNodes.length +
      diff.removedNodes.length +
      diff.changedNodes.length +
      diff.addedEdges.length +
      diff.removedEdges.length ===
    0
  );
}

export interface DiffMermaidOptions {
  /**
   * Above this many nodes, draw only what changed and its neighbours (and, if that is still too many,
   * only what changed). @default 40
   */
  readonly maxNodes?: number;
}

/**
 * One Mermaid diagram of the head: added nodes and edges in the green `added` class and `linkStyle`,
 * removed ones kept, in the red dashed `removed` class, their edges dotted and red. Unchanged nodes keep
 * their category's class. Large graphs are cut down to the change (see `maxNodes`), never folded, so every
 * changed node stays visible under its own id.
 */
export function diffMermaid(
  base: ArchitectureGraph,
  head: ArchitectureGraph,
  options: DiffMermaidOptions = {},
): string {
  const diff = diffGraphs(base, head);
  const added = new Set(diff.addedNodes.map((node) => node.id));
  const removed = new Set(diff.removedNodes.map((node) => node.id));
  const addedEdges = new Set(diff.addedEdges.map(edgeKey));
  const removedEdges = new Set(diff.removedEdges.map(edgeKey));

  // The head, with the removed nodes back where they were: after the node they followed in the base, or
  // before the one they preceded, in their phase.
  const nodes = [...head.nodes];
  for (const node of diff.removedNodes) {
    const shown = (candidate: DiagramNode) =>
      candidate.phase === node.phase && nodes.some((n) => n.id === candidate.id);
    const position = base.nodes.indexOf(node);
    const previous = base.nodes.slice(0, position).reverse().find(shown);
    const next = base.nodes.slice(position + 1).find(shown);
    const at = previous
      ? nodes.findIndex((n) => n.id === previous.id) + 1
      : next
        ? nodes.findIndex((n) => n.id === next.id)
        : nodes.length;
    nodes.splice(at, 0, node);
  }
  let edges = [...head.edges, ...diff.removedEdges];
  let shown = nodes;

  const maxNodes = options.maxNodes ?? DEFAULT_OVERVIEW_MAX_NODES;
  if (nodes.length > maxNodes) {
    const changedIds = new Set([...added, ...removed, ...diff.changedNodes.map((c) => c.head.id)]);
    const changedEdges = edges.filter(
      (edge) => addedEdges.has(edgeKey(edge)) || removedEdges.has(edgeKey(edge)),
    );
    for (const edge of changedEdges) changedIds.add(edge.from).add(edge.to);
    const neighbours = new Set(changedIds);
    for (const edge of edges) {
      if (changedIds.has(edge.from) || changedIds.has(edge.to)) neighbours.add(edge.from).add(edge.to);
    }
    const keep = neighbours.size <= maxNodes ? neighbours : changedIds;
    shown = nodes.filter((node) => keep.has(node.id));
    edges = edges.filter((edge) => keep.has(edge.from) && keep.has(edge.to));
  }

  const phases = [...new Set([...phasesOf(head), ...phasesOf(base)])];
  const view: ArchitectureGraph = { ...head, nodes: shown, edges, phases };
  return renderFlowchart(view, {
    nodeClass: (node) => (added.has(node.id) ? 'added' : removed.has(node.id) ? 'removed' : undefined),
    edgeStatus: (edge) =>
      addedEdges.has(edgeKey(edge)) ? 'added' : removedEdges.has(edgeKey(edge)) ? 'removed' : undefined,
  });
}
