/**
 * The architecture diagrams: inventory stacks of one environment → a data-flow graph (nodes for
 * architectural resources, plumbing folded in, edges that say what moves where) → Mermaid text for the
 * whole platform and each phase, and the diff of two graphs for pull requests.
 */

export { type BuildGraphOptions, buildGraph, stacksOf } from './build-graph.ts';
export {
  CAPSTONE_STAGES,
  type CapstoneStage,
  capstoneResources,
  capstoneView,
  stageTitle,
} from './capstone.ts';
export {
  DEFAULT_DIAGRAM_CONFIG,
  DIAGRAM_CONFIG_FILE,
  DIAGRAM_SCHEMA_FILE,
  type DiagramConfig,
  loadDiagramConfig,
  parseDiagramConfig,
} from './diagram-config.ts';
export { type DiffMermaidOptions, diffGraphs, diffMermaid, type GraphDiff, isUnchanged } from './diff.ts';
export { type GraphStats, graphStats, type PhaseStats } from './graph-stats.ts';
export type * from './graph-types.ts';
export { type Access, type AccessVerb, accessOf, DATA_ACTIONS } from './iam-actions.ts';
export {
  type DiagramSetOptions,
  type DiagramText,
  escapeLabel,
  type MermaidOptions,
  mermaidDiagrams,
  phaseTitle,
  renderFlowchart,
  toMermaid,
} from './mermaid.ts';
export { DEFAULT_OVERVIEW_MAX_NODES, foldOverview, phasesOf, phaseView } from './overview.ts';
export { FOLD_PRESET, type FoldMode, foldModeOf, typeInfo } from './resource-catalog.ts';
