/**
 * Inventory stacks of one environment → the architecture graph: architectural resources as nodes (plumbing
 * folded into its owner), edges read from configuration (notifications, event sources, destinations, task
 * definitions, integrations, ...), from IAM policy statements, and from the remaining references.
 */

import type { InventoryStack } from '../assembly/types.ts';
import { PHASE_NAMES } from '../config/phases.ts';
import { type Emit, EXTRACTORS, iamEdges } from './edges/index.ts';
import { GraphContext, type Res } from './graph-context.ts';
import type {
  ArchitectureGraph,
  DiagramEdge,
  DiagramNode,
  DroppedResource,
  EdgeKind,
  EdgeOrigin,
} from './graph-types.ts';
import { analyseOwnership, isCustomResource, isPolicyLike } from './ownership.ts';
import { type FoldMode, typeInfo } from './resource-catalog.ts';

export interface BuildGraphOptions {
  /** Fold modes by resource type (or `Service::*` prefix), on top of the preset (`FOLD_PRESET`). */
  readonly fold?: Readonly<Record<string, FoldMode>>;
  /** Draw the references that no other edge explains (`uses`, dotted). @default true */
  readonly referenceEdges?: boolean;
  /** @default the stacks' environment */
  readonly environment?: string;
}

interface RawEdge {
  readonly from: Res;
  readonly to: Res;
  readonly label: string;
  readonly kind: EdgeKind;
  readonly origin: EdgeOrigin;
  readonly evidence: string;
  /** For an IAM-derived edge: the principal whose statement it is (a shared role attributes nothing). */
  readonly principal?: Res;
}

const ORIGIN_RANK: Readonly<Record<EdgeOrigin, number>> = { configuration: 0, iam: 1, reference: 2 };

/** The stacks of one environment: those whose `environment` is the given one. */
export function stacksOf(stacks: readonly InventoryStack[], environment: string): InventoryStack[] {
  return stacks.filter((stack) => stack.environment === environment);
}

/**
 * The graph of one environment's stacks (pass them all, so edges cross phases). Node ids come from the phase
 * and the logical id only, so two environments' graphs share ids.
 */
export function buildGraph(
  stacks: readonly InventoryStack[],
  options: BuildGraphOptions = {},
): ArchitectureGraph {
  const environments = [...new Set(stacks.map((stack) => stack.environment ?? ''))];
  if (environments.length > 1) {
    throw new Error(
      `buildGraph draws one environment, and these stacks belong to ${environments.map((e) => e || '(none)').join(', ')}: pass stacksOf(inventory.stacks, '<environment>').`,
    );
  }
  const ctx = new GraphContext(stacks);
  const ownership = analyseOwnership(ctx, options.fold ?? {});

  const nodeRes: Res[] = [];
  const dropped: DroppedResource[] = [];
  for (const res of ctx.resources) {
    const nodes = ownership.nodesOf(res);
    if (nodes.length === 1 && nodes[0] === res) nodeRes.push(res);
    else if (nodes.length === 0) {
      dropped.push({
        stack: res.stack.id,
        logicalId: res.logicalId,
        type: res.type,
        reason: ownership.droppedReason(res) ?? 'left out',
      });
    }
  }
  const phases = phaseOrder(nodeRes);
  nodeRes.sort((a, b) => phases.indexOf(a.phase) - phases.indexOf(b.phase) || a.index - b.index);

  const ids = nodeIds(nodeRes);
  const folded = new Map<Res, string[]>(nodeRes.map((res) => [res, []]));
  for (const res of ctx.resources) {
    const nodes = ownership.nodesOf(res);
    if (nodes.length === 1 && nodes[0] === res) continue;
    for (const node of nodes) folded.get(node)?.push(res.logicalId);
  }

  const raw: RawEdge[] = [];
  const where = (res: Res) => `${res.stack.id} ${res.logicalId}`;
  /**
   * The property of `res` that names `other`: what a configured edge is read from. A reference first, else the
   * other's logical id or a name of it in the text; free-text properties (a description) last.
   */
  const propertyNaming = (res: Res, other: Res): string | undefined => {
    const keys = Object.keys(res.properties).sort(
      (a, b) => Number(FREE_TEXT.has(a)) - Number(FREE_TEXT.has(b)),
    );
    const names = [other.logicalId, ...namesOf(other)];
    return (
      keys.find((key) => ctx.refs(res, res.properties[key]).includes(other)) ??
      keys.find((key) => {
        const text = JSON.stringify(res.properties[key]) ?? '';
        return names.some((name) => text.includes(name));
      })
    );
  };
  const fromConfiguration =
    (res: Res): Emit =>
    (from, to, label, kind, stated) => {
      const property = typeof stated === 'string' ? stated : propertyNaming(res, from === res ? to : from);
      const evidence = `${where(res)} ${res.type}${property ? ` .${property}` : ' configuration'}`;
      raw.push({ from, to, label, kind, origin: 'configuration', evidence });
    };
  const fromIam: Emit = (from, to, label, kind, stated) => {
    const iam = typeof stated === 'object' ? stated : undefined;
    const evidence = iam
      ? `${where(iam.policy)} Statement[${iam.statement}] ${iam.actions.join(', ')}${iam.policy === iam.principal ? '' : ` (policy of ${iam.principal.logicalId})`}`
      : 'IAM';
    raw.push({ from, to, label, kind, origin: 'iam', evidence, principal: iam?.principal });
  };
  for (const res of ctx.resources) {
    if (ownership.isProvider(res)) continue;
    EXTRACTORS[res.type]?.(res, ctx, fromConfiguration(res));
    iamEdges(res, ctx, ownership, fromIam);
  }
  if (options.referenceEdges ?? true) {
    for (const res of ctx.resources) {
      if (ownership.isProvider(res) || isPolicyLike(res.type) || isCustomResource(res.type)) continue;
      for (const target of ctx.allRefs(res)) {
        const property = propertyNaming(res, target);
        raw.push({
          from: res,
          to: target,
          label: referenceLabel(res, target),
          kind: 'reference',
          origin: 'reference',
          evidence: `${where(res)} ${res.type}${property ? ` .${property}` : ''} references ${target.logicalId}`,
        });
      }
    }
  }

  const order = new Map(nodeRes.map((res, i) => [ids.get(res) as string, i]));
  const edges = settleEdges(raw, ownership.nodesOf.bind(ownership), ids).sort(
    (a, b) =>
      (order.get(a.from) ?? 0) - (order.get(b.from) ?? 0) ||
      (order.get(a.to) ?? 0) - (order.get(b.to) ?? 0) ||
      a.label.localeCompare(b.label),
  );

  const nodes: DiagramNode[] = nodeRes.map((res) => {
    const info = typeInfo(res.type);
    return {
      id: ids.get(res) as string,
      label: labelOf(res),
      kind: info.kind,
      category: info.category,
      phase: res.phase,
      type: res.type,
      stack: res.stack.id,
      logicalId: res.logicalId,
      constructPath: res.resource.constructPath,
      folded: folded.get(res) ?? [],
    };
  });
  return {
    environment: options.environment ?? environments[0] ?? '',
    nodes,
    edges,
    phases,
    dropped,
  };
}

