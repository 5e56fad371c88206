import { describe, expect, it } from 'vitest';
import { assemblyDir } from '../../test/assembly.ts';
import { mermaidParser, needsMermaidCli } from '../../test/browser.ts';
import { readAssembly } from '../assembly/index.ts';
import { buildGraph, stacksOf } from './build-graph.ts';
import { fixtureGraph } from './graph-test-kit.ts';
import type { ArchitectureGraph, DiagramNode, NodeCategory } from './graph-types.ts';
import { escapeLabel, mermaidDiagrams, phaseTitle, toMermaid } from './mermaid.ts';
import { prepareFlowchart } from './render/flowchart-subset.ts';

const FIXTURES = [
  's3-events.yaml',
  'event-sources.yaml',
  'firehose.yaml',
  'glue.yaml',
  'step-functions.yaml',
  'api-gateway.yaml',
  'dms.yaml',
  'analytics-audit.yaml',
  'iam-literals.yaml',
  'custom-resources.yaml',
  'messaging.yaml',
];
const crossStack = () => fixtureGraph(['cross-stack/foundation.yaml', 'cross-stack/ingestion.yaml']);

/** Every diagram the tests check: each fixture's, the cross-stack phases', and the real assembly's. */
function allDiagrams(): [string, string][] {
  const inventory = readAssembly(assemblyDir());
  const diagrams: [string, string][] = FIXTURES.map((file) => [file, toMermaid(fixtureGraph(file))]);
  for (const [name, text] of Object.entries(mermaidDiagrams(crossStack())))
    diagrams.push([`cross/${name}`, text.mermaid]);
  for (const environment of ['dev', 'stage', 'prod']) {
    const graph = buildGraph(stacksOf(inventory.stacks, environment));
    for (const [name, text] of Object.entries(mermaidDiagrams(graph)))
      diagrams.push([`${environment}/${name}`, text.mermaid]);
  }
  diagrams.push(['folded', toMermaid(fixtureGraph('messaging.yaml'), { maxNodes: 5 })]);
  return diagrams;
}

