/**
 * A graph laid out for drawing: elkjs's layered algorithm, left to right, each phase (or capstone stage) a
 * box of its nodes, edges routed at right angles with their labels placed beside them. The SVG and the
 * draw.io file are both drawn from this one layout, so they show the same picture.
 */
import type { ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api.js';
import type { ArchitectureGraph, DiagramEdge, DiagramNode } from '../graph-types.ts';
import { phasesOf } from '../overview.ts';
import { layout } from './elk-pool.ts';
import { type Icon, iconOf } from './icons.ts';

/** Sizes in SVG pixels. Text sizes are chosen so the overview reads at a README's ~900 px width. */
export const SIZES = {
  icon: 48,
  nodeWidth: 104,
  nodeFont: 15,
  lineHeight: 18,
  edgeFont: 15,
  groupFont: 16,
  groupPadding: 14,
  groupTitle: 30,
  margin: 16,
  /** Between two columns: room for the lanes of the edges that enter the next one. */
  gap: 48,
  /** Between two backward edges under the columns. */
  backLane: 22,
} as const;

export interface Point {
  readonly x: number;
  readonly y: number;
}

export interface Box extends Point {
  readonly width: number;
  readonly height: number;
}

export interface PictureNode extends Box {
  readonly id: string;
  /** The node's name, wrapped to the node's width. */
  readonly lines: readonly string[];
  readonly node: DiagramNode;
  readonly icon: Icon;
}

export interface PictureGroup extends Box {
  readonly id: string;
  readonly title: string;
}

export interface PictureEdge {
  readonly id: string;
  readonly edge: DiagramEdge;
  /** Start, bends, end, in picture coordinates. */
  readonly points: readonly Point[];
  readonly label?: Box & { readonly text: string };
}

export interface Picture {
  readonly width: number;
  readonly height: number;
  readonly groups: readonly PictureGroup[];
  readonly nodes: readonly PictureNode[];
  readonly edges: readonly PictureEdge[];
}

/** An edge as elkjs routed it, its route and label moved by `shift` into picture coordinates. */
function placedEdge(elk: ElkExtendedEdge, edge: DiagramEdge, shift: (p: Point) => Point): PictureEdge {
  const section = elk.sections?.[0];
  const label = elk.labels?.[0];
  return {
    id: elk.id,
    edge,
    points: section ? [section.startPoint, ...(section.bendPoints ?? []), section.endPoint].map(shift) : [],
    label: label?.text
      ? {
          text: label.text,
          ...shift({ x: label.x ?? 0, y: label.y ?? 0 }),
          width: label.width ?? 0,
          height: label.height ?? 0,
        }
      : undefined,
  };
}

/** Width of a text in a sans-serif font, an estimate from its length (Arial metrics average ~0.55 em). */
export const textWidth = (text: string, size: number): number => Math.ceil(text.length * size * 0.56);

/** Words packed into lines no wider than `width`; a word longer than a line stays whole. */
export function wrap(text: string, width: number, size: number): string[] {
  const lines: string[] = [];
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const last = lines.at(-1);
    if (last !== undefined && textWidth(`${last} ${word}`, size) <= width)
      lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines.length > 0 ? lines : [''];
}

const ICON_TOP = SIZES.icon / 2;

/**
 * Lays a graph out, its phases (or stages) as columns left to right: inside each column elkjs's layered
 * algorithm runs top to bottom (a chain of services reads downwards, unconnected nodes stack), so the picture
 * stays about as wide as the number of phases and its text readable when a README shrinks it. Edges between
 * columns run through the gap before the target's column. The columns are laid out at once, in elkjs's own process.
 */
export async function layoutColumns(graph: ArchitectureGraph): Promise<Picture> {
  const phases = phasesOf(graph).filter((phase) => graph.nodes.some((node) => node.phase === phase));
  const phaseOf = new Map(graph.nodes.map((node) => [node.id, node.phase]));
  const lines = new Map(
    graph.nodes.map((node) => [node.id, wrap(node.label, SIZES.nodeWidth, SIZES.nodeFont)]),
  );
  const nodeHeight = (id: string) => SIZES.icon + 6 + (lines.get(id)?.length ?? 1) * SIZES.lineHeight;
  const { groupPadding: pad, groupTitle, margin, gap } = SIZES;

  const groups: PictureGroup[] = [];
  const nodes: PictureNode[] = [];
  const edges: PictureEdge[] = [];
  const byId = new Map(graph.nodes.map((node) => [node.id, node]));
  // Edges that skip a column run over the columns, one lane each: the columns start below those lanes.
  const columnOf = (id: string) => phases.indexOf(phaseOf.get(id) ?? '');
  const over = graph.edges.filter((edge) => columnOf(edge.to) - columnOf(edge.from) > 1).length;
  const top = margin + over * SIZES.backLane;
  // Each column on its own: elkjs lays them all out at once, then they are placed left to right.
  const columnInputs = phases.map((phase, index) => {
    // Nodes fed from an earlier column first: elkjs then puts them leftmost in their row, so the edges
    // entering from the left reach them without crossing a neighbour (Kinesis stream → Stream consumer).
    const fed = new Set(graph.edges.filter((e) => columnOf(e.from) < index).map((e) => e.to));
    const own = graph.nodes
      .filter((node) => node.phase === phase)
      .sort((a, b) => Number(fed.has(b.id)) - Number(fed.has(a.id)));
    const inner = graph.edges.flatMap((edge, i) =>
      phaseOf.get(edge.from) === phase && phaseOf.get(edge.to) === phase ? [{ edge, i }] : [],
    );
    const input = columnInput(
      `phase_${index}`,
      own.map((node) => ({ id: node.id, width: SIZES.nodeWidth, height: nodeHeight(node.id) })),
      inner.map(({ edge, i }) => ({ ...edge, id: `edge_${i}` })),
    );
    return { input, inner };
  });
  const laidOut = await Promise.all(columnInputs.map(({ input }) => layout(input)));
  let x = margin;
  for (const [index, phase] of phases.entries()) {
    const laid = laidOut[index] as ElkNode;
    const { inner } = columnInputs[index] as (typeof columnInputs)[number];
    const ox = x + pad;
    const oy = top + groupTitle + pad;
    const width = Math.max(laid.width ?? 0, textWidth(phase, SIZES.groupFont)) + 2 * pad;
    groups.push({
      id: `group_${index}`,
      title: phase,
      x,
      y: top,
      width,
      height: (laid.height ?? 0) + groupTitle + 2 * pad,
    });
    // Centred in the column when the title is wider than the nodes.
    const cx = ox + (width - 2 * pad - (laid.width ?? 0)) / 2;
    const shift = (p: Point): Point => ({ x: p.x + cx, y: p.y + oy });
    for (const child of laid.children ?? []) {
      const node = byId.get(child.id) as DiagramNode;
      nodes.push({
        id: child.id,
        ...shift({ x: child.x ?? 0, y: child.y ?? 0 }),
        width: child.width ?? 0,
        height: child.height ?? 0,
        lines: lines.get(child.id) ?? [node.label],
        node,
        icon: iconOf(node),
      });
    }
    for (const [k, elkEdge] of (laid.edges ?? []).entries()) {
      const { edge } = inner[k] as { edge: DiagramEdge };
      edges.push(placedEdge(elkEdge, edge, shift));
    }
    x += width + gap;
  }
  // Columns of one height read as one row of phases.
  const tallest = Math.max(0, ...groups.map((g) => g.height));
  const columns = groups.map((g) => ({ ...g, height: tallest }));
  edges.push(...placeLabels(crossEdges(graph, phases, phaseOf, nodes, columns), nodes, edges));
  return {
    width: Math.ceil(x - gap + margin),
    height: Math.ceil(top + tallest + margin + crossingDepth(edges)),
    groups: columns,
    nodes,
    edges,
  };
}

/**
 * Lays any view out with elkjs's layered algorithm, left to right, each phase a box (elkjs places the boxes
 * and routes every edge, in both directions, at right angles): for the phase diagrams, whose neighbours feed
 * and read the phase in no fixed order.
 */
export async function layoutLayered(
  graph: ArchitectureGraph,
  direction: 'RIGHT' | 'DOWN' = 'RIGHT',
  options: { ahead?: boolean } = {},
): Promise<Picture> {
  const lines = new Map(
    graph.nodes.map((node) => [node.id, wrap(node.label, SIZES.nodeWidth, SIZES.nodeFont)]),
  );
  const nodeHeight = (id: string) => SIZES.icon + 6 + (lines.get(id)?.length ?? 1) * SIZES.lineHeight;
  const root = await layout(layeredInput(graph, direction, nodeHeight), options);
  const byId = new Map(graph.nodes.map((node) => [node.id, node]));
  const groups: PictureGroup[] = [];
  const nodes: PictureNode[] = [];
  for (const group of root.children ?? []) {
    const g = { x: group.x ?? 0, y: group.y ?? 0 };
    groups.push({
      id: group.id,
      title: group.labels?.[0]?.text ?? '',
      ...g,
      width: group.width ?? 0,
      height: group.height ?? 0,
    });
    for (const child of group.children ?? []) {
      const node = byId.get(child.id) as DiagramNode;
      nodes.push({
        id: child.id,
        x: g.x + (child.x ?? 0),
        y: g.y + (child.y ?? 0),
        width: child.width ?? 0,
        height: child.height ?? 0,
        lines: lines.get(child.id) ?? [node.label],
        node,
        icon: iconOf(node),
      });
    }
  }
  // With hierarchy handling, an edge's coordinates are relative to the node elkjs stores it in (`container`).
  const offsets = new Map<string, Point>([
    ['root', { x: 0, y: 0 }],
    ...groups.map((g) => [g.id, g] as const),
  ]);
  const edges: PictureEdge[] = (root.edges ?? []).map((elk, index) => {
    const edge = graph.edges[index] as DiagramEdge;
    const o = offsets.get((elk as { container?: string }).container ?? 'root') ?? { x: 0, y: 0 };
    const placed = placedEdge(elk, edge, (p) => ({ x: p.x + o.x, y: p.y + o.y }));
    // Given to elkjs backwards (againstTheFlow): drawn from its own source to its own target.
    return elk.sources[0] === edge.from ? placed : { ...placed, points: [...placed.points].reverse() };
  });
  return { width: Math.ceil(root.width ?? 0), height: Math.ceil(root.height ?? 0), groups, nodes, edges };
}

const overlaps = (a: Box, b: Box): boolean =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** What a node covers on the picture: its icon and each line of its name, as wide as the text. */
const nodeBoxes = (node: PictureNode): Box[] => [
  { x: node.x + (node.width - SIZES.icon) / 2, y: node.y, width: SIZES.icon, height: SIZES.icon },
  ...node.lines.map((line, i) => {
    const width = textWidth(line, SIZES.nodeFont);
    return {
      x: node.x + (node.width - width) / 2,
      y: node.y + SIZES.icon + 4 + i * SIZES.lineHeight,
      width,
      height: SIZES.lineHeight,
    };
  }),
];

/**
 * Moves a label that would cover a node's icon or name, or another label, to a clear place on its edge: the
 * middle or either end of a segment, longest segment first (so `calls, starts` no longer sits on `Curated
 * zone`). A label with no clear place stays where it was.
 */
function placeLabels(
  edges: readonly PictureEdge[],
  nodes: readonly PictureNode[],
  placed: readonly PictureEdge[],
): PictureEdge[] {
  const taken: Box[] = [...nodes.flatMap(nodeBoxes), ...placed.flatMap((e) => (e.label ? [e.label] : []))];
  const length = ([a, b]: readonly [Point, Point]) => Math.abs(b.x - a.x) + Math.abs(b.y - a.y);
  return edges.map((edge) => {
    const { label } = edge;
    if (!label) return edge;
    const { width, height } = label;
    const segments = edge.points
      .slice(1)
      .map((end, k) => [edge.points[k] as Point, end] as const)
      .sort((s, t) => length(t) - length(s));
    const along = segments.flatMap(([a, b]) => {
      const [lo, hi] =
        a.x === b.x ? [Math.min(a.y, b.y), Math.max(a.y, b.y)] : [Math.min(a.x, b.x), Math.max(a.x, b.x)];
      const size = a.x === b.x ? height : width;
      return [(lo + hi - size) / 2, lo + 6, hi - size - 6].map((at) =>
        a.x === b.x ? { ...label, x: a.x - width / 2, y: at } : { ...label, x: at, y: a.y - height / 2 },
      );
    });
    const clear = [label, ...along].find(
      (c) => c.x >= 0 && c.y >= 0 && !taken.some((box) => overlaps(c, box)),
    );
    const chosen = clear ?? label;
    taken.push(chosen);
    return chosen === label ? edge : { ...edge, label: chosen };
  });
}

/** Longer edge labels go on two lines. */
const LONG_LABEL = 20;

/**
 * An edge label's lines: a long one on two, split at the space nearest its middle. Between two layers elkjs
 * sets the labels side by side, so a row of long ones made a picture too wide to read at a README's width.
 */
export function labelLines(text: string): string[] {
  if (text.length <= LONG_LABEL) return [text];
  let split = -1;
  for (let i = text.indexOf(' '); i !== -1; i = text.indexOf(' ', i + 1)) {
    if (split === -1 || Math.abs(i - text.length / 2) < Math.abs(split - text.length / 2)) split = i;
  }
  return split === -1 ? [text] : [text.slice(0, split), text.slice(split + 1)];
}

const labelSize = (text: string) => {
  const lines = labelLines(text);
  return {
    width: Math.max(...lines.map((line) => textWidth(line, SIZES.edgeFont))) + 6,
    height: lines.length * (SIZES.edgeFont + 4),
  };
};

/** How far below the columns the backward edges run. */
const crossingDepth = (edges: readonly PictureEdge[]): number =>
  edges.some((e) => e.id.startsWith('back_'))
    ? SIZES.backLane * edges.filter((e) => e.id.startsWith('back_')).length
    : 0;

/**
 * Edges between columns. Forward: out of the source's icon to the right, along a lane of the gap before the
 * target's column, into the target's icon from the left; the label sits on the lane (an edge that skips
 * columns first rises over them). Backward (a later phase
 * feeding an earlier one): down under the columns, back along a lane of its own, up into the target.
 */
function crossEdges(
  graph: ArchitectureGraph,
  phases: readonly string[],
  phaseOf: ReadonlyMap<string, string>,
  nodes: readonly PictureNode[],
  columns: readonly PictureGroup[],
): PictureEdge[] {
  const at = new Map(nodes.map((n) => [n.id, n]));
  const column = (id: string) => phases.indexOf(phaseOf.get(id) ?? '');
  const cross = graph.edges.flatMap((edge, i) =>
    column(edge.from) !== column(edge.to) ? [{ edge, i }] : [],
  );
  const bottom = Math.max(0, ...columns.map((g) => g.y + g.height));
  let overLane = 0;
  const lanes = new Map<number, number>();
  const laneCount = new Map<number, number>();
  // The gap before a column carries the forward edges into it and the backward edges out of it to the column
  // just before (Pipeline → Clean job): those need not run under the picture.
  const gapOf = (edge: DiagramEdge): number | undefined => {
    const from = column(edge.from);
    const to = column(edge.to);
    return from < to ? to : from - to === 1 ? from : undefined;
  };
  for (const { edge } of cross) {
    const gap = gapOf(edge);
    if (gap !== undefined) laneCount.set(gap, (laneCount.get(gap) ?? 0) + 1);
    // An edge over the columns also rises in the gap after its source.
    const rise = column(edge.from) + 1;
    if (column(edge.to) > rise) laneCount.set(rise, (laneCount.get(rise) ?? 0) + 1);
  }
  const lane = (gap: number): number => {
    const taken = lanes.get(gap) ?? 0;
    lanes.set(gap, taken + 1);
    const gapLeft = (columns[gap] as PictureGroup).x - SIZES.gap;
    return gapLeft + ((taken + 1) * SIZES.gap) / ((laneCount.get(gap) ?? 1) + 1);
  };
  let back = 0;
  return cross.map(({ edge, i }) => {
    const from = at.get(edge.from) as PictureNode;
    const to = at.get(edge.to) as PictureNode;
    const fromIcon = { left: from.x + (from.width - SIZES.icon) / 2, y: from.y + ICON_TOP };
    const toIcon = { left: to.x + (to.width - SIZES.icon) / 2, y: to.y + ICON_TOP };
    const label = edge.label ? { text: edge.label, ...labelSize(edge.label) } : undefined;
    // Along one lane of a gap, its label on the lane halfway between the two icons.
    const alongLane = (laneX: number, points: Point[]) => ({
      id: `edge_${i}`,
      edge,
      points,
      label: label && {
        ...label,
        x: laneX - label.width / 2,
        y: (fromIcon.y + toIcon.y) / 2 - label.height / 2,
      },
    });
    const target = column(edge.to);
    if (column(edge.from) < target) {
      const laneX = lane(target);
      const start = { x: fromIcon.left + SIZES.icon, y: fromIcon.y };
      const end = { x: toIcon.left, y: toIcon.y };
      if (target - column(edge.from) > 1) {
        // Over the columns it skips, so it crosses none of their nodes.
        overLane += 1;
        const laneY = (columns[0] as PictureGroup).y - overLane * SIZES.backLane + SIZES.backLane / 2;
        const outX = lane(column(edge.from) + 1);
        const points = [
          start,
          { x: outX, y: start.y },
          { x: outX, y: laneY },
          { x: laneX, y: laneY },
          { x: laneX, y: end.y },
          end,
        ];
        return {
          id: `over_${i}`,
          edge,
          points,
          label: label && { ...label, x: (outX + laneX) / 2 - label.width / 2, y: laneY - label.height / 2 },
        };
      }
      return alongLane(laneX, [start, { x: laneX, y: start.y }, { x: laneX, y: end.y }, end]);
    }
    if (gapOf(edge) !== undefined) {
      // Into the column just before: out of the icon's left, along a lane of the gap, into the icon's right.
      const laneX = lane(column(edge.from));
      return alongLane(laneX, [
        { x: fromIcon.left, y: fromIcon.y },
        { x: laneX, y: fromIcon.y },
        { x: laneX, y: toIcon.y },
        { x: toIcon.left + SIZES.icon, y: toIcon.y },
      ]);
    }
    back += 1;
    const laneY = bottom + back * SIZES.backLane;
    // Out of the source's column on its left, under the columns, into the target from the right.
    const spread = 6 * (back % 6);
    const outX = (columns[column(edge.from)] as PictureGroup).x - 8 - spread;
    const inX = (columns[target] as PictureGroup).x + (columns[target] as PictureGroup).width + 8 + spread;
    const points = [
      { x: fromIcon.left, y: fromIcon.y },
      { x: outX, y: fromIcon.y },
      { x: outX, y: laneY },
      { x: inX, y: laneY },
      { x: inX, y: toIcon.y },
      { x: toIcon.left + SIZES.icon, y: toIcon.y },
    ];
    return {
      id: `back_${i}`,
      edge,
      points,
      label: label && { ...label, x: (outX + inX) / 2 - label.width / 2, y: laneY - label.height / 2 },
    };
  });
}

/** What elkjs lays out for one column of {@link layoutColumns}: its nodes top to bottom, its own edges. */
export function columnInput(
  id: string,
  children: readonly { id: string; width: number; height: number }[],
  edges: readonly (DiagramEdge & { id: string })[],
): ElkNode {
  return {
    id,
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'DOWN',
      'elk.edgeRouting': 'ORTHOGONAL',
      'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
      'elk.layered.spacing.nodeNodeBetweenLayers': '30',
      'elk.spacing.nodeNode': '16',
      'elk.spacing.edgeLabel': '2',
      'elk.edgeLabels.placement': 'CENTER',
      // Unconnected nodes stack in a column rather than stand in a row.
      'elk.separateConnectedComponents': 'true',
      'elk.aspectRatio': '0.2',
      'elk.padding': '[top=0,left=0,bottom=0,right=0]',
    },
    children: [...children],
    edges: edges.map((edge) => ({
      id: edge.id,
      sources: [edge.from],
      targets: [edge.to],
      labels: edge.label ? [{ text: edge.label, ...labelSize(edge.label) }] : [],
    })),
  };
}

