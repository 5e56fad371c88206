import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { assemblyDir } from '../../test/assembly.ts';
import { readAssembly } from '../assembly/index.ts';
import type { ActualCost } from '../cost/actual/read-actual-cost.ts';
import { loadCatalog } from '../cost/catalog/load-catalog.ts';
import { estimate } from '../cost/estimate/estimate.ts';
import { type RunEvidence, readEvidence } from '../evidence/run-evidence.ts';
import { readDecisions } from './decisions.ts';
import type { DiagramSet, DocsModel } from './docs-model.ts';
import { generateDocs } from './generate-docs.ts';
import { region } from './generated-regions.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');

function diagrams(): DiagramSet {
  const names = ['overview', 'foundation'];
  return {
    environment: 'prod',
    mermaid: Object.fromEntries(names.map((n) => [n, `flowchart LR\n  ${n}_a["A"] -->|writes| ${n}_b["B"]`])),
    images: Object.fromEntries(
      names.map((n) => [
        n,
        { svg: `docs/diagrams/${n}.svg`, png: `docs/diagrams/${n}.png`, drawio: `docs/diagrams/${n}.drawio` },
      ]),
    ),
    stats: Object.fromEntries(names.map((n) => [n, { nodes: 2, edges: 1 }])),
  };
}

function model(
  outputs: DocsModel['outputs'] = new Map(),
  charts: DocsModel['charts'] = [],
  evidence: DocsModel['evidence'] = [],
): DocsModel {
  const inventory = readAssembly(assemblyDir());
  return {
    project: 'launchpad',
    inventory,
    estimate: estimate(inventory, { catalogFor: (r) => loadCatalog(r) }),
    diagrams: diagrams(),
    outputs,
    decisions: readDecisions(path.join(ROOT, 'docs/decisions')),
    environments: ['dev', 'stage', 'prod'].map((environment) => ({
      environment,
      phases: {
        foundation: true,
        ingestion: environment === 'dev',
        processing: environment === 'dev',
        analytics: environment === 'dev',
        orchestration: environment === 'dev',
        delivery: environment === 'dev',
      },
    })),
    charts,
    capstone: null,
    evidence,
  };
}

function workspace(readme: string): string {
  const root = mkdtempSync(path.join(tmpdir(), 'launchpad-docs-'));
  writeFileSync(path.join(root, 'README.md'), readme);
  mkdirSync(path.join(root, 'docs'));
  return root;
}

const README = [
  '# My data platform',
  '',
  'Words I wrote myself.',
  '',
  ...['architecture', 'phases', 'verified-run', 'cost', 'outputs', 'technologies'].map(
    (name) => `${region(name, 'stale')}\n\nMy note after ${name}.\n`,
  ),
].join('\n');