/**
 * Raw edges between resources → edges between nodes: both ends mapped to their nodes, loops dropped, then
 * the most specific word kept: a configured edge hides an IAM-derived one of the same kind between the same
 * two nodes in the same direction; a configured or IAM-derived edge (`script`, `describes` included) hides
 * the plain references between its two nodes, which keep at most one; a plain reference between nodes that
 * share the plumbing it points at is no edge. An IAM statement of a role that several nodes share (three
 * state machines run as one role) is no edge either: it cannot tell which of them reads or writes.
 */
function settleEdges(
  raw: readonly RawEdge[],
  nodesOf: (res: Res) => readonly Res[],
  ids: ReadonlyMap<Res, string>,
): DiagramEdge[] {
  const candidates: DiagramEdge[] = [];
  for (const edge of raw) {
    // A statement of a role several resources share says nothing about which of them does it: no edge.
    if (edge.principal && nodesOf(edge.principal).length > 1) continue;
    const fromNodes = nodesOf(edge.from);
    const toNodes = nodesOf(edge.to);
    // A reference to plumbing its own node shares (a role used by several functions) links nothing.
    if (edge.origin === 'reference' && fromNodes.some((node) => toNodes.includes(node))) continue;
    for (const from of fromNodes) {
      for (const to of toNodes) {
        if (from === to) continue;
        const a = ids.get(from);
        const b = ids.get(to);
        if (a && b)
          candidates.push({
            from: a,
            to: b,
            label: edge.label,
            kind: edge.kind,
            origin: edge.origin,
            evidence: edge.evidence,
          });
      }
    }
  }
  candidates.sort((x, y) => ORIGIN_RANK[x.origin ?? 'reference'] - ORIGIN_RANK[y.origin ?? 'reference']);
  const pair = (e: DiagramEdge) => (e.from < e.to ? `${e.from}\u0000${e.to}` : `${e.to}\u0000${e.from}`);
  const directed = (e: DiagramEdge) => `${e.from}\u0000${e.to}\u0000${e.kind}`;
  const connected = new Set<string>();
  const configured = new Set<string>();
  for (const e of candidates) {
    if (e.origin !== 'reference') connected.add(pair(e));
    if (e.origin === 'configuration') configured.add(directed(e));
  }
  const seen = new Map<string, number>();
  const referenced = new Set<string>();
  const edges: DiagramEdge[] = [];
  const addEvidence = (index: number, evidence: string | undefined) => {
    const kept = edges[index] as DiagramEdge;
    if (evidence && !kept.evidence?.split('; ').includes(evidence))
      edges[index] = { ...kept, evidence: `${kept.evidence}; ${evidence}` };
  };
  for (const e of candidates) {
    const key = `${e.from}\u0000${e.to}\u0000${e.label}`;
    const index = seen.get(key);
    if (e.origin === 'iam' && configured.has(directed(e))) {
      // Hidden behind the configured edge, the role's statement still backs it.
      if (index !== undefined) addEvidence(index, e.evidence);
      continue;
    }
    if (e.origin === 'reference') {
      if (connected.has(pair(e)) || referenced.has(pair(e))) continue;
      referenced.add(pair(e));
    }
    if (index === undefined) seen.set(key, edges.push(e) - 1);
    // The same edge read from several places: every one is evidence.
    else if (e.origin !== 'reference') addEvidence(index, e.evidence);
  }
  return edges;
}

