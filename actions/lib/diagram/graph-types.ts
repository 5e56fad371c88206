/**
 * The architecture as a data-flow graph: what the diagrams draw. Built from the inventory of one
 * environment; nodes are architectural resources (plumbing such as roles, policies and permissions is
 * folded into the resource that owns it), edges mean something (data moves, something triggers something).
 */

/** Service category: picks a node's shape and colour class in Mermaid. */
export type NodeCategory =
  | 'storage'
  | 'stream'
  | 'compute'
  | 'analytics'
  | 'catalog'
  | 'orchestration'
  | 'integration'
  | 'api'
  | 'database'
  | 'security'
  | 'monitoring'
  | 'delivery'
  | 'network'
  | 'other';

export interface DiagramNode {
  /** Stable Mermaid id derived from the stack and logical id (same input → same id), so text diffs stay meaningful. */
  readonly id: string;
  /** What people read: the construct's name (`Raw`), else the logical id. */
  readonly label: string;
  /** Short kind, e.g. `S3 bucket`, `Lambda function`. */
  readonly kind: string;
  readonly category: NodeCategory;
  /** Phase (stack) the resource belongs to: one Mermaid subgraph each. */
  readonly phase: string;
  readonly type: string;
  /** `dev/foundation` */
  readonly stack: string;
  readonly logicalId: string;
  readonly constructPath?: string;
  /** Logical ids of the plumbing folded into this node. */
  readonly folded: readonly string[];
}

export type EdgeKind = 'data' | 'trigger' | 'reference';

export interface DiagramEdge {
  readonly from: string;
  readonly to: string;
  /** What happens along it, e.g. `writes`, `reads`, `triggers`, `delivers to`, `logs to`. */
  readonly label: string;
  readonly kind: EdgeKind;
}

export interface ArchitectureGraph {
  readonly environment: string;
  readonly nodes: readonly DiagramNode[];
  readonly edges: readonly DiagramEdge[];
}
