import { describe, expect, it } from 'vitest';
import type { ArchitectureGraph, DiagramNode } from '../graph-types.ts';
import { againstTheFlow, labelLines } from './layout.ts';

const node = (id: string, phase: string): DiagramNode => ({
  id,
  label: id,
  kind: 'Lambda function',
  category: 'compute',
  phase,
  type: 'AWS::Lambda::Function',
  stack: `dev/${phase}`,
  logicalId: id,
  folded: [],
});
const graph = (edges: [string, string][], phases = ['a', 'b']): ArchitectureGraph => ({
  environment: 'dev',
  phases,
  nodes: [node('a1', 'a'), node('a2', 'a'), node('b1', 'b'), node('b2', 'b')],
  edges: edges.map(([from, to]) => ({ from, to, label: 'reads', kind: 'data' })),
});

describe('againstTheFlow', () => {
  it('gives elkjs backwards the edges against most of those between their two phases, none within a phase', () => {
    expect(
      againstTheFlow(
        graph([
          ['a1', 'b1'],
          ['a2', 'b2'],
          ['b1', 'a2'],
          ['a1', 'a2'],
          ['b2', 'b1'],
        ]),
      ),
    ).toEqual(new Set([2]));
  });

  it('on a tie, turns round the edges from the later phase to the earlier one', () => {
    expect(
      againstTheFlow(
        graph([
          ['b1', 'a1'],
          ['a2', 'b2'],
        ]),
      ),
    ).toEqual(new Set([0]));
    expect(
      againstTheFlow(
        graph(
          [
            ['b1', 'a1'],
            ['a2', 'b2'],
          ],
          ['b', 'a'],
        ),
      ),
    ).toEqual(new Set([1]));
  });
});

describe('labelLines', () => {
  it('keeps a short label on one line and splits a long one at the space nearest its middle', () => {
    expect(labelLines('reads, writes')).toEqual(['reads, writes']);
    expect(labelLines('delivers to, reads, triggers, writes')).toEqual([
      'delivers to, reads,',
      'triggers, writes',
    ]);
    expect(labelLines('reads, triggers, writes')).toEqual(['reads, triggers,', 'writes']);
  });
});