/** Properties that only describe: evidence is looked for there last. */
const FREE_TEXT = new Set(['Description', 'Tags', 'Name']);

/** The literal names a resource is known by in other resources' text (`BucketName: lake-raw`, `Name: ...`). */
function namesOf(res: Res): string[] {
  return Object.entries(res.properties)
    .filter(([key, value]) => /Name$/.test(key) && typeof value === 'string' && value.length > 3)
    .map(([, value]) => value as string);
}

/** What a plain reference means, from what it points at. */
function referenceLabel(from: Res, to: Res): string {
  if (to.type === 'AWS::KMS::Key' || to.type === 'AWS::KMS::Alias') return 'encrypted by';
  if (from.type.startsWith('AWS::CloudWatch::')) return 'watches';
  if (to.type.startsWith('AWS::EC2::') && to.type !== 'AWS::EC2::Instance') return 'runs in';
  return 'uses';
}

/** Phases in the catalog's order, then the others in the order their first resource comes. */
function phaseOrder(resources: readonly Res[]): string[] {
  const present = [...new Set(resources.map((res) => res.phase))];
  const rank = (phase: string) => {
    const known = (PHASE_NAMES as readonly string[]).indexOf(phase);
    return known === -1 ? PHASE_NAMES.length + present.indexOf(phase) : known;
  };
  return present.sort((a, b) => rank(a) - rank(b));
}

/** Mermaid-safe identifier text: letters, digits and `_`, starting with a letter. */
export function slug(text: string): string {
  const cleaned = text.replace(/[^A-Za-z0-9]+/g, '_').replace(/^_+|_+$/g, '');
  return /^[A-Za-z]/.test(cleaned) ? cleaned : `p${cleaned}`;
}

/** `<phase>_<logicalId>`; on a clash (the same phase in two stacks), `<stack>_<logicalId>`, then a counter. */
function nodeIds(resources: readonly Res[]): Map<Res, string> {
  const ids = new Map<Res, string>();
  const taken = new Set<string>();
  for (const res of resources) {
    let id = `${slug(res.phase)}_${res.logicalId}`;
    if (taken.has(id)) id = `${slug(res.stack.id)}_${res.logicalId}`;
    for (let n = 2; taken.has(id); n++) id = `${slug(res.phase)}_${res.logicalId}_${n}`;
    taken.add(id);
    ids.set(res, id);
  }
  return ids;
}

/** `QueryResults` → `Query Results`, `DataLake Key` → `Data Lake Key` (acronyms stay: `ETLJob` → `ETL Job`). */
function spaced(label: string): string {
  return label.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2');
}

const GENERIC_NAMES = new Set([
  'resource',
  'default',
  'handler',
  'function',
  'fn',
  'bucket',
  'role',
  'queue',
  'topic',
  'table',
  'stream',
  'job',
  'crawler',
  'database',
  'statemachine',
  'api',
  'key',
  'group',
  'user',
  'trail',
  'rule',
  'workgroup',
  'cluster',
  'domain',
  'pipeline',
  'project',
]);

/**
 * The construct's name without the stack's path and CDK's `Resource`/`Default` leaf (`DataLake/Raw/Resource`
 * → `Raw`); a generic name keeps its parent (`Analysts/Group` → `Analysts Group`); camel case spaced
 * (`QueryResults` → `Query Results`). Without a construct path, the logical id.
 */
function labelOf(res: Res): string {
  const path = res.resource.constructPath;
  if (!path) return res.logicalId;
  const prefix = `${res.stack.id}/`;
  const segments = (path.startsWith(prefix) ? path.slice(prefix.length) : path.split('/').slice(1).join('/'))
    .split('/')
    .filter((segment) => segment !== '');
  while (segments.length > 1 && /^(Resource|Default)$/.test(segments.at(-1) as string)) segments.pop();
  const last = segments.at(-1);
  if (!last) return res.logicalId;
  const parent = segments.at(-2);
  const typeName = (res.type.split('::').at(-1) ?? '').toLowerCase();
  if (parent && (GENERIC_NAMES.has(last.toLowerCase()) || last.toLowerCase() === typeName)) {
    // `ConsumerFunction/Function` → `Consumer Function`, `Api/Api` → `Api`: the parent says it already.
    return spaced(parent.toLowerCase().endsWith(last.toLowerCase()) ? parent : `${parent} ${last}`);
  }
  return spaced(last);
}
