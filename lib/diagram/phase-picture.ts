/**
 * The picture of one phase, condensed to read at a README's width (the Mermaid text keeps every edge): the
 * phase's own resources one node each; the housekeeping edges many resources share folded into a note on
 * their target (`Access Logs (logs of 6 buckets)`); a reference edge beside a data or trigger edge between the
 * same two nodes dropped; edges between the same two nodes joined, with every edge's evidence; and another
 * phase with several resources in the view shown as one node, so the picture centres on its own phase.
 */
import { slug } from './build-graph.ts';
import type { ArchitectureGraph, DiagramEdge, DiagramNode } from './graph-types.ts';
import { phaseView } from './overview.ts';
import { mergeEdges, twoWay } from './story.ts';

/** At most this many nodes and edges in a phase picture, after condensing, when the phase allows it. */
export const PHASE_PICTURE_MAX_NODES = 25;
export const PHASE_PICTURE_MAX_EDGES = 35;

/** Another phase with at least this many resources in the view becomes one node. */
const FOLD_PHASE_FROM = 4;

/** Edges that say where a resource's housekeeping goes, not where its data goes: many of them are one fact. */
const HOUSEKEEPING = new Set(['logs to']);

/** The picture view of `phase` in `graph` (see the file's comment). */
export function phasePictureView(graph: ArchitectureGraph, phase: string): ArchitectureGraph {
  const view = phaseView(graph, phase);
  const byId = new Map(view.nodes.map((node) => [node.id, node]));
  // Housekeeping edges into one node from several resources become a note on that node.
  const shared = new Map<string, DiagramEdge[]>();
  for (const edge of view.edges) {
    if (!HOUSEKEEPING.has(edge.label)) continue;
    shared.set(edge.to, [...(shared.get(edge.to) ?? []), edge]);
  }
  const noted = new Map([...shared].filter(([, edges]) => edges.length > 1));
  const nodes = view.nodes.map((node) => {
    const into = noted.get(node.id);
    if (!into) return node;
    const kinds = new Set(into.map((edge) => byId.get(edge.from)?.kind));
    const what = kinds.size === 1 ? `${shortKind(byId.get(into[0]?.from ?? '')?.kind ?? '')}s` : 'resources';
    return {
      ...node,
      label: `${node.label} (${into[0]?.label.replace(/ to$/, '')} of ${into.length} ${what})`,
    };
  });
  const joined = new Set(
    view.edges
      .filter((e) => e.kind !== 'reference')
      .flatMap((e) => [`${e.from}>${e.to}`, `${e.to}>${e.from}`]),
  );
  let edges = view.edges.filter(
    (edge) =>
      !(HOUSEKEEPING.has(edge.label) && noted.has(edge.to)) &&
      !(edge.kind === 'reference' && joined.has(`${edge.from}>${edge.to}`)),
  );
  edges = twoWay(mergeEdges(edges, (id) => id));
  // A resource of another phase whose only edge was housekeeping has nothing left to show.
  const linked = new Set(edges.flatMap((edge) => [edge.from, edge.to]));
  const shown = nodes.filter((node) => node.phase === phase || linked.has(node.id));
  // Other phases with several resources here: one node each, so the phase's own resources stay central.
  const others = new Map<string, DiagramNode[]>();
  for (const node of shown) {
    if (node.phase !== phase) others.set(node.phase, [...(others.get(node.phase) ?? []), node]);
  }
  const folds = [...others].filter(([, members]) => members.length >= FOLD_PHASE_FROM);
  // Fewer resources still fold when the picture would pass its limits without.
  const rest = [...others]
    .filter(([, members]) => members.length > 1 && members.length < FOLD_PHASE_FROM)
    .sort((a, b) => b[1].length - a[1].length);
  let picture: ArchitectureGraph = { ...view, nodes: shown, edges };
  for (const [other, members] of folds) picture = foldPhase(picture, other, members);
  for (const [other, members] of rest) {
    if (picture.nodes.length <= PHASE_PICTURE_MAX_NODES && picture.edges.length <= PHASE_PICTURE_MAX_EDGES)
      break;
    picture = foldPhase(picture, other, members);
  }
  // Phases that feed this one stand left of it, those it feeds right, so most edges run left to right.
  const balance = (other: string) => {
    const ids = new Set(picture.nodes.filter((node) => node.phase === other).map((node) => node.id));
    return picture.edges.reduce((sum, e) => sum + (ids.has(e.from) ? 1 : 0) - (ids.has(e.to) ? 1 : 0), 0);
  };
  const neighbours = [...others.keys()].filter((p) => picture.nodes.some((node) => node.phase === p));
  return {
    ...picture,
    phases: [
      ...neighbours.filter((p) => balance(p) > 0),
      phase,
      ...neighbours.filter((p) => balance(p) <= 0),
    ],
  };
}

/** `S3 bucket` → `bucket`: the noun people say. */
const shortKind = (kind: string): string => kind.split(' ').at(-1) ?? kind;

/** One node for `members` (all of phase `phase`), the edges following it and joined. */
function foldPhase(
  graph: ArchitectureGraph,
  phase: string,
  members: readonly DiagramNode[],
): ArchitectureGraph {
  const ids = new Set(members.map((node) => node.id));
  const first = members[0] as DiagramNode;
  const folded: DiagramNode = {
    id: `${slug(phase)}__resources`,
    label: `${members.length} resources`,
    kind: 'resources',
    category: 'other',
    phase,
    type: '',
    stack: first.stack,
    logicalId: '',
    folded: members.flatMap((node) => node.folded),
    members: members.map((node) => node.id),
  };
  const position = graph.nodes.findIndex((node) => ids.has(node.id));
  const nodes = graph.nodes.filter((node) => !ids.has(node.id));
  nodes.splice(position, 0, folded);
  return { ...graph, nodes, edges: twoWay(mergeEdges(graph.edges, (id) => (ids.has(id) ? folded.id : id))) };
}