/** The subset, line by line. */
const LINE_FORMS: readonly RegExp[] = [
  /^flowchart LR$/,
  /^ {2}subgraph phase__\w+\["[^"]*"\]$/,
  /^ {4}\w+(\["[^"]*"\]|\("[^"]*"\)|\(\["[^"]*"\]\)|\[\("[^"]*"\)\]|\[\["[^"]*"\]\]|\{\{"[^"]*"\}\})$/,
  /^ {4}direction LR$/,
  /^ {2}end$/,
  /^ {2}\w+ (-->|-\.->)\|[^|"]+\| \w+$/,
  /^ {2}classDef \w+ fill:#[0-9a-f]{6},stroke:#[0-9a-f]{6},color:#[0-9a-f]{6}(,stroke-dasharray:5 5)?$/,
  /^ {2}class \w+(,\w+)* \w+$/,
  /^ {2}linkStyle \d+ stroke:#[0-9a-f]{6},stroke-width:2px$/,
];

describe('toMermaid', () => {
  it('writes only the agreed subset, every line of every diagram', () => {
    for (const [name, text] of allDiagrams()) {
      expect(text.endsWith('\n'), name).toBe(true);
      for (const line of text.trimEnd().split('\n')) {
        expect(
          LINE_FORMS.some((form) => form.test(line)),
          `${name}: ${line}`,
        ).toBe(true);
      }
      expect(text).not.toMatch(/\[\/|graph LR;|click |:::|fa:|var\(/);
    }
  });

  it('draws one subgraph per phase, titled from the catalog', () => {
    const text = toMermaid(crossStack());
    expect(text.split('\n').filter((line) => line.includes('subgraph'))).toEqual([
      '  subgraph phase__foundation["1 · foundation: IAM and the S3 data lake"]',
      '  subgraph phase__ingestion["2 · ingestion: Kinesis, Firehose, Lambda, API Gateway, Glue crawlers, DMS"]',
    ]);
    expect(phaseTitle('sandbox')).toBe('sandbox');
  });

  it('gives each category its shape and class, and each node its kind on a second line', () => {
    const lines = toMermaid(fixtureGraph('messaging.yaml')).split('\n');
    const nodeLine = (id: string) => lines.find((line) => line.startsWith(`    messaging_${id}`));
    expect(nodeLine('Landing')).toBe('    messaging_Landing[("Landing<br/>S3 bucket")]');
    expect(nodeLine('Arrivals')).toBe('    messaging_Arrivals(["Arrivals<br/>SNS topic"])');
    expect(nodeLine('Notifier')).toBe('    messaging_Notifier("Notifier<br/>Lambda function")');
    expect(nodeLine('Flow')).toBe('    messaging_Flow[["Flow<br/>state machine"]]');
    expect(nodeLine('NotifierErrors')).toBe(
      '    messaging_NotifierErrors["NotifierErrors<br/>CloudWatch alarm"]',
    );
    expect(nodeLine('Build')).toBe('    messaging_Build[["Build<br/>CodeBuild project"]]');
    expect(lines).toContain('  classDef storage fill:#e8f5e9,stroke:#3f8624,color:#1b4d12');
    expect(lines).toContain('  class messaging_Landing,messaging_Dags,messaging_Artifacts storage');
    const security = toMermaid(fixtureGraph('iam-literals.yaml')).split('\n');
    expect(security).toContain('    iam_literals_Operator{{"Operator<br/>IAM role"}}');
  });

  it('labels edges, dots references, and puts parallel edges of one style on one line', () => {
    const lines = toMermaid(fixtureGraph('s3-events.yaml')).split('\n');
    expect(lines).toContain('  s3_events_Uploads -->|reads, triggers| s3_events_Thumbnailer');
    expect(lines).toContain('  s3_events_Uploads -->|logs to| s3_events_AccessLogs');
    const custom = toMermaid(fixtureGraph('custom-resources.yaml')).split('\n');
    expect(custom).toContain('  custom_resources_Data -.->|encrypted by| custom_resources_DataKey');
  });

  it('draws one phase with its neighbours from other phases, in their own subgraph', () => {
    const lines = toMermaid(crossStack(), { phase: 'ingestion' }).split('\n');
    expect(lines.slice(0, 11)).toEqual([
      'flowchart LR',
      // The phase drawn comes first (dagre, Mermaid's layout, crashes on some other cluster orders).
      '  subgraph phase__ingestion["2 · ingestion: Kinesis, Firehose, Lambda, API Gateway, Glue crawlers, DMS"]',
      '    direction LR',
      '    ingestion_Collector("Collector<br/>Lambda function")',
      '  end',
      '  subgraph phase__foundation["1 · foundation: IAM and the S3 data lake"]',
      '    direction LR',
      '    foundation_Raw[("Raw<br/>S3 bucket")]',
      '    foundation_Curated[("Curated<br/>S3 bucket")]',
      '  end',
      '  ingestion_Collector -->|writes| foundation_Raw',
    ]);
    expect(toMermaid(crossStack(), { phase: 'nowhere' })).toBe('flowchart LR\n');
  });

  it('folds the overview above maxNodes into counted nodes', () => {
    const graph = fixtureGraph('iam-literals.yaml');
    expect(graph.nodes.length).toBe(12);
    const lines = toMermaid(graph, { maxNodes: 10 }).split('\n');
    expect(lines).toContain('    iam_literals__S3_bucket[("3 × S3 bucket")]');
    expect(lines).toContain('  iam_literals__S3_bucket -->|reads| iam_literals_Operator');
    expect(lines.filter((line) => /^ {4}(?!direction )\w/.test(line))).toHaveLength(10);
    // The default limit is 40: this graph is drawn whole.
    expect(toMermaid(graph)).toBe(toMermaid(graph, { maxNodes: 40 }));
  });

  it('escapes what would end or mark up a label', () => {
    expect(escapeLabel('say "hi" | <b>#1</b> & `x`\nnext')).toBe(
      'say #quot;hi#quot; #124; #lt;b#gt;#35;1#lt;/b#gt; #amp; #96;x#96; next',
    );
    const node: DiagramNode = {
      id: 'p_Odd',
      label: 'Odd "name" [v2] (x)',
      kind: 'S3 bucket',
      category: 'storage',
      phase: 'p',
      type: 'AWS::S3::Bucket',
      stack: 'p',
      logicalId: 'Odd',
      folded: [],
    };
    const graph: ArchitectureGraph = { environment: 'dev', nodes: [node], edges: [] };
    expect(toMermaid(graph).split('\n')).toContain(
      '    p_Odd[("Odd #quot;name#quot; [v2] (x)<br/>S3 bucket")]',
    );
  });
});

describe('mermaidDiagrams', () => {
  it('gives the overview and each phase, with the counts each draws', () => {
    const diagrams = mermaidDiagrams(crossStack());
    expect(Object.keys(diagrams)).toEqual(['overview', 'foundation', 'ingestion']);
    expect(diagrams.overview).toMatchObject({ nodes: 3, edges: 2 });
    expect(diagrams.foundation).toMatchObject({ nodes: 3, edges: 2 });
    expect(diagrams.ingestion?.mermaid).toBe(toMermaid(crossStack(), { phase: 'ingestion' }));
    const small = mermaidDiagrams(fixtureGraph('messaging.yaml'), { overviewMaxNodes: 5, phaseMaxNodes: 6 });
    expect(small.overview?.nodes).toBeLessThanOrEqual(5);
    expect(small.messaging?.nodes).toBeLessThanOrEqual(6);
  });
});

describe('the real Mermaid parser', needsMermaidCli(), () => {
  it('parses every diagram, with the nodes, edges and subgraphs written', async () => {
    const mermaid = await mermaidParser();
    await expect(mermaid.parse('flowchart LR\n  a[/x/ -->')).rejects.toThrow(/Parse error/);
    const shapes: Record<string, NodeCategory> = {};
    for (const [name, text] of allDiagrams()) {
      await expect(mermaid.parse(text), name).resolves.toMatchObject({ diagramType: 'flowchart-v2' });
      const diagram = await mermaid.mermaidAPI.getDiagramFromText(text);
      const { db } = diagram;
      const lines = text.split('\n');
      expect(db.getVertices().size, name).toBe(lines.filter((l) => /^ {4}(?!direction )\w/.test(l)).length);
      expect(db.getEdges().length, name).toBe(lines.filter((l) => /^ {2}\w+ -/.test(l)).length);
      expect(db.getSubGraphs().length, name).toBe(lines.filter((l) => l.startsWith('  subgraph')).length);
      for (const vertex of db.getVertices().values()) shapes[vertex.type] = vertex.classes[0];
    }
    // Shapes as Mermaid reads them: cylinder, stadium, round, subroutine, hexagon, square.
    expect(Object.keys(shapes).sort()).toEqual([
      'cylinder',
      'hexagon',
      'round',
      'square',
      'stadium',
      'subroutine',
    ]);
  });

  it('keeps escaped labels whole', async () => {
    const mermaid = await mermaidParser();
    const text = 'flowchart LR\n  a["say #quot;hi#quot; #124; #lt;b#gt; #35;1"]\n  a -->|x #124; y| a\n';
    const { db } = await mermaid.mermaidAPI.getDiagramFromText(text);
    expect(db.getVertices().size).toBe(1);
    expect(db.getEdges()).toHaveLength(1);
  });
});

describe('the embedded renderer', () => {
  it('reads every diagram with its subset reader', () => {
    for (const [name, text] of allDiagrams()) {
      const prepared = prepareFlowchart(text);
      expect(prepared.edgeCount, name).toBe(text.split('\n').filter((l) => /^ {2}\w+ -/.test(l)).length);
    }
  });
});
