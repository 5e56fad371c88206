// The plan fixtures (fixtures/*.json) are not output of a real `terraform plan`: OpenTofu is built here
// (lib/terraform/tofu.ts) but `plan` needs the AWS provider from a registry these machines cannot reach. They
// were written from the documented JSON format of `terraform show -json`
// (https://developer.hashicorp.com/terraform/internals/json-format: format_version 1.2, planned_values with
// child_modules, resource_changes with actions/before/after, configuration with references) and shaped like the
// resources of terraform/modules (data-lake, iam, glue, lambda): dev-first-apply.json creates a workspace,
// stage-update.json changes a deployed one (a shard added, a Glue job replaced, a log group deleted).
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cost as costCommand, HELP } from '../../../scripts/cost/command.ts';
import { runInProcess } from '../../../test/run-in-process.ts';
import { DEFAULT_CONFIG_DIR } from '../../config/load-config.ts';
import { FakeGitHub } from '../../github/testing/fake-github-server.ts';
import { listTfFiles, parseTfFile, TERRAFORM_DIR } from '../../terraform/tf-files.ts';
import { loadCatalog } from '../catalog/load-catalog.ts';
import { runPlanCost } from './plan-cost.ts';
import { readPlanFile } from './plan-file.ts';
import { planInventories } from './plan-inventory.ts';
import { terraformPlanMarker } from './plan-markdown.ts';
import { mapResourceType } from './resource-types.ts';

const FIXTURES = path.join(import.meta.dirname, 'fixtures');
const DEV = path.join(FIXTURES, 'dev-first-apply.json');
const STAGE = path.join(FIXTURES, 'stage-update.json');
const scratch = mkdtempSync(path.join(tmpdir(), 'launchpad-plan-'));
const file = (name: string, content: string | Buffer) => {
  const written = path.join(scratch, name);
  writeFileSync(written, content);
  return written;
};

describe('reading a plan', () => {
  it('finds the resources of every child module and counts what the plan adds, changes and destroys', () => {
    const plan = readPlanFile(DEV);
    const { after, before, summary } = planInventories(plan, { environment: 'dev', region: 'us-east-1' });

    expect(summary).toMatchObject({ add: 44, change: 0, destroy: 0, replace: 0 });
    expect(before.stacks[0]?.resources).toEqual([]);
    const addresses = after.stacks[0]?.resources.map((r) => r.logicalId) ?? [];
    expect(addresses).toContain('module.data_lake.aws_s3_bucket.this["raw"]');
    expect(addresses).toContain('module.glue.aws_glue_job.etl["clean"]');
    expect(addresses).toContain('module.lambda.aws_kinesis_stream.rides');
    // Settings of a bucket are not resources of their own to price, but the summary lists them.
    expect(addresses.some((a) => a.includes('aws_s3_bucket_versioning'))).toBe(false);
    expect(summary.settings.find((s) => s.type === 'aws_s3_bucket_versioning')?.count).toBe(5);
  });

  it('counts a replacement as one add and one destroy, as terraform plan prints it', () => {
    const { summary } = planInventories(readPlanFile(STAGE), { environment: 'stage', region: 'us-east-1' });
    expect(summary).toMatchObject({ add: 1, change: 1, destroy: 2, replace: 1 });
  });
});

describe('mapping Terraform types to the CloudFormation types the models price', () => {
  it('knows every resource type terraform/ declares: none of them is listed as not priced', async () => {
    // The fixtures are written by hand: this holds the mapping to the modules' real resources.
    const parsed = await Promise.all(listTfFiles(TERRAFORM_DIR).map((f) => parseTfFile(f)));
    const types = new Set(parsed.flatMap(({ hcl }) => Object.keys((hcl.resource ?? {}) as object)));
    expect(types.size).toBeGreaterThan(20);
    expect([...types].filter((type) => mapResourceType(type, {}).kind === 'unknown').sort()).toEqual([]);
  });

  it('carries the attributes the models read, under CloudFormation’s names', () => {
    expect(
      mapResourceType('aws_kinesis_stream', {
        shard_count: 2,
        retention_period: 48,
        stream_mode_details: [{ stream_mode: 'PROVISIONED' }],
      }),
    ).toEqual({
      kind: 'mapped',
      resource: {
        type: 'AWS::Kinesis::Stream',
        properties: {
          ShardCount: 2,
          RetentionPeriodHours: 48,
          StreamModeDetails: { StreamMode: 'PROVISIONED' },
        },
      },
    });
    expect(
      mapResourceType('aws_glue_job', {
        command: [{ name: 'glueetl' }],
        worker_type: 'G.1X',
        number_of_workers: 2,
        execution_class: 'FLEX',
        glue_version: '5.0',
        max_capacity: null,
      }),
    ).toMatchObject({
      resource: {
        type: 'AWS::Glue::Job',
        properties: {
          Command: { Name: 'glueetl' },
          WorkerType: 'G.1X',
          NumberOfWorkers: 2,
          ExecutionClass: 'FLEX',
          GlueVersion: '5.0',
        },
      },
    });
    expect(
      mapResourceType('aws_lambda_function', { memory_size: 256, architectures: ['arm64'] }),
    ).toMatchObject({
      resource: { type: 'AWS::Lambda::Function', properties: { MemorySize: 256, Architectures: ['arm64'] } },
    });
    expect(mapResourceType('aws_glue_crawler', { schedule: '' })).toMatchObject({
      resource: { type: 'AWS::Glue::Crawler', properties: {} },
    });
    expect(mapResourceType('aws_iam_role', {})).toMatchObject({ resource: { type: 'AWS::IAM::Role' } });
    expect(mapResourceType('aws_s3_bucket_versioning', {})).toMatchObject({ kind: 'setting' });
    expect(mapResourceType('aws_sfn_activity', {})).toEqual({ kind: 'unknown' });
  });

  it('prices the storage classes a lifecycle configuration moves a bucket’s objects to, found by reference', () => {
    // Models leave out components with no usage: give the tier some.
    const usage = file(
      'usage.yml',
      'version: 1\ntypes:\n  AWS::S3::Bucket:\n    intelligentTieringFrequentGb: 10\n',
    );
    const { estimate } = runPlanCost({ planFile: DEV, usageFile: usage });
    const raw = estimate.resources.find((r) => r.logicalId === 'module.data_lake.aws_s3_bucket.this["raw"]');
    const clean = estimate.resources.find(
      (r) => r.logicalId === 'module.data_lake.aws_s3_bucket.this["clean"]',
    );
    expect(raw?.components.map((c) => c.name)).toContain('Storage (Intelligent-Tiering Frequent)');
    expect(clean?.components.map((c) => c.name)).not.toContain('Storage (Intelligent-Tiering Frequent)');
  });
});

