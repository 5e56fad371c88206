/**
 * The architecture diagrams: inventory stacks of one environment → a data-flow graph (nodes for
 * architectural resources, plumbing folded in, edges that say what moves where) → Mermaid text for the
 * whole platform and each phase, and the diff of two graphs for pull requests.
 */

export { buildGraph, stacksOf } from './build-graph.ts';
export { capstoneResources, capstoneView } from './capstone.ts';
export { DEFAULT_DIAGRAM_CONFIG, type DiagramConfig, loadDiagramConfig } from './diagram-config.ts';
export { diffGraphs, diffMermaid, isUnchanged } from './diff.ts';
export type * from './graph-types.ts';
export { mermaidDiagrams } from './mermaid.ts';
