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
  /**
   * Stable Mermaid id derived from the phase and logical id (`foundation_DataLakeRaw1F82835B`; same input → same
   * id, and the same in every environment), so text diffs and dev/prod comparisons stay meaningful.
   */
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
  /**
   * Logical ids of the plumbing folded into this node. Plumbing shared by several nodes (a role three state
   * machines run as, a managed policy on a role and a group) is listed on each.
   */
  readonly folded: readonly string[];
  /**
   * Only on the nodes the overview merges (`3 × Lambda function`), the ids of
   * the nodes merged into it, in graph order.
   */
  readonly members?: readonly string[];
}

export type EdgeKind = 'data' | 'trigger' | 'reference';

export interface DiagramEdge {
  readonly from: string;
  readonly to: string;
  /** What happens along it, e.g. `writes`, `reads`, `triggers`, `delivers to`, `logs to`. */
  readonly label: string;
  readonly kind: EdgeKind;
  /**
   * What the edge was read from. `configuration`: a property that names the
   * other end (notifications, event sources, destinations, task definitions, ...); `iam`: a policy
   * statement's actions and resources; `reference`: any other Ref/GetAtt/Sub/ImportValue between them.
   */
  readonly origin?: EdgeOrigin;
  /**
   * Why the edge is there, in words a reviewer can check against the templates: the property of the
   * resource that names the other end (`dev/ingestion ToLake AWS::KinesisFirehose::DeliveryStream
   * .ExtendedS3DestinationConfiguration`), or the IAM statement of that resource's own role
   * (`dev/processing RawToCleanJobRole…DefaultPolicy Statement[2] s3:PutObject`).
   */
  readonly evidence?: string;
  /**
   * Only in the condensed pictures: the edge also stands for the edge back (`reads, writes` between a role and
   * a bucket), drawn with an arrowhead at both ends.
   */
  readonly twoWay?: boolean;
}

export type EdgeOrigin = 'configuration' | 'iam' | 'reference';

/** A resource that is neither a node nor folded into one, and why. */
export interface DroppedResource {
  /** `dev/foundation` */
  readonly stack: string;
  readonly logicalId: string;
  readonly type: string;
  readonly reason: string;
}

export interface ArchitectureGraph {
  readonly environment: string;
  readonly nodes: readonly DiagramNode[];
  readonly edges: readonly DiagramEdge[];
  /**
   * The phases in deployment order (the catalog's order, then any others in
   * stack order); every node's phase is one of them. When absent, the order nodes first name them.
   */
  readonly phases?: readonly string[];
  /** Resources left out of the graph (custom-resource providers, CDK metadata, ...). */
  readonly dropped?: readonly DroppedResource[];
}
