/**
 * Views of a graph for one diagram: one phase with its neighbours, and a graph folded down to a number of
 * nodes by merging look-alikes, deterministically.
 */
import { slug } from './build-graph.ts';
import type { ArchitectureGraph, DiagramEdge, DiagramNode, NodeCategory } from './graph-types.ts';

/** The default size of the whole-platform overview. */
export const DEFAULT_OVERVIEW_MAX_NODES = 40;

/** The phases of a graph in order: its own list, else the order its nodes name them. */
export function phasesOf(graph: ArchitectureGraph): string[] {
  const listed = graph.phases ?? [];
  const named = graph.nodes.map((node) => node.phase).filter((phase) => !listed.includes(phase));
  return [...new Set([...listed, ...named])];
}

/**
 * One phase: its nodes, the nodes of other phases they have edges with (so edges across phases show), and
 * those edges. Unknown phase → an empty graph.
 */
export function phaseView(graph: ArchitectureGraph, phase: string): ArchitectureGraph {
  const own = new Set(graph.nodes.filter((node) => node.phase === phase).map((node) => node.id));
  const edges = graph.edges.filter((edge) => own.has(edge.from) || own.has(edge.to));
  const shown = new Set([...own, ...edges.flatMap((edge) => [edge.from, edge.to])]);
  const nodes = graph.nodes.filter((node) => shown.has(node.id));
  // The phase first: Mermaid's layout (dagre) crashes on some graphs whose clusters come in another order.
  const neighbours = phasesOf(graph).filter((p) => p !== phase && nodes.some((node) => node.phase === p));
  const phases = nodes.some((node) => node.phase === phase) ? [phase, ...neighbours] : neighbours;
  return { ...graph, nodes, edges, phases };
}

type Level = 'kind' | 'category' | 'phase';

interface Group {
  readonly key: string;
  readonly phase: string;
  readonly nodes: DiagramNode[];
}

/**
 * Merges nodes until at most `maxNodes` remain: first nodes of the same kind in one phase
 * (`3 × Lambda function`), then of the same category in one phase (`5 × compute`), then whole phases
 * (`12 resources`); at each step the largest group (ties: earlier phase, then earlier node). The merged
 * node's id comes from the phase and the kind, category or phase, so it is the same in every environment.
 * Edges follow their ends; loops go, duplicates merge. A graph already small enough is returned as it is.
 */
export function foldOverview(
  graph: ArchitectureGraph,
  maxNodes = DEFAULT_OVERVIEW_MAX_NODES,
): ArchitectureGraph {
  if (graph.nodes.length <= maxNodes) return graph;
  const phases = phasesOf(graph);
  let nodes = [...graph.nodes];
  let edges = [...graph.edges];
  for (const level of ['kind', 'category', 'phase'] as const) {
    while (nodes.length > Math.max(maxNodes, 1)) {
      const group = largestGroup(nodes, level, phases);
      if (!group) break;
      const merged = mergedNode(group, level);
      const members = new Set(group.nodes.map((node) => node.id));
      const position = nodes.findIndex((node) => members.has(node.id));
      nodes = nodes.filter((node) => !members.has(node.id));
      nodes.splice(position, 0, merged);
      edges = remapEdges(edges, members, merged.id);
    }
  }
  return { ...graph, nodes, edges };
}

function groupKey(node: DiagramNode, level: Level): string {
  if (level === 'kind') return node.kind;
  if (level === 'category') return node.category;
  return 'resources';
}

function largestGroup(
  nodes: readonly DiagramNode[],
  level: Level,
  phases: readonly string[],
): Group | undefined {
  const groups = new Map<string, Group>();
  for (const node of nodes) {
    const key = `${node.phase}\u0000${groupKey(node, level)}`;
    let group = groups.get(key);
    if (!group) {
      group = { key: groupKey(node, level), phase: node.phase, nodes: [] };
      groups.set(key, group);
    }
    group.nodes.push(node);
  }
  let best: Group | undefined;
  for (const group of groups.values()) {
    if (group.nodes.length < 2) continue;
    if (
      !best ||
      group.nodes.length > best.nodes.length ||
      (group.nodes.length === best.nodes.length && phases.indexOf(group.phase) < phases.indexOf(best.phase))
    ) {
      best = group;
    }
  }
  return best;
}

/** How many resources a node stands for. */
const countOf = (node: DiagramNode): number => node.members?.length ?? 1;

function mergedNode(group: Group, level: Level): DiagramNode {
  const members = group.nodes.flatMap((node) => node.members ?? [node.id]);
  const first = group.nodes[0] as DiagramNode;
  const count = group.nodes.reduce((sum, node) => sum + countOf(node), 0);
  const category: NodeCategory = level === 'phase' ? 'other' : first.category;
  const kind = level === 'kind' ? first.kind : level === 'category' ? category : 'resources';
  return {
    id: `${slug(group.phase)}__${slug(group.key)}`,
    label: level === 'phase' ? `${count} resources` : `${count} × ${kind}`,
    kind,
    category,
    phase: group.phase,
    type: level === 'kind' ? first.type : '',
    stack: first.stack,
    logicalId: '',
    folded: group.nodes.flatMap((node) => node.folded),
    members,
  };
}

function remapEdges(edges: readonly DiagramEdge[], members: ReadonlySet<string>, id: string): DiagramEdge[] {
  const seen = new Set<string>();
  const out: DiagramEdge[] = [];
  for (const edge of edges) {
    const from = members.has(edge.from) ? id : edge.from;
    const to = members.has(edge.to) ? id : edge.to;
    if (from === to) continue;
    const key = `${from}\u0000${to}\u0000${edge.label}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(from === edge.from && to === edge.to ? edge : { ...edge, from, to });
  }
  return out;
}
