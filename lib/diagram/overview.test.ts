import { describe, expect, it } from 'vitest';
import type { ArchitectureGraph, DiagramEdge, DiagramNode, NodeCategory } from './graph-types.ts';
import { foldOverview, phasesOf, phaseView } from './overview.ts';

function node(phase: string, logicalId: string, kind: string, category: NodeCategory): DiagramNode {
  return {
    id: `${phase}_${logicalId}`,
    label: logicalId,
    kind,
    category,
    phase,
    type: `AWS::X::${kind.replace(/\W/g, '')}`,
    stack: `dev/${phase}`,
    logicalId,
    folded: [`${logicalId}Role`],
  };
}

const edge = (from: string, to: string, label: string): DiagramEdge => ({ from, to, label, kind: 'data' });

/** Phase a: 5 functions, 3 buckets, 2 queues; phase b: 4 functions, 2 tables. */
function platform(): ArchitectureGraph {
  const nodes: DiagramNode[] = [];
  for (let i = 1; i <= 3; i++) nodes.push(node('a', `Bucket${i}`, 'S3 bucket', 'storage'));
  for (let i = 1; i <= 5; i++) nodes.push(node('a', `Fn${i}`, 'Lambda function', 'compute'));
  for (let i = 1; i <= 2; i++) nodes.push(node('a', `Queue${i}`, 'SQS queue', 'integration'));
  for (let i = 1; i <= 4; i++) nodes.push(node('b', `Fn${i}`, 'Lambda function', 'compute'));
  for (let i = 1; i <= 2; i++) nodes.push(node('b', `Table${i}`, 'DynamoDB table', 'database'));
  const edges = [
    edge('a_Fn1', 'a_Bucket1', 'writes'),
    edge('a_Fn2', 'a_Bucket1', 'writes'),
    edge('a_Fn1', 'a_Fn2', 'invokes'),
    edge('a_Queue1', 'a_Fn3', 'triggers'),
    edge('a_Bucket2', 'b_Fn1', 'reads'),
    edge('b_Fn1', 'b_Table1', 'writes'),
    edge('b_Fn2', 'b_Table2', 'writes'),
  ];
  return { environment: 'dev', nodes, edges, phases: ['a', 'b'] };
}

describe('foldOverview', () => {
  it('returns a graph that is small enough as it is', () => {
    const graph = platform();
    expect(foldOverview(graph, 16)).toBe(graph);
  });

  it('merges the largest group of one kind in one phase first', () => {
    const folded = foldOverview(platform(), 12);
    expect(folded.nodes.map((n) => n.id)).toEqual([
      'a_Bucket1',
      'a_Bucket2',
      'a_Bucket3',
      'a__Lambda_function',
      'a_Queue1',
      'a_Queue2',
      'b_Fn1',
      'b_Fn2',
      'b_Fn3',
      'b_Fn4',
      'b_Table1',
      'b_Table2',
    ]);
    const merged = folded.nodes[3];
    expect(merged).toMatchObject({
      label: '5 × Lambda function',
      kind: 'Lambda function',
      category: 'compute',
      phase: 'a',
      members: ['a_Fn1', 'a_Fn2', 'a_Fn3', 'a_Fn4', 'a_Fn5'],
      folded: ['Fn1Role', 'Fn2Role', 'Fn3Role', 'Fn4Role', 'Fn5Role'],
    });
    // Edges follow their ends; the merged functions' edge to each other is a loop and goes; duplicates merge.
    expect(folded.edges.map((e) => `${e.from} ${e.label} ${e.to}`)).toEqual([
      'a__Lambda_function writes a_Bucket1',
      'a_Queue1 triggers a__Lambda_function',
      'a_Bucket2 reads b_Fn1',
      'b_Fn1 writes b_Table1',
      'b_Fn2 writes b_Table2',
    ]);
  });

  it('keeps merging until the limit: kinds, then categories, then whole phases', () => {
    expect(foldOverview(platform(), 8).nodes.map((n) => n.label)).toEqual([
      '3 × S3 bucket',
      '5 × Lambda function',
      'Queue1',
      'Queue2',
      '4 × Lambda function',
      'Table1',
      'Table2',
    ]);
    const tiny = foldOverview(platform(), 3);
    expect(tiny.nodes.map((n) => `${n.id} ${n.label}`)).toEqual([
      'a__resources 10 resources',
      'b__Lambda_function 4 × Lambda function',
      'b__DynamoDB_table 2 × DynamoDB table',
    ]);
    expect(tiny.nodes[0]?.members).toHaveLength(10);
    expect(tiny.edges.map((e) => `${e.from} ${e.label} ${e.to}`)).toEqual([
      'a__resources reads b__Lambda_function',
      'b__Lambda_function writes b__DynamoDB_table',
    ]);
  });

  it('is deterministic, and breaks ties by the earlier phase', () => {
    const graph = platform();
    expect(foldOverview(graph, 10)).toEqual(foldOverview(platform(), 10));
    const even: ArchitectureGraph = {
      environment: 'dev',
      nodes: [
        node('b', 'X1', 'SQS queue', 'integration'),
        node('b', 'X2', 'SQS queue', 'integration'),
        node('a', 'Y1', 'SQS queue', 'integration'),
        node('a', 'Y2', 'SQS queue', 'integration'),
      ],
      edges: [],
      phases: ['a', 'b'],
    };
    expect(foldOverview(even, 3).nodes.map((n) => n.id)).toEqual(['b_X1', 'b_X2', 'a__SQS_queue']);
  });
});

describe('phaseView and phasesOf', () => {
  it('keeps a phase, the nodes of other phases it has edges with, and those edges', () => {
    const view = phaseView(platform(), 'b');
    expect(view.nodes.map((n) => n.id)).toEqual([
      'a_Bucket2',
      'b_Fn1',
      'b_Fn2',
      'b_Fn3',
      'b_Fn4',
      'b_Table1',
      'b_Table2',
    ]);
    expect(view.edges).toHaveLength(3);
    // The phase first, then its neighbours in the graph's order.
    expect(view.phases).toEqual(['b', 'a']);
  });

  it('takes the listed phase order, then the order nodes name the rest', () => {
    const graph = platform();
    expect(phasesOf({ ...graph, phases: ['b'] })).toEqual(['b', 'a']);
    expect(phasesOf({ ...graph, phases: undefined })).toEqual(['a', 'b']);
  });
});
