/**
 * The graph as Mermaid flowchart text, in the subset both GitHub's Mermaid and the browserless renderer
 * (beautiful-mermaid) read: `flowchart LR`, `subgraph id["title"]` … `end`, nodes `id["label"]`,
 * `id("label")`, `id(["label"])`, `id[("label")]`, `id[["label"]]`, `id{{"label"}}`, edges
 * `a -->|label| b` and `a -.->|label| b`, `classDef` with hex colours, `class a,b name`, `linkStyle N`.
 */

import { PHASES, type PhaseName } from '../config/phases.ts';
import { slug } from './build-graph.ts';
import { capstoneView } from './capstone.ts';
import type { ArchitectureGraph, DiagramEdge, DiagramNode, NodeCategory } from './graph-types.ts';
import { DEFAULT_OVERVIEW_MAX_NODES, foldOverview, phasesOf, phaseView } from './overview.ts';
import { phasePictureView } from './phase-picture.ts';
import type { PictureLayout } from './picture/index.ts';
import { storyView } from './story.ts';

export interface MermaidOptions {
  /** Draw this phase (with the nodes of other phases it has edges with); @default the whole platform */
  readonly phase?: string;
  /**
   * Merge nodes above this many (see `foldOverview`).
   * @default 40 for the whole platform (`DEFAULT_OVERVIEW_MAX_NODES`); no limit for a phase
   */
  readonly maxNodes?: number;
}

/** Shape of each category: [opening, closing] around the quoted label. */
const SHAPES: Readonly<Record<NodeCategory, readonly [string, string]>> = {
  storage: ['[(', ')]'],
  database: ['[(', ')]'],
  stream: ['([', '])'],
  integration: ['([', '])'],
  compute: ['(', ')'],
  catalog: ['[[', ']]'],
  orchestration: ['[[', ']]'],
  delivery: ['[[', ']]'],
  security: ['{{', '}}'],
  api: ['[', ']'],
  analytics: ['[', ']'],
  monitoring: ['[', ']'],
  network: ['[', ']'],
  other: ['[', ']'],
};

/** Colours of each category's class: fill, stroke, text (AWS's service colours, lightened for the fill). */
export const CATEGORY_COLOURS: Readonly<Record<NodeCategory, readonly [string, string, string]>> = {
  storage: ['#e8f5e9', '#3f8624', '#1b4d12'],
  database: ['#e8eafc', '#3b48cc', '#1f2878'],
  stream: ['#f3ecff', '#8c4fff', '#4b2196'],
  integration: ['#fde7f1', '#e7157b', '#7a0b41'],
  compute: ['#fff1e0', '#ed7100', '#7a3a00'],
  catalog: ['#efe9fb', '#6b40c9', '#3a1f78'],
  orchestration: ['#fce4ec', '#c2185b', '#6d0f33'],
  delivery: ['#e3f2fd', '#1565c0', '#0d3c73'],
  security: ['#fdecee', '#dd344c', '#7f1d2b'],
  api: ['#fbe9f4', '#b0267f', '#5e1445'],
  analytics: ['#ede7f6', '#7b1fa2', '#43105a'],
  monitoring: ['#fce8f0', '#b0084d', '#5c0428'],
  network: ['#e0f2f1', '#00796b', '#003d36'],
  other: ['#f5f5f5', '#616161', '#212121'],
};

/** Edge and node styles of a diff. */
export const DIFF_COLOURS = {
  added: ['#dafbe1', '#1a7f37', '#116329'],
  removed: ['#ffebe9', '#cf222e', '#82071e'],
} as const;

/** A drawing's instructions beyond the graph: classes and edge styles for a diff. */
export interface Decorations {
  /** A class for a node other than its category's (`added`, `removed`). */
  readonly nodeClass?: (node: DiagramNode) => 'added' | 'removed' | undefined;
  /** Edges drawn in a colour (and removed ones dotted). */
  readonly edgeStatus?: (edge: DiagramEdge) => 'added' | 'removed' | undefined;
}

/**
 * Mermaid text of the whole platform (folded to at most `maxNodes`, default 40) or of one phase.
 * Node ids are the graph's (phase + logical id), so two environments' diagrams line up line by line.
 */
export function toMermaid(graph: ArchitectureGraph, options: MermaidOptions = {}): string {
  let view = options.phase === undefined ? graph : phaseView(graph, options.phase);
  const maxNodes = options.maxNodes ?? (options.phase === undefined ? DEFAULT_OVERVIEW_MAX_NODES : undefined);
  if (maxNodes !== undefined) view = foldOverview(view, maxNodes);
  return renderFlowchart(view);
}

/** `1 · foundation: IAM and the S3 data lake` for a catalog phase; the name itself for others. */
export function phaseTitle(phase: string): string {
  const info = Object.hasOwn(PHASES, phase) ? PHASES[phase as PhaseName] : undefined;
  return info ? `${info.roadmapPhase} · ${phase}: ${info.title}` : phase;
}

/** The subgraph id of a phase. */
export const subgraphId = (phase: string): string => `phase__${slug(phase)}`;

/**
 * Label text Mermaid reads as written: the characters that would end a quoted label, an edge label or
 * start an entity or markup (`"`, `|`, `#`, `&`, `<`, `>`, backquote) become Mermaid entity codes
 * (`#quot;`, `#124;`, ...), which GitHub shows as the character and the embedded renderer decodes; line
 * breaks become spaces.
 */
