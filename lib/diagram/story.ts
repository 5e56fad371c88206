/**
 * The overview people read first: the capstone's journey (Ingest → Clean → Transform → Store → Query →
 * Visualize) with one node per role a service plays in it and a short name each (`Raw zone`, `Clean job`).
 * The capstone view already keeps only the journey's resources and edges; here the Glue databases become one
 * Data Catalog, the QuickSight pieces one QuickSight, and edges between the same two nodes one edge (both
 * ways: one edge with two arrowheads). Without
 * the capstone's phases, the whole platform folded to the same size stands in.
 */
import { capstoneView } from './capstone.ts';
import type { ArchitectureGraph, DiagramEdge, DiagramNode } from './graph-types.ts';
import { foldOverview } from './overview.ts';

/** At most this many nodes: more and the picture is unreadable at a README's width. */
const STORY_MAX_NODES = 20;

/** Short names by logical-id prefix (construct ids of infra/, which are stable). */
const SHORT_NAMES: readonly (readonly [string, string])[] = [
  ['DataLakeRaw', 'Raw zone'],
  ['DataLakeClean', 'Clean zone'],
  ['DataLakeCurated', 'Curated zone'],
  ['DataLakeQueryResults', 'Query results'],
  ['RawToClean', 'Clean job'],
  ['CleanToCurated', 'Curate job'],
  ['PipelineStateMachine', 'Pipeline'],
  ['AthenaWorkGroup', 'Athena'],
  ['IngestFunction', 'Ingest'],
  ['ValidatorFunction', 'Validator'],
  ['ConsumerFunction', 'Stream consumer'],
  ['ToLake', 'Firehose'],
  ['Stream', 'Kinesis stream'],
  ['Crawler', 'Crawler'],
  ['Api', 'Ingest API'],
];

/** Types merged into one node per role, with its name. */
const MERGED: readonly { readonly types: readonly string[]; readonly id: string; readonly label: string }[] =
  [
    { types: ['AWS::Glue::Database'], id: 'story_catalog', label: 'Data Catalog' },
    {
      types: ['AWS::QuickSight::DataSet', 'AWS::QuickSight::Dashboard', 'AWS::QuickSight::DataSource'],
      id: 'story_quicksight',
      label: 'QuickSight',
    },
  ];

/** Orchestrators: the story shows what they start, not the reads and writes of the queries they run. */
const ORCHESTRATORS = new Set(['AWS::StepFunctions::StateMachine', 'AWS::MWAA::Environment']);

/**
 * Nodes the story places in another stage than the capstone page, so the data reads left to right: the clean
 * zone is what the Clean stage produces (Raw zone → Clean job → Clean zone → Curate job → Curated zone), and
 * the crawler fills the Data Catalog beside it in Store.
 */
const RESTAGED: readonly (readonly [string, string])[] = [
  ['DataLakeClean', '2 · Clean'],
  ['Crawler', '4 · Store'],
];

const shortName = (node: DiagramNode): string =>
  SHORT_NAMES.find(([prefix]) => node.logicalId.startsWith(prefix))?.[1] ?? node.label;

/** The story view of a graph (see the file's comment). */
export function storyView(graph: ArchitectureGraph): ArchitectureGraph {
  const capstone = capstoneView(graph);
  if (!capstone) return foldOverview(graph, STORY_MAX_NODES);
  const into = new Map<string, string>();
  const nodes: DiagramNode[] = [];
  for (const node of capstone.nodes) {
    const merge = MERGED.find((m) => m.types.includes(node.type));
    if (!merge) {
      const phase = RESTAGED.find(([prefix]) => node.logicalId.startsWith(prefix))?.[1] ?? node.phase;
      nodes.push({ ...node, label: shortName(node), phase });
      continue;
    }
    into.set(node.id, merge.id);
    const index = nodes.findIndex((n) => n.id === merge.id);
    const existing = nodes[index];
    if (existing) {
      // The role sits in the latest stage of its members: the catalog serves the stored data.
      const stages = capstone.phases ?? [];
      const phase = stages.indexOf(node.phase) > stages.indexOf(existing.phase) ? node.phase : existing.phase;
      nodes[index] = {
        ...existing,
        phase,
        folded: [...existing.folded, node.logicalId, ...node.folded],
        members: [...(existing.members ?? []), node.id],
      };
    } else {
      nodes.push({ ...node, id: merge.id, label: merge.label, members: [node.id] });
    }
  }
  const orchestrators = new Set(nodes.filter((n) => ORCHESTRATORS.has(n.type)).map((n) => n.id));
  const edges = capstone.edges.filter(
    (edge) => edge.kind !== 'data' || !(orchestrators.has(edge.from) || orchestrators.has(edge.to)),
  );
  return { ...capstone, nodes, edges: twoWay(mergeEdges(edges, (id) => into.get(id) ?? id)) };
}

/**
 * Edges with their ends renamed, loops dropped, and the edges between the same two nodes joined (`reads,
 * writes`), each joined edge keeping the evidence of every edge it stands for.
 */
export function mergeEdges(edges: readonly DiagramEdge[], rename: (id: string) => string): DiagramEdge[] {
  const joined = new Map<string, DiagramEdge>();
  for (const edge of edges) {
    const from = rename(edge.from);
    const to = rename(edge.to);
    if (from === to) continue;
    const key = `${from}\u0000${to}`;
    const seen = joined.get(key);
    if (!seen) {
      joined.set(key, { ...edge, from, to });
      continue;
    }
    const labels = [...new Set([...seen.label.split(', '), ...edge.label.split(', ')])].sort();
    const evidence = [seen.evidence, edge.evidence].filter(Boolean);
    joined.set(key, {
      ...seen,
      label: labels.join(', '),
      kind: seen.kind === 'data' || edge.kind === 'data' ? 'data' : seen.kind,
      ...(evidence.length > 0 ? { evidence: evidence.join('; ') } : {}),
    });
  }
  return [...joined.values()];
}

/**
 * Data edges both ways between two nodes (a bucket → a role `reads`, the role → the bucket `writes`) as one
 * edge with both labels and evidences, drawn with two arrowheads; it keeps the direction of the one that
 * does more than read.
 */
export function twoWay(edges: readonly DiagramEdge[]): DiagramEdge[] {
  const out: DiagramEdge[] = [];
  const at = new Map<string, number>();
  for (const edge of edges) {
    const back = edge.kind === 'data' ? at.get(`${edge.to}\u0000${edge.from}`) : undefined;
    const first = back === undefined ? undefined : out[back];
    if (back === undefined || !first || first.kind !== 'data') {
      if (edge.kind === 'data') at.set(`${edge.from}\u0000${edge.to}`, out.length);
      out.push(edge);
      continue;
    }
    const labels = [...new Set([...first.label.split(', '), ...edge.label.split(', ')])].sort();
    const evidence = [first.evidence, edge.evidence].filter(Boolean);
    // Drawn the way the data is written (the role → the bucket), so it reads forward like a `writes` edge.
    const onlyReads = first.label.split(', ').every((l) => l === 'reads');
    out[back] = {
      ...first,
      ...(onlyReads ? { from: edge.from, to: edge.to } : {}),
      label: labels.join(', '),
      twoWay: true,
      ...(evidence.length > 0 ? { evidence: evidence.join('; ') } : {}),
    };
  }
  return out;
}
