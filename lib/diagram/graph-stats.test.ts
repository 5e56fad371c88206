import { describe, expect, it } from 'vitest';
import { graphStats } from './graph-stats.ts';
import { fixtureGraph } from './graph-test-kit.ts';

describe('graphStats', () => {
  it('counts nodes, edges, folded and dropped resources, overall and per phase', () => {
    const stats = graphStats(fixtureGraph(['cross-stack/foundation.yaml', 'cross-stack/ingestion.yaml']));
    expect(stats).toEqual({
      environment: '',
      nodes: 3,
      edges: 2,
      folded: 1,
      dropped: 0,
      edgesByLabel: { writes: 1, uses: 1 },
      phases: [
        {
          phase: 'foundation',
          nodes: 2,
          edges: 2,
          crossPhaseEdges: 2,
          folded: 0,
          categories: { storage: 2 },
        },
        { phase: 'ingestion', nodes: 1, edges: 2, crossPhaseEdges: 2, folded: 1, categories: { compute: 1 } },
      ],
    });
  });

  it('counts the left-out resources', () => {
    const stats = graphStats(fixtureGraph('custom-resources.yaml'));
    expect(stats).toMatchObject({ nodes: 3, edges: 2, folded: 6, dropped: 10 });
    expect(stats.phases[0]?.categories).toEqual({ storage: 1, security: 1, compute: 1 });
  });
});
