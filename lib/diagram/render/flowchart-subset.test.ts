import { parseMermaid } from 'beautiful-mermaid';
import { describe, expect, it } from 'vitest';
import { embeddedSvg } from './embedded-renderer.ts';
import { readArchitectureFixture } from './fixtures/fixture.ts';
import { FlowchartSubsetError, prepareFlowchart } from './flowchart-subset.ts';
import { svgText } from './png-test-helpers.ts';

function failure(text: string): FlowchartSubsetError {
  try {
    prepareFlowchart(text);
  } catch (error) {
    if (error instanceof FlowchartSubsetError) return error;
    throw error;
  }
  throw new Error('expected a FlowchartSubsetError');
}

describe('prepareFlowchart', () => {
  it('reads the fixture: 25 nodes, 25 edges, every shape, and beautiful-mermaid reads the same graph', () => {
    const prepared = prepareFlowchart(readArchitectureFixture());
    expect(prepared.labels.size).toBe(25);
    expect(prepared.edgeCount).toBe(25);
    expect(prepared.labels.get('ing_db')).toBe('OrdersDb RDS (PostgreSQL)');
    const graph = parseMermaid(prepared.text);
    expect(graph.nodes.size).toBe(25);
    expect(graph.edges).toHaveLength(25);
    expect(new Set([...graph.nodes.values()].map((n) => n.shape))).toEqual(
      new Set(['rectangle', 'rounded', 'stadium', 'cylinder', 'subroutine', 'hexagon']),
    );
    expect(graph.subgraphs.map((s) => [s.id, s.nodeIds.length])).toEqual([
      ['foundation', 9],
      ['ingestion', 8],
      ['processing', 8],
    ]);
    expect(graph.edges.filter((e) => e.style === 'dotted')).toHaveLength(7);
    expect(graph.linkStyles.get(3)).toEqual({ stroke: '#C62828' });
    expect(graph.classAssignments.get('fdn_raw')).toBe('storage');
  });

  it('keeps labels whole where beautiful-mermaid alone would cut or reformat them', () => {
    const text = [
      'flowchart LR',
      '  a("Enricher (v2)<br/>Lambda function") -->|reads s3://raw/*| b["Glue *ETL* job"]',
      '  c["Users #quot;admins#quot; #amp; ~~ops~~"] -.->|"a|b"| d{{"x} y"}}',
      '  e[plain label] ==> f(["A &amp; B"])',
      '  classDef my-class fill:#FFEEEE,stroke:#AA0000,color:#330000',
      '  class a,b my-class',
    ].join('\n');
    // What beautiful-mermaid makes of it on its own: a cut label and a lost edge.
    const raw = parseMermaid(text);
    expect(raw.nodes.get('a')?.label).toBe('"Enricher (v2');
    expect(raw.edges.some((e) => e.source === 'a')).toBe(false);

    const svg = embeddedSvg({ name: 'labels', mermaid: text });
    const shown = svgText(svg);
    for (const label of [
      'Enricher (v2)',
      'Lambda function',
      'reads s3://raw/*',
      'Glue *ETL* job',
      'Users "admins" & ~~ops~~',
      'a|b',
      'x} y',
      'plain label',
      'A & B',
    ]) {
      expect(shown).toContain(label);
    }
    expect(svg).not.toMatch(/[\ue000-\ue00f]/);
    expect(svg).not.toContain('font-style="italic"');
    expect(svg).toContain('fill="#FFEEEE"'); // a class name with `-` still applies
    expect(svg.match(/<polyline class="edge"/g)).toHaveLength(3);
  });

  it.each([
    ['graph', 'flowchart\n  a --> b', 1, 'expected the diagram type and direction first'],
    [
      'an unclosed subgraph',
      'flowchart LR\n  subgraph s["S"]\n    a --> b\n',
      2,
      'subgraph "s" is never closed',
    ],
    ['a stray end', 'flowchart LR\n  a --> b\n  end\n', 3, '`end` without an open `subgraph`'],
    ['an unclosed label', 'flowchart LR\n  a["A] --> b\n', 2, 'unclosed `"` in a label'],
    ['a wrong closer', 'flowchart LR\n  a --> b\n  c[("C"]\n', 3, 'expected `)]` after the quoted label "C"'],
    ['an unquoted bracket', 'flowchart LR\n  a[Orders (raw)] --> b\n', 2, 'put the label in double quotes'],
    ['a missing node', 'flowchart LR\n  a -->\n', 2, 'expected a node after `-->`'],
    ['garbage', 'flowchart LR\n  a --> b\n  a ~~> b\n', 3, 'expected an edge (-->, -.->, ==>, ---)'],
    ['a text label', 'flowchart LR\n  a -- reads --> b\n', 2, 'write edge labels as `a -->|label| b`'],
    [
      'a bad linkStyle',
      'flowchart LR\n  a --> b\n  b --> c\n  linkStyle 2 stroke:#f00\n',
      4,
      'linkStyle 2 refers',
    ],
    ['a bad style', 'flowchart LR\n  a --> b\n  classDef x fill\n', 3, 'expected styles such as'],
    ['click', 'flowchart LR\n  a --> b\n  click a "https://example.com"\n', 3, '`click` is not part'],
    ['a parallelogram', 'flowchart LR\n  a[/"In"/] --> b\n', 2, 'shapes are not part'],
  ])('reports %s with its line', (_what, text, line, detail) => {
    const error = failure(text);
    expect(error.line).toBe(line);
    expect(error.detail).toContain(detail);
  });

  it('counts chained and & edges for linkStyle as Mermaid does', () => {
    const prepared = prepareFlowchart('flowchart LR\n  a & b --> c --> d\n  linkStyle 2 stroke:#f00\n');
    expect(prepared.edgeCount).toBe(3);
    expect(failure('flowchart LR\n  a & b --> c --> d\n  linkStyle 3 stroke:#f00\n').line).toBe(3);
  });

  it('ignores comments, blank lines and statement semicolons', () => {
    const prepared = prepareFlowchart('%% generated\nflowchart TD\n\n  a --> b;\n  %% note\n  b --> c;\n');
    expect(prepared.edgeCount).toBe(2);
    expect(prepared.text).toBe('flowchart TD\na --> b\nb --> c\n');
  });
});