export function escapeLabel(text: string): string {
  return text.replace(/[\r\n\t]+/g, ' ').replace(/["|#&<>`]/g, (char) => ENTITIES[char] ?? ' ');
}

const ENTITIES: Readonly<Record<string, string>> = {
  '"': '#quot;',
  '|': '#124;',
  '#': '#35;',
  '&': '#amp;',
  '<': '#lt;',
  '>': '#gt;',
  '`': '#96;',
};

function nodeLine(node: DiagramNode): string {
  const [open, close] = SHAPES[node.category] ?? SHAPES.other;
  const text = node.members
    ? escapeLabel(node.label)
    : `${escapeLabel(node.label)}<br/>${escapeLabel(node.kind)}`;
  return `${node.id}${open}"${text}"${close}`;
}

/** Renders a (possibly folded) graph as it is: one subgraph per phase, classes, edges. */
export function renderFlowchart(graph: ArchitectureGraph, decorations: Decorations = {}): string {
  const lines = ['flowchart LR'];
  const byPhase = new Map<string, DiagramNode[]>();
  for (const node of graph.nodes) {
    const list = byPhase.get(node.phase) ?? [];
    list.push(node);
    byPhase.set(node.phase, list);
  }
  for (const phase of phasesOf(graph)) {
    const nodes = byPhase.get(phase);
    if (!nodes) continue;
    lines.push(`  subgraph ${subgraphId(phase)}["${escapeLabel(phaseTitle(phase))}"]`);
    // Without it Mermaid lays a subgraph out top to bottom, whatever the flowchart's direction.
    lines.push('    direction LR');
    for (const node of nodes) lines.push(`    ${nodeLine(node)}`);
    lines.push('  end');
  }

  // Parallel edges of one look (same ends, same line style, same diff status) share one line.
  const merged = new Map<string, { edge: DiagramEdge; labels: string[]; status?: 'added' | 'removed' }>();
  for (const edge of graph.edges) {
    const status = decorations.edgeStatus?.(edge);
    const dotted = edge.kind === 'reference' || status === 'removed';
    const key = `${edge.from}\u0000${edge.to}\u0000${dotted}\u0000${status ?? ''}`;
    const line = merged.get(key);
    if (line) {
      if (!line.labels.includes(edge.label)) line.labels.push(edge.label);
    } else merged.set(key, { edge, labels: [edge.label], status });
  }
  const linkStyles: string[] = [];
  let index = 0;
  for (const { edge, labels, status } of merged.values()) {
    const dotted = edge.kind === 'reference' || status === 'removed';
    lines.push(`  ${edge.from} ${dotted ? '-.->' : '-->'}|${escapeLabel(labels.join(', '))}| ${edge.to}`);
    if (status) {
      const [, stroke] = DIFF_COLOURS[status];
      linkStyles.push(`  linkStyle ${index} stroke:${stroke},stroke-width:2px`);
    }
    index++;
  }

  const classes = new Map<string, string[]>();
  for (const node of graph.nodes) {
    const name = decorations.nodeClass?.(node) ?? node.category;
    const list = classes.get(name) ?? [];
    list.push(node.id);
    classes.set(name, list);
  }
  for (const name of classes.keys()) {
    const colours =
      name === 'added' || name === 'removed' ? DIFF_COLOURS[name] : CATEGORY_COLOURS[name as NodeCategory];
    const [fill, stroke, color] = colours;
    const dash = name === 'removed' ? ',stroke-dasharray:5 5' : '';
    lines.push(`  classDef ${name} fill:${fill},stroke:${stroke},color:${color}${dash}`);
  }
  for (const [name, ids] of classes) lines.push(`  class ${ids.join(',')} ${name}`);
  lines.push(...linkStyles);
  return `${lines.join('\n')}\n`;
}

export interface DiagramText {
  readonly mermaid: string;
  /** What the diagram draws, after folding. */
  readonly nodes: number;
  readonly edges: number;
  /**
   * What the picture (SVG, PNG, draw.io) draws, condensed to read at a README's width: for a phase its own
   * resources with the other phases folded (`phasePictureView`), for the overview the capstone story in at
   * most 20 nodes (`storyView`), for the capstone the view itself.
   */
  readonly picture: ArchitectureGraph;
  /**
   * How the picture is laid out: the overview's and the capstone's stages as columns, read left to right as
   * the story goes; a phase's picture by elkjs alone.
   */
  readonly pictureLayout: PictureLayout;
}

export interface DiagramSetOptions {
  /** @default 40 */
  readonly overviewMaxNodes?: number;
  /** @default no limit */
  readonly phaseMaxNodes?: number;
}

/** `overview`, one diagram per phase (in phase order) and `capstone` when every stage is built, with what each draws. */
export function mermaidDiagrams(
  graph: ArchitectureGraph,
  options: DiagramSetOptions = {},
): Record<string, DiagramText> {
  const out: Record<string, DiagramText> = {};
  const draw = (
    view: ArchitectureGraph,
    picture = view,
    pictureLayout: PictureLayout = 'layered',
  ): DiagramText => ({
    mermaid: renderFlowchart(view),
    nodes: view.nodes.length,
    edges: view.edges.length,
    picture,
    pictureLayout,
  });
  out.overview = draw(
    foldOverview(graph, options.overviewMaxNodes ?? DEFAULT_OVERVIEW_MAX_NODES),
    storyView(graph),
    'columns',
  );
  for (const phase of phasesOf(graph)) {
    const view = phaseView(graph, phase);
    out[phase] = draw(
      options.phaseMaxNodes === undefined ? view : foldOverview(view, options.phaseMaxNodes),
      phasePictureView(graph, phase),
    );
  }
  const capstone = capstoneView(graph);
  if (capstone) out.capstone = draw(capstone, capstone, 'columns');
  return out;
}