describe('generated docs', () => {
  it('fill the README regions and create every page, keeping what people wrote', () => {
    const root = workspace(README);
    const { files, warnings } = generateDocs(model(), root);
    expect(warnings).toEqual([]);
    expect(files.map((f) => [f.path, f.result])).toEqual([
      ['README.md', 'written'],
      ['docs/architecture.md', 'written'],
      ['docs/cost.md', 'written'],
      ['docs/portfolio.md', 'written'],
      ['docs/phases/foundation.md', 'written'],
      ['docs/phases/ingestion.md', 'written'],
      ['docs/phases/processing.md', 'written'],
      ['docs/phases/analytics.md', 'written'],
      ['docs/phases/orchestration.md', 'written'],
      ['docs/phases/delivery.md', 'written'],
      ['docs/postman/ingest-api.postman_collection.json', 'written'],
    ]);
    const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
    expect(readme).toContain('Words I wrote myself.');
    for (const name of ['architecture', 'phases', 'verified-run', 'cost', 'outputs', 'technologies'])
      expect(readme).toContain(`My note after ${name}.`);
    expect(readme).not.toContain('stale');
    expect(readme).toContain('<picture><source srcset="docs/diagrams/overview.svg" type="image/svg+xml">');
    expect(readme).toContain('[edit in draw.io](docs/diagrams/overview.drawio)');
    expect(readme).toMatch(
      /\| 1 \| \[`foundation`\]\(docs\/phases\/foundation\.md\) \| IAM and the S3 data lake \| dev ✅ · stage ✅ · prod ✅ \|/,
    );
    expect(readme).toMatch(
      /\| 2 \| \[`ingestion`\]\(docs\/phases\/ingestion\.md\) \| .* \| dev ✅ · stage ⏸️ · prod ⏸️ \|/,
    );
    expect(readme).toMatch(
      /\| 4 \| \[`analytics`\]\(docs\/phases\/analytics\.md\) \| .* \| dev ✅ · stage ⏸️ · prod ⏸️ \|/,
    );
    expect(readme).toMatch(
      /\| 6 \| \[`delivery`\]\(docs\/phases\/delivery\.md\) \| .* \| dev ✅ · stage ⏸️ · prod ⏸️ \|/,
    );
    expect(readme).toContain(
      "**dev**: not deployed yet. Push to `main` once its GitHub Environment is set up (the deploy run keeps the outputs as the artifact `cdk-outputs-dev`), or run `npx cdk deploy 'dev/*' --outputs-file cdk-outputs/dev.json`",
    );
    expect(readme).toMatch(
      /\*\*AWS services:\*\* AWS Budgets, AWS CloudTrail, AWS CodeBuild, AWS CodePipeline, AWS Glue, AWS IAM, AWS KMS, AWS Lambda, AWS Step Functions, Amazon API Gateway, Amazon Athena, Amazon CloudWatch, Amazon CloudWatch Logs, Amazon Data Firehose, Amazon EventBridge, Amazon Kinesis Data Streams, Amazon S3, Amazon SNS, Amazon SQS\./,
    );
  });

  it('change no byte on a second run', () => {
    const root = workspace(README);
    generateDocs(model(), root);
    const second = generateDocs(model(), root);
    expect(second.files.every((f) => f.result === 'unchanged')).toBe(true);
  });

  it('put the real bill beside the estimate in docs/cost.md when it was read, and say how to read it when not', () => {
    const root = workspace(README);
    generateDocs(model(), root);
    const offline = readFileSync(path.join(root, 'docs/cost.md'), 'utf8');
    expect(offline).toContain('<!-- BEGIN GENERATED: actual -->\n### The estimate beside the bill\n');
    expect(offline).toContain('`npm run cost -- --actual --env dev`');
    const actualCost: ActualCost = {
      environment: 'dev',
      tags: [
        { key: 'project', value: 'launchpad' },
        { key: 'environment', value: 'dev' },
      ],
      monthToDate: { start: '2026-12-01', end: '2026-12-07' },
      lastMonth: { start: '2026-11-01', end: '2026-12-01' },
      services: [
        {
          costExplorerService: 'Amazon Kinesis',
          monthToDate: [{ amount: 2.19, unit: 'USD' }],
          lastMonth: [{ amount: 10.8, unit: 'USD' }],
        },
      ],
      monthToDateEstimated: true,
      tagCheck: { state: 'active' },
      fetchedOn: '2026-12-07',
    };
    generateDocs({ ...model(), actualCost }, root);
    const page = readFileSync(path.join(root, 'docs/cost.md'), 'utf8');
    expect(page).toContain('### dev: the estimate beside the bill');
    expect(page).toMatch(/^\| Amazon Kinesis Data Streams \| \$\d+\.\d\d \| \$2\.19 \| \$10\.80 \|$/m);
    expect(page).toContain('The docs workflow asks at most once a day');
    // The estimate's own region is the same either way.
    expect(page.split('<!-- BEGIN GENERATED: actual -->')[0]).toBe(
      offline.split('<!-- BEGIN GENERATED: actual -->')[0],
    );
  });

  it('keep text written outside the regions of generated pages', () => {
    const root = workspace(README);
    generateDocs(model(), root);
    const page = path.join(root, 'docs/architecture.md');
    writeFileSync(page, `${readFileSync(page, 'utf8')}\n## My own section\n\nKept.\n`);
    generateDocs(model(), root);
    expect(readFileSync(page, 'utf8')).toContain('## My own section\n\nKept.');
  });

  it('show ready-to-paste commands once the stacks are deployed', () => {
    const outputs = new Map([
      [
        'launchpad-dev-foundation',
        { RawBucketName: 'launchpad-dev-raw-123456789012', AnalystRoleName: 'launchpad-dev-analyst' },
      ],
    ]);
    const root = workspace(README);
    generateDocs(model(outputs), root);
    const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
    expect(readme).toContain('`aws s3 ls s3://launchpad-dev-raw-123456789012/ --recursive --human-readable`');
    expect(readme).toContain('`boto3.client("iam").get_role(RoleName="launchpad-dev-analyst")`');
    const guide = readFileSync(path.join(root, 'docs/phases/foundation.md'), 'utf8');
    expect(guide).toContain('aws s3api get-bucket-versioning --bucket launchpad-dev-raw-123456789012');
  });

  it('write every phase guide when only an environment without those phases is deployed', () => {
    // cdk-outputs/ holding only stage.json: stage has no ingestion stack, and the ingestion guide once
    // failed on names.StreamName, which broke the docs workflow.
    const outputs = new Map([['launchpad-stage-foundation', { RawBucketName: 'launchpad-stage-raw-1' }]]);
    const root = workspace(README);
    generateDocs(model(outputs), root);
    const guide = readFileSync(path.join(root, 'docs/phases/ingestion.md'), 'utf8');
    expect(guide).toContain('`<StreamName>`');
  });

  it('keep a line someone wrote inside a region since the last commit, after the region, with a warning', () => {
    const root = workspace(README);
    generateDocs(model(), root);
    const git = (...args: string[]) =>
      execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd: root });
    git('init', '-q');
    git('add', '-A');
    git('commit', '-qm', 'docs');
    const readme = path.join(root, 'README.md');
    const begin = '<!-- BEGIN GENERATED: cost -->\n';
    writeFileSync(readme, readFileSync(readme, 'utf8').replace(begin, `${begin}My note on the bill.\n`));
    const { warnings } = generateDocs(model(), root);
    expect(readFileSync(readme, 'utf8')).toContain('<!-- END GENERATED: cost -->\n\nMy note on the bill.');
    expect(warnings).toEqual([
      expect.stringMatching(
        /^README\.md:\d+ was written inside the generated region "cost", which every run rewrites; it now follows the region: "My note on the bill\."$/,
      ),
    ]);
  });

  it('write a Postman collection for the ingest API, with the deployed URL once there is one', () => {
    const root = workspace(README);
    const collection = () =>
      JSON.parse(readFileSync(path.join(root, 'docs/postman/ingest-api.postman_collection.json'), 'utf8'));
    generateDocs(model(), root);
    expect(collection().info.schema).toBe(
      'https://schema.getpostman.com/json/collection/v2.1.0/collection.json',
    );
    expect(collection().variable[0].value).toBe(
      'https://<api-id>.execute-api.<region>.amazonaws.com/dev/events',
    );
    expect(collection().item.map((i: { name: string }) => i.name)).toEqual([
      'Post a ride event (202)',
      'Post an invalid event (400)',
      'Post without the API key (403)',
    ]);
    expect(JSON.parse(collection().item[0].request.body.raw).schema_version).toBe(2);
    const url = 'https://abc123.execute-api.us-east-1.amazonaws.com/dev/events';
    generateDocs(model(new Map([['launchpad-dev-ingestion', { ApiUrl: url }]])), root);
    expect(collection().variable[0].value).toBe(url);
    const guide = readFileSync(path.join(root, 'docs/phases/ingestion.md'), 'utf8');
    expect(guide).toContain(`curl -sS -X POST "${url}" -H "x-api-key: $KEY"`);
  });

  it('gather the design decisions into the portfolio page', () => {
    const root = workspace(README);
    generateDocs(model(), root);
    const portfolio = readFileSync(path.join(root, 'docs/portfolio.md'), 'utf8');
    expect(portfolio).toMatch(/^# Portfolio: launchpad/);
    expect(portfolio).toContain('### Explicit IAM actions, no wildcards');
    expect(portfolio).toMatch(/\*Trade-off:\* More lines/);
    expect(portfolio).toMatch(
      /- Built \*\*launchpad\*\*, an AWS data platform as code: 8 CloudFormation stacks across 3 environments/,
    );
  });

  it('show the charts in the portfolio page, each with its query and SQL', () => {
    const root = workspace(README);
    const chart = {
      id: 'revenue_by_city',
      title: 'Revenue by city',
      query: 'top_cities_by_revenue',
      description: 'Cities by revenue.',
      kind: 'named-queries' as const,
      sqlFile: 'pipeline/sql/named-queries/top_cities_by_revenue.sql',
      sql: 'SELECT city FROM "launchpad_dev_curated"."rides"',
      rows: 5,
      svg: 'docs/charts/revenue_by_city.svg',
      png: 'docs/charts/revenue_by_city.png',
    };
    generateDocs(model(new Map(), [chart]), root);
    const portfolio = readFileSync(path.join(root, 'docs/portfolio.md'), 'utf8');
    expect(portfolio).toContain('## Analytics');
    expect(portfolio).toContain('![Revenue by city](../docs/charts/revenue_by_city.svg)');
    expect(portfolio).toContain(
      'From the saved query [`top_cities_by_revenue`](../pipeline/sql/named-queries/top_cities_by_revenue.sql), 5 rows',
    );
    expect(portfolio).toContain(
      '<details><summary>SQL</summary>\n\n```sql\nSELECT city FROM "launchpad_dev_curated"."rides"\n```\n\n</details>',
    );
    generateDocs(model(), root);
    expect(readFileSync(path.join(root, 'docs/portfolio.md'), 'utf8')).not.toContain('## Analytics');
  });

  it('write the capstone page once every stage is built, and link it from the phases table', () => {
    const root = workspace(README);
    generateDocs(model(), root);
    expect(readFileSync(path.join(root, 'README.md'), 'utf8')).toContain(
      '| 7 | capstone | Ingest → Clean → Transform → Store → Query → Visualize | planned | |',
    );
    const capstone: DocsModel['capstone'] = [
      {
        title: '1 · Ingest',
        resources: ['Api (REST API)', 'Stream (Kinesis stream)'],
        monthly: 11,
        idle: 10.95,
      },
      { title: '6 · Visualize', resources: ['Charts in docs/ (Vega-Lite SVG and PNG)'], monthly: 0, idle: 0 },
    ];
    const { files } = generateDocs({ ...model(), capstone }, root);
    expect(files.find((f) => f.path === 'docs/capstone.md')?.result).toBe('written');
    const page = readFileSync(path.join(root, 'docs/capstone.md'), 'utf8');
    expect(page).toMatch(/^# Capstone: Ingest → Clean → Transform → Store → Query → Visualize/);
    expect(page).toContain('| 1 · Ingest | Api (REST API), Stream (Kinesis stream) | $11.00 | $10.95 |');
    expect(page).toContain('$11.00 a month there,\n$10.95 of it when no data flows');
    expect(page).toContain('npm run smoke -- --env dev');
    expect(readFileSync(path.join(root, 'README.md'), 'utf8')).toContain(
      '| 7 | [capstone](docs/capstone.md) | Ingest → Clean → Transform → Store → Query → Visualize | prod ✅ | $11.00 |',
    );
  });

  it('say which region a README lacks instead of failing', () => {
    const root = workspace(`# Mine\n\n${region('cost', '')}\n`);
    const { warnings } = generateDocs(model(), root);
    expect(warnings).toContain(
      'README.md has no "architecture" region, so it was not written: add <!-- BEGIN GENERATED: architecture --> and <!-- END GENERATED: architecture --> where it belongs.',
    );
  });
});

