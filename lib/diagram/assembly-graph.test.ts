import { describe, expect, it } from 'vitest';
import { assemblyDir } from '../../test/assembly.ts';
import { readAssembly } from '../assembly/index.ts';
import { buildGraph, stacksOf } from './build-graph.ts';
import { toMermaid } from './mermaid.ts';

/** The test run's cloud assembly (every environment in config/), read once. */
// The foundation phase is what every environment deploys: the same resources in dev, stage and prod.
const inventory = (() => {
  const all = readAssembly(assemblyDir());
  return { ...all, stacks: all.stacks.filter((s) => s.phase === 'foundation') };
})();
const graphOf = (environment: string) => buildGraph(stacksOf(inventory.stacks, environment));

/** Edges as `Label --word--> Label`: the construct names people read. */
function labelled(environment: string): string[] {
  const graph = graphOf(environment);
  const label = new Map(graph.nodes.map((n) => [n.id, n.label]));
  return graph.edges.map((e) => `${label.get(e.from)} --${e.label}--> ${label.get(e.to)}`).sort();
}

describe('the foundation phase of the real assembly', () => {
  it('draws the five buckets, the analyst role and group, and the budget in dev', () => {
    const graph = graphOf('dev');
    expect(graph.environment).toBe('dev');
    expect(graph.phases).toEqual(['foundation']);
    expect(graph.nodes.map((n) => `${n.label} (${n.kind})`)).toEqual([
      'Access Logs (S3 bucket)',
      'Raw (S3 bucket)',
      'Clean (S3 bucket)',
      'Curated (S3 bucket)',
      'Query Results (S3 bucket)',
      'Analyst (IAM role)',
      'Analysts Group (IAM group)',
      'Budget (AWS budget)',
    ]);
    expect(graph.nodes.every((n) => n.phase === 'foundation' && n.stack === 'dev/foundation')).toBe(true);
  });

  it('shows who writes and reads which zone, and where the access logs go', () => {
    expect(labelled('dev')).toEqual([
      'Analyst --writes--> Query Results',
      'Analysts Group --writes--> Query Results',
      'Clean --logs to--> Access Logs',
      'Curated --logs to--> Access Logs',
      'Curated --reads--> Analyst',
      'Curated --reads--> Analysts Group',
      'Query Results --logs to--> Access Logs',
      'Query Results --reads--> Analyst',
      'Query Results --reads--> Analysts Group',
      'Raw --logs to--> Access Logs',
    ]);
  });

  it('folds policies and auto-delete custom resources into their owners, and nothing else', () => {
    const graph = graphOf('dev');
    const folded = Object.fromEntries(
      graph.nodes.map((n) => [n.label, n.folded.map((id) => id.replace(/[0-9A-F]{8}$/, ''))]),
    );
    expect(folded).toEqual({
      'Access Logs': ['DataLakeAccessLogsPolicy', 'DataLakeAccessLogsAutoDeleteObjectsCustomResource'],
      Raw: ['DataLakeRawPolicy', 'DataLakeRawAutoDeleteObjectsCustomResource'],
      Clean: ['DataLakeCleanPolicy', 'DataLakeCleanAutoDeleteObjectsCustomResource'],
      Curated: ['DataLakeCuratedPolicy', 'DataLakeCuratedAutoDeleteObjectsCustomResource'],
      'Query Results': ['DataLakeQueryResultsPolicy', 'DataLakeQueryResultsAutoDeleteObjectsCustomResource'],
      Analyst: ['RolesAnalystPolicy'],
      'Analysts Group': ['RolesAnalystPolicy', 'AnalystsRequireMfa'],
      Budget: [],
    });
    // Only the auto-delete provider (its function and role) is left out.
    expect((graph.dropped ?? []).map((d) => `${d.type} ${d.reason}`)).toEqual([
      'AWS::IAM::Role part of a custom-resource provider',
      'AWS::Lambda::Function part of a custom-resource provider',
    ]);
    // Every resource of the stack is a node, folded into one, or left out with a reason.
    const resources = stacksOf(inventory.stacks, 'dev').flatMap((s) => s.resources.map((r) => r.logicalId));
    const accounted = new Set([
      ...graph.nodes.flatMap((n) => [n.logicalId, ...n.folded]),
      ...(graph.dropped ?? []).map((d) => d.logicalId),
    ]);
    expect(resources.filter((id) => !accounted.has(id))).toEqual([]);
  });

  it('draws each Glue job reading its source zone and writing its target, and the crawler reading raw', () => {
    const graph = buildGraph(stacksOf(readAssembly(assemblyDir()).stacks, 'dev'));
    const label = new Map(graph.nodes.map((n) => [n.id, n.label]));
    const lake = /^(Raw|Clean|Curated)$/;
    const edges = graph.edges
      .map((e) => [label.get(e.from) ?? '', e.label, label.get(e.to) ?? ''] as const)
      .filter(([from, , to]) => (lake.test(from) || lake.test(to)) && /Job|Crawler$/.test(`${from} ${to}`))
      .map(([from, word, to]) => `${from} --${word}--> ${to}`)
      .sort();
    expect(edges).toEqual([
      'Clean --reads--> Clean To Curated Job',
      'Clean --reads--> Raw To Clean Job',
      // "uses": the job's arguments name the bucket (its input and output paths).
      'Clean To Curated Job --uses--> Clean',
      'Clean To Curated Job --uses--> Curated',
      'Clean To Curated Job --writes--> Curated',
      'Curated --reads--> Clean To Curated Job',
      'Raw --reads--> Crawler',
      'Raw --reads--> Raw To Clean Job',
      'Raw To Clean Job --uses--> Clean',
      'Raw To Clean Job --writes--> Clean',
    ]);
  });

  it('adds the KMS key in prod, with the buckets it encrypts', () => {
    const graph = graphOf('prod');
    const key = graph.nodes.find((n) => n.type === 'AWS::KMS::Key');
    expect(key).toMatchObject({ label: 'Data Lake Key', kind: 'KMS key', category: 'security' });
    expect(key?.folded.map((id) => id.replace(/[0-9A-F]{8}$/, ''))).toEqual(['DataLakeKeyAlias']);
    expect(graph.nodes.length).toBe(graphOf('dev').nodes.length + 1);
    expect(labelled('prod').filter((e) => e.includes('encrypted by'))).toEqual([
      'Clean --encrypted by--> Data Lake Key',
      'Curated --encrypted by--> Data Lake Key',
      'Query Results --encrypted by--> Data Lake Key',
      'Raw --encrypted by--> Data Lake Key',
    ]);
    const dataEdges = (env: string) => labelled(env).filter((e) => !e.includes('encrypted by'));
    expect(dataEdges('prod')).toEqual(dataEdges('dev'));
    expect(graphOf('dev').nodes.some((n) => n.type === 'AWS::KMS::Key')).toBe(false);
  });

  it('gives the same resources the same ids in every environment, so diagrams line up', () => {
    const ids = (env: string) => new Set(graphOf(env).nodes.map((n) => n.id));
    const dev = ids('dev');
    const prod = ids('prod');
    expect([...dev].every((id) => prod.has(id))).toBe(true);
    expect([...prod].filter((id) => !dev.has(id))).toEqual(['foundation_DataLakeKey6ACD72F9']);
    const devText = toMermaid(graphOf('dev'));
    const prodText = toMermaid(graphOf('prod'));
    expect(devText).not.toMatch(/dev|prod/);
    // Every line of dev's diagram but the class lists (which list the key too) is in prod's.
    const prodLines = new Set(prodText.split('\n'));
    const missing = devText.split('\n').filter((line) => !prodLines.has(line));
    expect(missing.every((line) => line.startsWith('  class '))).toBe(true);
  });
});

describe('the ingestion phase of dev', () => {
  const all = readAssembly(assemblyDir());
  const graph = buildGraph(stacksOf(all.stacks, 'dev'));
  const label = (id: string) => graph.nodes.find((n) => n.id === id)?.label;
  const edges = graph.edges.map((e) => `${label(e.from)} ${e.label} ${label(e.to)}`);

  it('follows events from the API to the raw zone and uploads to the validator', () => {
    expect(edges).toEqual(
      expect.arrayContaining([
        'Api invokes Ingest Function',
        'Ingest Function writes Stream',
        'Stream reads To Lake',
        'To Lake delivers to Raw',
        'Raw triggers On Upload',
        'On Upload triggers Validator Function',
        'Consumer Function dead-letters to Consumer Failures',
      ]),
    );
  });
});
