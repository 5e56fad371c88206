/** Helpers for the diagram tests: graphs of the fixture templates, and edges written as one-line strings. */
import path from 'node:path';
import { readTemplateFile } from '../assembly/index.ts';
import type { InventoryStack } from '../assembly/types.ts';
import { type BuildGraphOptions, buildGraph } from './build-graph.ts';
import type { ArchitectureGraph } from './graph-types.ts';

export const FIXTURES = path.resolve(import.meta.dirname, 'fixtures');

export function fixtureStacks(...files: string[]): InventoryStack[] {
  return files.flatMap((file) => readTemplateFile(path.join(FIXTURES, file)).stacks);
}

export function fixtureGraph(file: string | string[], options: BuildGraphOptions = {}): ArchitectureGraph {
  return buildGraph(fixtureStacks(...(Array.isArray(file) ? file : [file])), options);
}

/**
 * Every edge as `From --label--> To` (`From -.label.-> To` for references), by logical id, sorted: what a
 * test compares, with direction, label and line style in one string.
 */
export function edgeList(graph: ArchitectureGraph): string[] {
  const name = new Map(graph.nodes.map((node) => [node.id, node.logicalId || node.id]));
  return graph.edges
    .map((edge) => {
      const from = name.get(edge.from) ?? `?${edge.from}`;
      const to = name.get(edge.to) ?? `?${edge.to}`;
      return edge.kind === 'reference'
        ? `${from} -.${edge.label}.-> ${to}`
        : `${from} --${edge.label}--> ${to}`;
    })
    .sort();
}

/** Logical ids of the nodes, in graph order. */
export function nodeList(graph: ArchitectureGraph): string[] {
  return graph.nodes.map((node) => node.logicalId);
}

/** Logical id → what is folded into it, for the nodes that fold anything. */
export function foldedMap(graph: ArchitectureGraph): Record<string, string[]> {
  return Object.fromEntries(
    graph.nodes
      .filter((node) => node.folded.length > 0)
      .map((node) => [node.logicalId, [...node.folded].sort()]),
  );
}

export function nodeByLogicalId(graph: ArchitectureGraph, logicalId: string) {
  const node = graph.nodes.find((n) => n.logicalId === logicalId);
  if (!node) throw new Error(`no node ${logicalId} in ${nodeList(graph).join(', ')}`);
  return node;
}
