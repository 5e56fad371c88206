import { beforeAll, describe, expect, it } from 'vitest';
import { assemblyDir } from '../../test/assembly.ts';
import { readAssembly } from '../assembly/index.ts';
import { buildGraph, stacksOf } from './build-graph.ts';
import { loadDiagramConfig } from './diagram-config.ts';
import type { ArchitectureGraph } from './graph-types.ts';
import { phasesOf, phaseView } from './overview.ts';
import { PHASE_PICTURE_MAX_EDGES, PHASE_PICTURE_MAX_NODES, phasePictureView } from './phase-picture.ts';

describe('the phase pictures of dev', () => {
  let graph: ArchitectureGraph;
  beforeAll(() => {
    // As `npm run docs` draws them: with the repository's diagram settings (alarms left out).
    const config = { ...loadDiagramConfig(), environment: 'dev' };
    graph = buildGraph(stacksOf(readAssembly(assemblyDir()).stacks, 'dev'), config);
  });

  it('stay within 25 nodes and 35 edges, the phase’s own resources one node each', () => {
    for (const phase of phasesOf(graph)) {
      const picture = phasePictureView(graph, phase);
      expect(picture.nodes.length, phase).toBeLessThanOrEqual(PHASE_PICTURE_MAX_NODES);
      expect(picture.edges.length, phase).toBeLessThanOrEqual(PHASE_PICTURE_MAX_EDGES);
      const own = graph.nodes.filter((node) => node.phase === phase).map((node) => node.id);
      expect(picture.nodes.map((node) => node.id)).toEqual(expect.arrayContaining(own));
      expect(picture.phases?.filter((p) => p === phase)).toEqual([phase]);
      // No edge points at a node the picture does not draw.
      const ids = new Set(picture.nodes.map((node) => node.id));
      for (const edge of picture.edges) expect(ids.has(edge.from) && ids.has(edge.to), edge.label).toBe(true);
    }
  });

  // Failed before: foundation drew 22 nodes and 41 edges, six of them "logs to" into Access Logs.
  it('fold the buckets’ "logs to" into a note on Access Logs and other phases into one node each', () => {
    const view = phaseView(graph, 'foundation');
    const picture = phasePictureView(graph, 'foundation');
    expect(view.edges.length).toBeGreaterThan(PHASE_PICTURE_MAX_EDGES);
    expect(picture.edges.some((edge) => edge.label === 'logs to')).toBe(false);
    const logs = view.edges.filter((edge) => edge.label === 'logs to').length;
    expect(picture.nodes.find((node) => node.label.startsWith('Access Logs'))?.label).toBe(
      `Access Logs (logs of ${logs} buckets)`,
    );
    const ingestion = picture.nodes.filter((node) => node.phase === 'ingestion');
    expect(ingestion.map((node) => node.label)).toEqual([expect.stringMatching(/^\d+ resources$/)]);
    expect(ingestion[0]?.members?.length).toBeGreaterThanOrEqual(3);
  });

  it('join the edges between two nodes, both ways, keeping the evidence of each', () => {
    const picture = phasePictureView(graph, 'foundation');
    const label = new Map(picture.nodes.map((node) => [node.id, node.label]));
    const edge = picture.edges.find(
      (e) =>
        [label.get(e.from), label.get(e.to)].sort().join(' ') === 'Clean Raw To Clean Job' &&
        e.kind === 'data',
    );
    expect(edge?.label).toBe('reads, writes');
    expect(edge?.twoWay).toBe(true);
    // The evidence of the read (the job's role reading Clean) and of the write.
    expect(edge?.evidence).toMatch(/s3:GetObject.*; .*s3:PutObject/);
    for (const e of picture.edges.filter((e) => e.kind !== 'reference'))
      expect(e.evidence, `${label.get(e.from)} --${e.label}--> ${label.get(e.to)}`).toBeTruthy();
  });
});
