import { describe, expect, it } from 'vitest';
import { assemblyDir } from '../../test/assembly.ts';
import { readAssembly } from '../assembly/index.ts';
import { buildGraph, stacksOf } from './build-graph.ts';
import {
  type CAPSTONE_STAGES,
  CHARTS_NODE,
  capstoneResources,
  capstoneView,
  stageTitle,
} from './capstone.ts';
import type { ArchitectureGraph, DiagramNode } from './graph-types.ts';
import { mermaidDiagrams } from './mermaid.ts';

const graphOf = (environment: string): ArchitectureGraph =>
  buildGraph(stacksOf(readAssembly(assemblyDir()).stacks, environment), { environment });
const labelsIn = (view: ArchitectureGraph, stage: (typeof CAPSTONE_STAGES)[number]) =>
  view.nodes.filter((n) => n.phase === stageTitle(stage)).map((n) => n.logicalId.replace(/[0-9A-F]{8}$/, ''));

describe('the capstone view', () => {
  const dev = () => {
    const view = capstoneView(graphOf('dev'));
    if (!view) throw new Error('dev has every phase of the capstone');
    return view;
  };

  it('groups the dev resources by the six stages of the journey, in order', () => {
    expect(dev().phases).toEqual([
      '1 · Ingest',
      '2 · Clean',
      '3 · Transform',
      '4 · Store',
      '5 · Query',
      '6 · Visualize',
    ]);
    expect(labelsIn(dev(), 'Ingest').sort()).toEqual(['Api', 'IngestFunction', 'Stream', 'ToLake']);
    expect(labelsIn(dev(), 'Clean')).toEqual(
      expect.arrayContaining([
        'DataLakeRaw',
        'ValidatorFunction',
        'ConsumerFunction',
        'Crawler',
        'RawToCleanJob',
      ]),
    );
    expect(labelsIn(dev(), 'Transform').sort()).toEqual(['CleanToCuratedJob', 'PipelineStateMachine']);
    expect(labelsIn(dev(), 'Store').sort()).toEqual([
      'CatalogCleanDatabase',
      'CatalogCuratedDatabase',
      'DataLakeClean',
      'DataLakeCurated',
    ]);
    expect(labelsIn(dev(), 'Query').sort()).toEqual(['AthenaWorkGroup', 'DataLakeQueryResults']);
  });

  it('closes the journey with the docs charts when QuickSight is off, drawn from the workgroup', () => {
    expect(dev().nodes.filter((n) => n.phase === '6 · Visualize')).toEqual([CHARTS_NODE]);
    const workgroup = dev().nodes.find((n) => n.type === 'AWS::Athena::WorkGroup');
    expect(dev().edges).toContainEqual({
      from: workgroup?.id,
      to: CHARTS_NODE.id,
      label: 'npm run docs',
      kind: 'data',
    });
  });

  it('draws the dashboard instead when QuickSight is deployed', () => {
    const graph = graphOf('dev');
    const dashboard: DiagramNode = {
      ...CHARTS_NODE,
      id: 'analytics_QuickSightDashboard',
      phase: 'analytics',
      type: 'AWS::QuickSight::Dashboard',
      logicalId: 'QuickSightDashboard',
      stack: 'dev/analytics',
    };
    const view = capstoneView({ ...graph, nodes: [...graph.nodes, dashboard] });
    expect(view?.nodes.filter((n) => n.phase === '6 · Visualize').map((n) => n.id)).toEqual([dashboard.id]);
  });

  it('keeps the data’s path and leaves permissions on the catalog and plain references out', () => {
    const byId = new Map(dev().nodes.map((n) => [n.id, n]));
    for (const edge of dev().edges) {
      expect(edge.kind).not.toBe('reference');
      const ends = [byId.get(edge.from), byId.get(edge.to)];
      if (ends.some((n) => n?.type === 'AWS::Glue::Database')) expect(edge.label).toBe('catalogs');
    }
    const label = (from: string, to: string) =>
      dev().edges.find(
        (e) => byId.get(e.from)?.logicalId.startsWith(from) && byId.get(e.to)?.logicalId.startsWith(to),
      )?.label;
    expect(label('ToLake', 'DataLakeRaw')).toBe('delivers to');
    expect(label('PipelineStateMachine', 'CleanToCuratedJob')).toBe('starts');
  });

  it('is absent where a stage is not built (stage and prod deploy the foundation only)', () => {
    expect(capstoneView(graphOf('stage'))).toBeUndefined();
    expect(mermaidDiagrams(graphOf('stage'))).not.toHaveProperty('capstone');
    expect(mermaidDiagrams(graphOf('dev')).capstone?.mermaid).toContain(
      'subgraph phase__p6_Visualize["6 · Visualize"]',
    );
  });

  it('lists each stage’s resources with what is folded into them, for costing', () => {
    const resources = capstoneResources(dev());
    const ingest = resources['1 · Ingest'] ?? [];
    expect(ingest.every((r) => r.stack === 'dev/ingestion')).toBe(true);
    // The ingest function's role and log group are folded into it, so they count towards the stage.
    expect(ingest.length).toBeGreaterThan(labelsIn(dev(), 'Ingest').length);
  });
});