describe('the portfolio and the proof of run', () => {
  const FIXTURES = path.join(ROOT, 'lib/evidence/fixtures');
  const recorded = (name: string) => readEvidence(path.join(FIXTURES, `${name}.json`)) as RunEvidence;
  const read = (root: string, file: string) => readFileSync(path.join(root, file), 'utf8');

  it('prompt for the goals and trade-offs on first generation, and never overwrite what the person wrote there', () => {
    const root = workspace(README);
    generateDocs(model(), root);
    const first = read(root, 'docs/portfolio.md');
    expect(first).toMatch(/<!-- BEGIN YOURS: goals -->\n## Goals\n\n_Fill in: why you built this/);
    expect(first).toMatch(
      /<!-- BEGIN YOURS: trade-offs -->\n## Trade-offs\n\n_Fill in: the choices you made/,
    );
    expect(first.indexOf('BEGIN YOURS: trade-offs')).toBeLessThan(
      first.indexOf('BEGIN GENERATED: portfolio'),
    );

    const own = (text: string, name: string, content: string) =>
      text.replace(
        new RegExp(`(<!-- BEGIN YOURS: ${name} -->\\n)[\\s\\S]*?(\\n<!-- END YOURS: ${name} -->)`),
        (_, begin, end) => `${begin}${content}${end}`,
      );
    const mine = own(
      own(first, 'goals', '## Goals\n\nShip a ride pipeline for $20 a month.'),
      'trade-offs',
      '## Trade-offs\n\nNo MWAA: too dear.',
    );
    writeFileSync(path.join(root, 'docs/portfolio.md'), mine);
    generateDocs(model(new Map(), [], [recorded('passed')]), root);
    const after = read(root, 'docs/portfolio.md');
    expect(after).toContain(
      '<!-- BEGIN YOURS: goals -->\n## Goals\n\nShip a ride pipeline for $20 a month.\n<!-- END YOURS: goals -->',
    );
    expect(after).toContain('## Trade-offs\n\nNo MWAA: too dear.\n<!-- END YOURS: trade-offs -->');
    expect(after).not.toContain('_Fill in: why you built this');
    expect(after).toContain('- Ran the pipeline end to end on AWS (dev, 2026-12-05');
  });

  it('add the sections once to a portfolio page written before they existed', () => {
    const root = workspace(README);
    writeFileSync(
      path.join(root, 'docs/portfolio.md'),
      `# Portfolio: launchpad\n\nMy intro.\n\n${region('portfolio', 'old')}\n`,
    );
    generateDocs(model(), root);
    generateDocs(model(), root);
    const page = read(root, 'docs/portfolio.md');
    expect(page).toMatch(/^# Portfolio: launchpad\n\nMy intro\.\n\n<!-- BEGIN YOURS: goals -->/);
    expect(page.match(/BEGIN YOURS: goals/g)).toHaveLength(1);
  });

  it('say "not deployed yet" and mark the résumé bullets to fill in when no run is recorded', () => {
    const root = workspace(README);
    const { files } = generateDocs(model(), root);
    expect(read(root, 'README.md')).toContain(
      '<!-- BEGIN GENERATED: verified-run -->\nNot deployed yet: no smoke run is recorded.',
    );
    const portfolio = read(root, 'docs/portfolio.md');
    expect(portfolio).toContain('## Last verified run\n\nNot deployed yet: no smoke run is recorded.');
    expect(portfolio).toMatch(/^- \*\*Fill in\*\* after your first verified run, with your own numbers:/m);
    expect(portfolio).not.toContain('Ran the pipeline end to end on AWS (');
    expect(files.some((f) => f.path.endsWith('badge.svg'))).toBe(false);
  });

  it('show a passed run: badge, stage latencies, roadmap progress, and résumé bullets from its numbers', () => {
    const root = workspace(README);
    generateDocs(model(new Map(), [], [recorded('passed')]), root);
    const readme = read(root, 'README.md');
    expect(readme).toContain(
      '[![smoke dev: passed 2026-12-05](docs/evidence/dev/badge.svg)](docs/evidence/dev/last-run.json)',
    );
    expect(readme).toContain(
      '**dev**, 2026-12-05 09:30 UTC, commit `4aca4d1`: the smoke test **passed**, 4 of 4 stages; 20 sample events of 10 rides, 10 rows queried back from Athena, 8m 32s end to end.',
    );
    expect(readme).toContain(
      '| transform | ✅ passed | 7m 02s | execution smoke-20261205-093012-a1b2 succeeded |',
    );
    expect(readme).toContain('| Phase | Smoke stage | dev |');
    expect(readme).toContain('| 3 · processing | transform | deployed 2026-12-01 · ✅ passed |');
    expect(readme).toContain('| 6 · delivery | – | deployed 2026-12-05 |');
    const portfolio = read(root, 'docs/portfolio.md');
    expect(portfolio).toContain('[![smoke dev: passed 2026-12-05](../docs/evidence/dev/badge.svg)]');
    expect(portfolio).toMatch(
      /^- Ran the pipeline end to end on AWS \(dev, 2026-12-05, commit `4aca4d1`\): 20 sample ride events .* in 8m 32s \(ingest 2\.1 s, deliver 1m 14s, transform 7m 02s, query 14\.2 s\); 10 rows queried; 4 of 4 smoke stages passed\.$/m,
    );
    expect(portfolio).toMatch(
      /^- Deployed 6 roadmap phases to dev since 2026-11-28 \(foundation 2026-11-28, .*, delivery 2026-12-05\), estimated at \*\*\$\d+\.\d\d\/month\*\* for that environment\.$/m,
    );
    expect(portfolio).not.toContain('Fill in** after your first verified run');
    expect(read(root, 'docs/evidence/dev/badge.svg')).toContain(
      '<title>smoke dev: passed 2026-12-05</title>',
    );
  });

  it('show a failed run as failed: where it stopped, what did not run, a red badge', () => {
    const root = workspace(README);
    generateDocs(model(new Map(), [], [recorded('failed')]), root);
    const readme = read(root, 'README.md');
    expect(readme).toContain(
      'the smoke test **failed**, 2 of 4 stages (it stopped at transform); 20 sample events of 10 rides, 30m 04s end to end.',
    );
    expect(readme).toContain('| query | ⏸️ not run | – |  |');
    expect(readme).toContain('| 3 · processing | transform | deployed 2026-12-01 · ❌ failed |');
    expect(readme).toContain('| 4 · analytics | query | deployed 2026-12-01 · ⏸️ not run |');
    expect(readme).toContain('| 6 · delivery | – | not deployed |');
    // A résumé never claims a run that did not reach Athena.
    const portfolio = read(root, 'docs/portfolio.md');
    expect(portfolio).not.toContain('- Ran the pipeline end to end');
    expect(portfolio).toMatch(
      /^- \*\*Fill in\*\* once a run passes: the last recorded run \(dev, 2026-12-06, commit `985e424`\) passed 2 of 4 smoke stages \(ingest 1\.9 s, deliver 1m 08s\) and stopped at transform;/m,
    );
    expect(portfolio).toMatch(/^- Deployed 5 roadmap phases to dev since 2026-11-28 /m);
    expect(read(root, 'docs/evidence/dev/badge.svg')).toContain('#c62828');
  });

  it('list the data-design decision records apart from the tooling ones', () => {
    const root = workspace(README);
    generateDocs(model(), root);
    const portfolio = read(root, 'docs/portfolio.md');
    const data = portfolio.indexOf('## Data-design decisions');
    const tooling = portfolio.indexOf('## Tooling decisions');
    expect(data).toBeGreaterThan(-1);
    expect(tooling).toBeGreaterThan(data);
    const dataPart = portfolio.slice(data, tooling);
    expect(dataPart).toContain('### Partition by event time');
    expect(dataPart).not.toContain('### Explicit IAM actions, no wildcards');
    expect(portfolio.slice(tooling)).toContain('### Explicit IAM actions, no wildcards');
  });
});
