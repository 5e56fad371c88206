import { describe, expect, it } from 'vitest';
import { assemblyDir } from '../../test/assembly.ts';
import { mermaidParser, needsMermaidCli } from '../../test/browser.ts';
import { readAssembly } from '../assembly/index.ts';
import { buildGraph, stacksOf } from './build-graph.ts';
import { diffGraphs, diffMermaid, isUnchanged } from './diff.ts';
import { fixtureGraph } from './graph-test-kit.ts';
import type { ArchitectureGraph } from './graph-types.ts';

// The foundation phase is what every environment deploys: the same resources in dev, stage and prod.
const inventory = (() => {
  const all = readAssembly(assemblyDir());
  return { ...all, stacks: all.stacks.filter((s) => s.phase === 'foundation') };
})();
const dev = buildGraph(stacksOf(inventory.stacks, 'dev'));
const prod = buildGraph(stacksOf(inventory.stacks, 'prod'));
const KEY = 'foundation_DataLakeKey6ACD72F9';

describe('diffGraphs', () => {
  it('finds the nodes and edges a change adds', () => {
    const diff = diffGraphs(dev, prod);
    expect(diff.addedNodes.map((n) => n.id)).toEqual([KEY]);
    expect(diff.removedNodes).toEqual([]);
    expect(diff.changedNodes).toEqual([]);
    expect(diff.addedEdges.map((e) => `${e.from} ${e.label} ${e.to}`)).toEqual([
      `foundation_DataLakeRaw1F82835B encrypted by ${KEY}`,
      `foundation_DataLakeClean8856B8F7 encrypted by ${KEY}`,
      `foundation_DataLakeCuratedD6D7CE2D encrypted by ${KEY}`,
      `foundation_DataLakeQueryResults3C924743 encrypted by ${KEY}`,
    ]);
    expect(diff.removedEdges).toEqual([]);
    expect(isUnchanged(diff)).toBe(false);
  });

  it('finds what a change removes, and nothing between equal graphs', () => {
    const diff = diffGraphs(prod, dev);
    expect(diff.removedNodes.map((n) => n.id)).toEqual([KEY]);
    expect(diff.removedEdges).toHaveLength(4);
    expect(isUnchanged(diffGraphs(dev, buildGraph(stacksOf(inventory.stacks, 'dev'))))).toBe(true);
  });

  it('sees a node that keeps its id but changes kind or label', () => {
    const head: ArchitectureGraph = {
      ...dev,
      nodes: dev.nodes.map((n) => (n.label === 'Raw' ? { ...n, label: 'Landing' } : n)),
    };
    expect(diffGraphs(dev, head).changedNodes.map((c) => `${c.base.label} → ${c.head.label}`)).toEqual([
      'Raw → Landing',
    ]);
  });
});

describe('diffMermaid', () => {
  it('draws additions in green: the added class and linkStyle lines for the added edges', () => {
    const text = diffMermaid(dev, prod);
    const lines = text.split('\n');
    expect(lines).toContain('  classDef added fill:#dafbe1,stroke:#1a7f37,color:#116329');
    expect(lines).toContain(`  class ${KEY} added`);
    const edgeLines = lines.filter((l) => /^ {2}\w+ -/.test(l));
    const styled = lines.filter((l) => l.startsWith('  linkStyle'));
    expect(styled).toHaveLength(4);
    for (const style of styled) {
      const index = Number(/linkStyle (\d+)/.exec(style)?.[1]);
      expect(edgeLines[index]).toMatch(new RegExp(`-\\.->\\|encrypted by\\| ${KEY}$`));
      expect(style).toMatch(/stroke:#1a7f37,stroke-width:2px$/);
    }
    // Unchanged nodes keep their category classes.
    expect(lines.some((l) => l.startsWith('  class ') && l.endsWith(' storage'))).toBe(true);
  });

  it('keeps removed nodes and edges, red and dashed', () => {
    const text = diffMermaid(prod, dev);
    const lines = text.split('\n');
    expect(lines).toContain(`    ${KEY}{{"Data Lake Key<br/>KMS key"}}`);
    expect(lines).toContain(
      '  classDef removed fill:#ffebe9,stroke:#cf222e,color:#82071e,stroke-dasharray:5 5',
    );
    expect(lines).toContain(`  class ${KEY} removed`);
    expect(lines.filter((l) => l.startsWith('  linkStyle') && l.includes('#cf222e'))).toHaveLength(4);
    // The removed node sits where it was: first in its phase.
    expect(lines[3]).toBe(`    ${KEY}{{"Data Lake Key<br/>KMS key"}}`);
  });

  it('draws removed data edges dotted', () => {
    const base = fixtureGraph('firehose.yaml');
    const head: ArchitectureGraph = { ...base, edges: base.edges.filter((e) => e.label !== 'backs up to') };
    const lines = diffMermaid(base, head).split('\n');
    expect(lines).toContain('  firehose_ToLake -.->|backs up to| firehose_Backup');
    expect(lines.at(-2)).toMatch(/^ {2}linkStyle \d+ stroke:#cf222e,stroke-width:2px$/);
  });

  it('cuts a large graph down to the change and its neighbours', () => {
    const base = fixtureGraph('messaging.yaml');
    const head: ArchitectureGraph = {
      ...base,
      edges: [
        ...base.edges,
        { from: 'messaging_Flow', to: 'messaging_Artifacts', label: 'writes', kind: 'data' },
      ],
    };
    const ids = (text: string) =>
      text
        .split('\n')
        .filter((l) => /^ {4}(?!direction )\w/.test(l))
        .map((l) => /^ {4}(\w+)/.exec(l)?.[1]);
    expect(ids(diffMermaid(base, head))).toHaveLength(14);
    expect(ids(diffMermaid(base, head, { maxNodes: 6 }))).toEqual([
      'messaging_Flow',
      'messaging_OnLanding',
      'messaging_WorkToFlow',
      'messaging_Airflow',
      'messaging_Artifacts',
      'messaging_Delivery',
    ]);
    expect(ids(diffMermaid(base, head, { maxNodes: 5 }))).toEqual(['messaging_Flow', 'messaging_Artifacts']);
  });

  it('is read by the real Mermaid parser, linkStyle indices included', needsMermaidCli(), async () => {
    const mermaid = await mermaidParser();
    for (const text of [diffMermaid(dev, prod), diffMermaid(prod, dev)]) {
      await expect(mermaid.parse(text)).resolves.toMatchObject({ diagramType: 'flowchart-v2' });
      // An out-of-range linkStyle makes Mermaid fail: so the indices are in range.
      await mermaid.mermaidAPI.getDiagramFromText(text);
    }
    await expect(
      mermaid.mermaidAPI.getDiagramFromText('flowchart LR\n  a --> b\n  linkStyle 3 stroke:#ff0000\n'),
    ).rejects.toThrow();
  });
});
