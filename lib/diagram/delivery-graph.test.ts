import { describe, expect, it } from 'vitest';
import { assemblyDir } from '../../test/assembly.ts';
import { readAssembly } from '../assembly/index.ts';
import { buildGraph, stacksOf } from './build-graph.ts';
import type { ArchitectureGraph } from './graph-types.ts';
import { phaseView } from './overview.ts';

const graph = (): ArchitectureGraph =>
  buildGraph(stacksOf(readAssembly(assemblyDir()).stacks, 'dev'), { environment: 'dev' });
/** `from --label--> to` with nodes as `phase:type`, for the edges of the delivery picture. */
function edges(g: ArchitectureGraph): string[] {
  const view = phaseView(g, 'delivery');
  const node = (id: string) => {
    const n = view.nodes.find((x) => x.id === id);
    return `${n?.phase}:${n?.type}`;
  };
  return view.edges.map((e) => `${node(e.from)} --${e.label}--> ${node(e.to)}`);
}

describe('the delivery picture (dev)', () => {
  it('the pipeline takes its source from the artifact bucket and starts the three builds', () => {
    const found = edges(graph());
    expect(found).toContain('delivery:AWS::S3::Bucket --triggers--> delivery:AWS::CodePipeline::Pipeline');
    expect(
      found.filter(
        (e) => e === 'delivery:AWS::CodePipeline::Pipeline --starts--> delivery:AWS::CodeBuild::Project',
      ),
    ).toHaveLength(3);
  });

  it('the deploy project ships every function, ingestion’s and the data-quality check, and the Glue jobs, found by name across stacks', () => {
    const g = graph();
    const deploy = g.nodes.find((n) => n.type === 'AWS::CodeBuild::Project' && n.id.includes('Deploy'));
    const shipped = g.edges
      .filter((e) => e.from === deploy?.id && e.label === 'deploys')
      .map((e) => g.nodes.find((n) => n.id === e.to))
      .map((n) => `${n?.phase}:${n?.type}`)
      .sort();
    expect(shipped).toEqual([
      'ingestion:AWS::Lambda::Function',
      'ingestion:AWS::Lambda::Function',
      'ingestion:AWS::Lambda::Function',
      'orchestration:AWS::Lambda::Function',
      'processing:AWS::Glue::Job',
      'processing:AWS::Glue::Job',
    ]);
  });

  it('a failed execution reaches the alerts topic through its rule', () => {
    const found = edges(graph());
    expect(found).toContain('delivery:AWS::CodePipeline::Pipeline --triggers--> delivery:AWS::Events::Rule');
    expect(found).toContain('delivery:AWS::Events::Rule --triggers--> delivery:AWS::SNS::Topic');
  });
});
