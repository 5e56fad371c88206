import { describe, expect, it } from 'vitest';
import { assemblyDir } from '../../test/assembly.ts';
import { readAssembly } from '../assembly/index.ts';
import { buildGraph, stacksOf } from './build-graph.ts';
import { fixtureGraph } from './graph-test-kit.ts';
import type { ArchitectureGraph } from './graph-types.ts';

/** Every edge with what justifies it, by construct label (stable across synths, unlike logical-id hashes). */
function edgesWithEvidence(graph: ArchitectureGraph): string[] {
  const name = new Map(graph.nodes.map((node) => [node.id, `${node.phase}/${node.label}`]));
  return graph.edges
    .filter((edge) => edge.kind !== 'reference')
    .map(
      (edge) =>
        `${name.get(edge.from)} --${edge.label}--> ${name.get(edge.to)}  ⟸  ${edge.evidence ?? 'NONE'}`,
    )
    .sort();
}

describe('every data-flow edge has evidence', () => {
  it('in the dev graph: the property that names the other end, or a statement of the resource’s own role', () => {
    const graph = buildGraph(stacksOf(readAssembly(assemblyDir()).stacks, 'dev'), { environment: 'dev' });
    const listed = edgesWithEvidence(graph);
    // The list is the review: read it against the templates when the stacks change.
    expect(listed.length).toBeGreaterThan(30);
    for (const line of listed)
      expect(line).toMatch(/ ⟸ {2}dev\/\w+ \S+ (AWS::\S+ \.\w+|Statement\[\d+\] [a-z0-9-]+:\w+)/);
    const evidenceOf = (edge: string) =>
      listed.find((line) => line.startsWith(`${edge}  ⟸  `))?.split('  ⟸  ')[1];
    expect(evidenceOf('ingestion/To Lake --delivers to--> foundation/Raw')).toMatch(
      /^dev\/ingestion ToLake\w+ AWS::KinesisFirehose::DeliveryStream \.ExtendedS3DestinationConfiguration\.BucketARN$/,
    );
    expect(evidenceOf('foundation/Raw --reads--> processing/Raw To Clean Job')).toMatch(
      /^dev\/processing RawToCleanJob\w+ AWS::Glue::Job \.DefaultArguments\.--raw_path; dev\/processing RawToCleanRoleDefaultPolicy\w+ Statement\[\d+\] s3:GetObject/,
    );
    // Its temporary directory names the bucket, and its own role's statement allows writing there.
    expect(evidenceOf('processing/Clean To Curated Job --writes--> foundation/Curated')).toMatch(
      /\.DefaultArguments\.--TempDir; dev\/processing CleanToCuratedRoleDefaultPolicy\w+ Statement\[\d+\] s3:PutObject/,
    );
    expect(evidenceOf('ingestion/Ingest Function --writes--> ingestion/Stream')).toMatch(
      /^dev\/ingestion IngestFunctionRoleDefaultPolicy\w+ Statement\[\d+\] kinesis:PutRecord, kinesis:PutRecords \(policy of IngestFunctionRole\w+\)$/,
    );
    // The role split shows: each Glue job touches only its own zones.
    expect(listed.filter((l) => /Raw To Clean Job --writes--> foundation\/Curated\b/.test(l))).toEqual([]);
    expect(
      listed.filter((l) => /foundation\/Raw --reads--> processing\/Clean To Curated Job/.test(l)),
    ).toEqual([]);
  });

  it('drops an edge that only a role shared with other resources justifies, and keeps a role of one’s own', () => {
    // The shared role may get and put objects in Raw, Clean and Curated: none of that is drawn, since it
    // cannot say which job (or the crawler) does it. The crawler's own configuration and the audit job's
    // own role still give their edges.
    expect(edgesWithEvidence(fixtureGraph('shared-role.yaml'))).toEqual([
      'shared-role/Curated --reads--> shared-role/AuditJob  ⟸  shared-role AuditRole Statement[0] s3:GetObject',
      'shared-role/Raw --reads--> shared-role/RawCrawler  ⟸  shared-role RawCrawler AWS::Glue::Crawler .Targets.S3Targets[].Path',
      'shared-role/RawCrawler --catalogs--> shared-role/Catalog  ⟸  shared-role RawCrawler AWS::Glue::Crawler .DatabaseName',
    ]);
  });
});
