import { describe, expect, it } from 'vitest';
import { buildGraph } from './build-graph.ts';
import { generatedPlatform } from './generated-platform.ts';
import { graphStats } from './graph-stats.ts';
import { mermaidDiagrams } from './mermaid.ts';

describe('a generated platform of 100 pipelines (1,500 resources over four phases)', () => {
  const stacks = generatedPlatform(100);

  it('has the edges of every pipeline, across phases through exports', () => {
    const stats = graphStats(buildGraph(stacks));
    expect(stats.nodes).toBe(700);
    expect(stats.edgesByLabel).toEqual({ reads: 200, writes: 200, triggers: 100, invokes: 100, starts: 100 });
    expect(stats.phases.map((p) => [p.phase, p.nodes, p.crossPhaseEdges])).toEqual([
      ['foundation', 200, 300],
      ['ingestion', 200, 200],
      ['processing', 100, 300],
      ['orchestration', 200, 200],
    ]);
  });

  it('keeps the overview to at most 40 nodes (its speed is measured by npm run bench)', () => {
    expect(mermaidDiagrams(buildGraph(stacks)).overview?.nodes).toBeLessThanOrEqual(40);
  });
});