describe('the cost of a plan', () => {
  it('prices a first apply with the same models as the CDK track, and lists the types it cannot price', () => {
    const result = runPlanCost({ planFile: DEV });

    expect(result.environment).toBe('dev'); // from the plan's `environment` variable
    expect(result.diff.totals.base.monthly).toBe(0);
    expect(result.diff.totals.head.monthlyBeforeFreeTier).toBeGreaterThan(0);
    const priced = new Set(result.estimate.resources.filter((r) => r.status === 'priced').map((r) => r.type));
    expect([...priced].sort()).toEqual(
      expect.arrayContaining([
        'AWS::Glue::Job',
        'AWS::Kinesis::Stream',
        'AWS::KinesisFirehose::DeliveryStream',
        'AWS::Lambda::Function',
        'AWS::Logs::LogGroup',
        'AWS::S3::Bucket',
      ]),
    );
    expect(result.estimate.resources.find((r) => r.type === 'AWS::IAM::Role')?.status).toBe('free');
    expect(result.estimate.notPriced).toEqual([
      expect.objectContaining({ type: 'aws_sfn_state_machine', count: 1 }),
    ]);
    // One provisioned shard: 730 shard hours.
    const stream = result.estimate.resources.find((r) => r.type === 'AWS::Kinesis::Stream');
    expect(stream?.components.find((c) => c.name === 'Shard hours')?.quantity).toBe(730);
  });

  it("prices a workspace in its config file's region, where terraform/'s provider deploys it", () => {
    const configDir = path.join(scratch, 'config');
    mkdirSync(configDir);
    cpSync(path.join(DEFAULT_CONFIG_DIR, 'schema.json'), path.join(configDir, 'schema.json'));
    const dev = JSON.parse(readFileSync(path.join(DEFAULT_CONFIG_DIR, 'dev.json'), 'utf8'));
    writeFileSync(path.join(configDir, 'dev.json'), JSON.stringify({ ...dev, region: 'eu-west-1' }));
    const asked: string[] = [];
    const catalogFor = (region: string) => {
      asked.push(region);
      return loadCatalog('us-east-1');
    };
    // The fixture's `region` variable says us-east-1; terraform/'s root has none and reads the config.
    runPlanCost({ planFile: DEV, environment: 'dev', configDir, catalogFor });
    expect(new Set(asked)).toEqual(new Set(['eu-west-1']));
    // --region still decides; a workspace without a config file keeps the plan's variable.
    asked.length = 0;
    runPlanCost({ planFile: DEV, environment: 'dev', configDir, catalogFor, region: 'us-west-2' });
    expect(new Set(asked)).toEqual(new Set(['us-west-2']));
    asked.length = 0;
    runPlanCost({ planFile: DEV, environment: 'sandbox', configDir, catalogFor });
    expect(new Set(asked)).toEqual(new Set(['us-east-1']));
  });

  it('gives the monthly delta of an update: what changes, what goes, and not the resources left alone', () => {
    const { diff } = runPlanCost({ planFile: STAGE });
    const changed = Object.fromEntries(diff.resources.map((r) => [r.key, r.change]));

    expect(changed).toEqual({
      'stage/terraform/module.glue.aws_glue_job.etl["clean"]': 'changed',
      'stage/terraform/module.lambda.aws_cloudwatch_log_group.debug': 'removed',
      'stage/terraform/module.lambda.aws_kinesis_stream.rides': 'changed',
    });
    const stream = diff.resources.find((r) => r.type === 'AWS::Kinesis::Stream');
    expect(stream?.components[0]).toMatchObject({ baseQuantity: 730, headQuantity: 1460 });
    expect(diff.totals.delta).toBeGreaterThan(0);
  });

  it('says in the pull-request comment what the plan does and what it costs, under its workspace’s marker', async () => {
    const run = await runInProcess({ HELP, main: costCommand }, ['--terraform-plan', STAGE]);

    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout.startsWith(`${terraformPlanMarker('stage')}\n## 🏗️ Terraform plan of \`stage\``)).toBe(
      true,
    );
    expect(run.stdout).toContain('**Plan: 1 to add, 1 to change, 2 to destroy** (1 replaced');
    expect(run.stdout).toMatch(/Monthly cost will \*\*increase by \$\d+\.\d\d\*\*/);
    expect(run.stdout).toContain('`stage: module.lambda.aws_kinesis_stream.rides` (AWS::Kinesis::Stream)');
    expect(run.stdout).toContain('⚠️ Not priced: aws_sfn_state_machine ×1');
    expect(run.stdout).not.toContain('aws-data-launchpad:cost-estimate'); // the CDK track's comment is another
    expect(run.stderr).toMatch(/^Plan of stage: 1 to add, 1 to change, 2 to destroy; monthly cost \$/m);
  });
});