/**
 * The edges elkjs is given backwards: between two phases, those against the direction most of the edges
 * between them take (as many each way: those from the later phase to the earlier). elkjs layers a graph by
 * the direction of its edges; two phases with edges both ways are a cycle, and the edges elkjs turned round
 * itself to break it were routed around the whole picture. Drawn in their own direction all the same:
 * `layoutLayered` turns their routes back.
 */
export function againstTheFlow(graph: ArchitectureGraph): Set<number> {
  const phaseOf = new Map(graph.nodes.map((node) => [node.id, node.phase]));
  const order = phasesOf(graph);
  const phases = (edge: DiagramEdge) => [phaseOf.get(edge.from) ?? '', phaseOf.get(edge.to) ?? ''];
  const count = new Map<string, number>();
  for (const edge of graph.edges) {
    const [from, to] = phases(edge);
    if (from !== to) count.set(`${from}>${to}`, (count.get(`${from}>${to}`) ?? 0) + 1);
  }
  const against = new Set<number>();
  graph.edges.forEach((edge, index) => {
    const [from = '', to = ''] = phases(edge);
    if (from === to) return;
    const forth = count.get(`${from}>${to}`) ?? 0;
    const back = count.get(`${to}>${from}`) ?? 0;
    if (back > forth || (back === forth && order.indexOf(from) > order.indexOf(to))) against.add(index);
  });
  return against;
}

