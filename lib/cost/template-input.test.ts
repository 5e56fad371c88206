// biome-ignore-all lint/suspicious/noTemplateCurlyInString: CloudFormation Fn::Sub strings, not JavaScript templates.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { estimateMarkdown } from './report/estimate-markdown.ts';
import { runCost } from './run-cost.ts';

/** The path `npm run cost -- --template FILE` takes: the file read as CloudFormation reads it, then priced. */
function priceTemplate(yaml: string, usage?: string) {
  const dir = mkdtempSync(path.join(tmpdir(), 'launchpad-template-'));
  const file = path.join(dir, 'template.yaml');
  writeFileSync(file, yaml);
  const usageFile = usage === undefined ? undefined : path.join(dir, 'usage.yml');
  if (usageFile && usage !== undefined) writeFileSync(usageFile, usage);
  return runCost({ template: file, usageFile }).estimate;
}

const components = (estimate: ReturnType<typeof priceTemplate>, logicalId: string) =>
  estimate.resources.find((r) => r.logicalId === logicalId)?.components ?? [];

describe('templates priced as CloudFormation would deploy them', () => {
  it('prices SAM functions at the memory and architecture they inherit from Globals', () => {
    // Failed before: Globals were ignored, so Inherits was priced at 128 MB on x86_64 (250 GB-seconds).
    const estimate = priceTemplate(`Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    Runtime: python3.12
    MemorySize: 3072
    Architectures: [arm64]
Resources:
  Inherits:
    Type: AWS::Serverless::Function
    Properties: { Handler: app.handler, CodeUri: src/ }
  OwnMemory:
    Type: AWS::Serverless::Function
    Properties: { Handler: app.handler, CodeUri: src/, MemorySize: 512 }
  NotSam:
    Type: AWS::Lambda::Function
    Properties: { Handler: app.handler, Role: arn:aws:iam::123456789012:role/r, Code: { ZipFile: x } }
`);
    // 10,000 requests × 0.2 s × 3 GB (the model's default usage) = 6,000 GB-seconds at the arm64 price.
    expect(components(estimate, 'Inherits')[1]).toMatchObject({
      priceId: 'lambda.duration.arm64',
      quantity: 6000,
      basis: '10,000 requests × 200 ms × 3072 MB (MemorySize)',
    });
    expect(components(estimate, 'Inherits')[1]?.monthlyBeforeFreeTier).toBeCloseTo(0.08, 3);
    expect(components(estimate, 'OwnMemory')[1]).toMatchObject({
      priceId: 'lambda.duration.arm64',
      quantity: 1000,
    });
    // Globals cover SAM functions only.
    expect(components(estimate, 'NotSam')[1]).toMatchObject({
      priceId: 'lambda.duration.x86_64',
      quantity: 250,
    });
  });

  it('prices each resource a Fn::ForEach loop makes, and warns of a key written twice', () => {
    const estimate = priceTemplate(`Transform: AWS::LanguageExtensions
Parameters:
  Feeds: { Type: CommaDelimitedList, Default: "orders,clicks" }
Resources:
  Fn::ForEach::Queues:
    - Feed
    - !Ref Feeds
    - Queue\${Feed}:
        Type: AWS::SQS::Queue
        Properties: { QueueName: !Sub "launchpad-\${Feed}" }
  Stream:
    Type: AWS::Kinesis::Stream
    Properties: { ShardCount: 1 }
    Properties: { ShardCount: 2 }
`);
    expect(estimate.resources.map((r) => [r.logicalId, r.status])).toEqual([
      ['Queueorders', 'priced'],
      ['Queueclicks', 'priced'],
      ['Stream', 'priced'],
    ]);
    expect(estimate.warnings).toEqual([
      expect.stringMatching(
        /template\.yaml: key "Properties" is written 2 times in one map \(lines 13, 14\); CloudFormation keeps the last \(line 14\)/,
      ),
    ]);
    expect(components(estimate, 'Stream')[0]?.quantity).toBe(2 * 730);
  });

  it("states Athena's binary TB where the quantity is shown", () => {
    // 3,000,000 MB is 2.861 TB of 2^40 bytes: $14.31 at $5 per TB, which is why the unit must say so.
    const estimate = priceTemplate(
      'Resources:\n  Queries:\n    Type: AWS::Athena::WorkGroup\n    Properties: { Name: adhoc }\n',
      'version: 1\nresources:\n  Queries:\n    queries: 1\n    averageScannedMb: 3000000\n',
    );
    const [scanned] = components(estimate, 'Queries');
    expect(scanned?.unit).toBe('TB (2^40 bytes)');
    expect(scanned?.monthly).toBeCloseTo(14.31, 2);
    expect(estimateMarkdown(estimate)).toMatch(
      /3,000,000 MB ÷ 1,048,576 MB per TB[^|]*\| 2\.86\d* TB \(2\^40 bytes\) \| \$5\.00 \| \$14\.31 \|/,
    );
  });
});