describe('npm run cost -- --terraform-plan: errors name the file, the field and the fix', () => {
  const run = (planFile: string) => runInProcess({ HELP, main: costCommand }, ['--terraform-plan', planFile]);

  it('refuses the binary plan of `terraform plan -out`, saying how to make the JSON', async () => {
    // What `terraform plan -out` writes: a zip archive.
    const binary = file('plan.tfplan', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0]));
    const result = await run(binary);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('plan.tfplan (document): expected the JSON of `terraform show -json`');
    expect(result.stderr).toContain('a binary plan file of `terraform plan -out` (a zip archive)');
    expect(result.stderr).toContain('terraform show -json plan.tfplan > plan.json');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('refuses text that is not JSON, such as the human output of terraform plan', async () => {
    const result = await run(file('plan.txt', 'Terraform will perform the following actions:\n'));
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/plan\.txt \(document\): expected JSON, found text that is not JSON/);
    expect(result.stderr).toContain('instead of `terraform show -json`');
  });

  it('refuses another format version, and a state without a plan, naming the field', async () => {
    const future = await run(
      file('future.json', JSON.stringify({ format_version: '2.0', planned_values: {} })),
    );
    const state = await run(file('state.json', JSON.stringify({ format_version: '1.0', values: {} })));
    const other = await run(file('other.json', JSON.stringify({ Resources: {} })));

    expect(future.stderr).toContain(
      'future.json /format_version: expected a format version 1.x, found "2.0"',
    );
    expect(state.stderr).toContain('state.json /planned_values/root_module: expected the planned resources');
    expect(state.stderr).toContain('show the plan file');
    expect(other.stderr).toContain(
      'other.json /format_version: expected a format version 1.x, found nothing',
    );
    expect(other.stderr).toContain('Is it a state file');
  });

  it('refuses options that do not go with a plan', async () => {
    const both = await runInProcess({ HELP, main: costCommand }, [
      '--terraform-plan',
      DEV,
      '--template',
      'x.yml',
    ]);
    const comment = await runInProcess({ HELP, main: costCommand }, ['--comment', '--template', 'x.yml']);
    expect(both.stderr).toMatch(/^--terraform-plan prices a plan on its own/);
    expect(comment.stderr).toMatch(/^--comment posts a Terraform plan's cost/);
  });
});

describe('npm run cost -- --terraform-plan --comment', () => {
  let github: FakeGitHub;
  beforeAll(async () => {
    github = await FakeGitHub.start();
    github.addPullRequest('octo', 'lake', 7);
  });
  afterAll(async () => {
    await github.close();
  });

  it('keeps one comment per workspace up to date on the pull request', async () => {
    const event = file('event.json', JSON.stringify({ pull_request: { number: 7 } }));
    const env = {
      GITHUB_REPOSITORY: 'octo/lake',
      GITHUB_TOKEN: 'test-token',
      GITHUB_EVENT_PATH: event,
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_API_URL: github.url,
    };
    const args = (plan: string) => [
      '--terraform-plan',
      plan,
      '--comment',
      '--out',
      path.join(scratch, 'plan.md'),
    ];

    const first = await runInProcess({ HELP, main: costCommand }, args(STAGE), env);
    const again = await runInProcess({ HELP, main: costCommand }, args(STAGE), env);
    const dev = await runInProcess({ HELP, main: costCommand }, args(DEV), env);

    expect([first.status, again.status, dev.status], first.stderr).toEqual([0, 0, 0]);
    expect(first.stderr).toMatch(/Plan comment created/);
    expect(again.stderr).toMatch(/Plan comment (unchanged|updated)/);
    const bodies = github.issueComments(7).map((c) => c.body.split('\n')[0]);
    expect(bodies.sort()).toEqual([terraformPlanMarker('dev'), terraformPlanMarker('stage')]);
  });
});