/** What elkjs lays out for {@link layoutLayered}: each phase a box of its nodes, every edge at the root. */
export function layeredInput(
  graph: ArchitectureGraph,
  direction: 'RIGHT' | 'DOWN',
  nodeHeight: (id: string) => number,
): ElkNode {
  const against = againstTheFlow(graph);
  const phases = phasesOf(graph).filter((phase) => graph.nodes.some((node) => node.phase === phase));
  const { groupPadding: pad, groupTitle, margin } = SIZES;
  return {
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': direction,
      'elk.hierarchyHandling': 'INCLUDE_CHILDREN',
      'elk.edgeRouting': 'ORTHOGONAL',
      'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
      'elk.layered.spacing.nodeNodeBetweenLayers': '36',
      'elk.spacing.nodeNode': '20',
      'elk.spacing.edgeNode': '14',
      'elk.spacing.edgeEdge': '8',
      'elk.spacing.edgeLabel': '2',
      'elk.edgeLabels.placement': 'CENTER',
      'elk.layered.nodePlacement.strategy': 'NETWORK_SIMPLEX',
      'elk.padding': `[top=${margin},left=${margin},bottom=${margin},right=${margin}]`,
    },
    children: phases.map((phase, index) => ({
      id: `group_${index}`,
      labels: [{ text: phase, width: textWidth(phase, SIZES.groupFont), height: SIZES.groupFont + 4 }],
      layoutOptions: { 'elk.padding': `[top=${groupTitle + pad},left=${pad},bottom=${pad},right=${pad}]` },
      children: graph.nodes
        .filter((node) => node.phase === phase)
        .map((node) => ({ id: node.id, width: SIZES.nodeWidth, height: nodeHeight(node.id) })),
    })),
    edges: graph.edges.map((edge, index) => ({
      id: `edge_${index}`,
      sources: [against.has(index) ? edge.to : edge.from],
      targets: [against.has(index) ? edge.from : edge.to],
      labels: edge.label ? [{ text: edge.label, ...labelSize(edge.label) }] : [],
    })),
  };
}
