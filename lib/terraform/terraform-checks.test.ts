import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkov } from '../../test/checkov.ts';
import { TERRAFORM_STATE_KEY, TERRAFORM_WORKSPACE_KEY_PREFIX } from '../config/terraform-state.ts';
import { CHECKOV_ENV } from '../python/venv.ts';
import { fillTables, moduleTables } from './module-docs.ts';
import { type HclBody, listTfFiles, moduleDirs, parseTfFile, readModule, TERRAFORM_DIR } from './tf-files.ts';

const ROOT = path.dirname(TERRAFORM_DIR);
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');

/**
 * checkov's Terraform checks that its CloudFormation framework does not have: the CDK track makes the same
 * choice with nothing to acknowledge, so the Terraform track skips them here, each for the reason below (and
 * the test proves each is still Terraform-only).
 */
const TERRAFORM_ONLY_CHECKS: Record<string, string> = {
  CKV_AWS_144:
    'Cross-region replication doubles storage and transfer for a learning lake; the data can be re-ingested.',
  CKV_AWS_145:
    'SSE-S3 or SSE-KMS is config/<env>.json’s `encryption` (prod uses KMS); access-logs must stay SSE-S3 for log delivery.',
  CKV2_AWS_62:
    'Only raw sends events (to EventBridge, for the upload validator); nothing consumes the other zones’ events.',
  CKV_AWS_272:
    'Code signing needs a Signer profile per environment; the delivery pipeline ships the functions’ code from the repository.',
  CKV_AWS_273:
    'IAM users are opt-in (config/<env>.json’s `iamUsers`, empty in every shipped config); the README advises IAM Identity Center.',
  CKV_AWS_338:
    'Log retention is config/<env>.json’s `logRetentionDays` (7 days in dev, 90 in prod), as in the CDK track.',
};

describe('the Terraform files', () => {
  const files = listTfFiles(TERRAFORM_DIR);

  it('all parse with HashiCorp’s HCL parser (@cdktf/hcl2json)', async () => {
    expect(files.length).toBeGreaterThanOrEqual(25);
    const parsed = await Promise.all(files.map((f) => parseTfFile(f)));
    expect(parsed.filter((p) => Object.keys(p.hcl).length === 0).map((p) => p.file)).toEqual([]);
  });

  it('pin Terraform and every provider in each module and example', async () => {
    const dirs = [...moduleDirs(), ...files.filter((f) => f.includes('/examples/')).map(path.dirname)];
    for (const dir of new Set(dirs)) {
      const module = await readModule(dir);
      // The root has a second terraform block, the backend's.
      const settings = module.terraform.find((block) => 'required_version' in block);
      expect(settings?.required_version, `${dir}: terraform { required_version }`).toBe('>= 1.10');
      const providers = Object.assign({}, ...((settings?.required_providers ?? []) as HclBody[])) as Record<
        string,
        { source: string; version: string }
      >;
      expect(providers.aws, `${dir}: required_providers.aws`).toEqual({
        source: 'hashicorp/aws',
        version: '~> 6.0',
      });
      for (const [name, provider] of Object.entries(providers)) {
        expect(provider.version, `${dir}: provider ${name}`).toMatch(/^~> \d+\.\d+$/);
      }
    }
  });

  it('keep state in S3 with S3-native locking, one key per workspace, encrypted; bucket and region come at init', async () => {
    const { hcl } = await parseTfFile('terraform/backend.tf');
    const [terraform] = hcl.terraform as { backend: { s3: HclBody[] } }[];
    const [s3] = terraform?.backend.s3 ?? [];
    expect(s3).toEqual({
      // The names the state bucket's policy and terraform.yml use (lib/config/terraform-state.ts).
      key: TERRAFORM_STATE_KEY,
      workspace_key_prefix: TERRAFORM_WORKSPACE_KEY_PREFIX,
      use_lockfile: true,
      encrypt: true,
    });
  });

  it('read each workspace’s config/<env>.json, using only fields the config schema defines', async () => {
    const root = await readModule('terraform');
    expect(root.locals.config).toBe(
      // biome-ignore lint/suspicious/noTemplateCurlyInString: HCL interpolations, not JavaScript templates.
      '${jsondecode(file("${path.root}/../config/${local.environment}.json"))}',
    );
    // biome-ignore lint/suspicious/noTemplateCurlyInString: an HCL interpolation, not a JavaScript template.
    expect(root.locals.environment).toBe('${terraform.workspace}');
    const schema = JSON.parse(read('config/schema.json')) as HclBody;
    const fields = [...read('terraform/main.tf').matchAll(/local\.config\.([\w.]+)/g)].map((m) => m[1] ?? '');
    expect(fields.length).toBeGreaterThan(10);
    const unknown = fields.filter(
      (field) =>
        field
          .split('.')
          .reduce<HclBody | undefined>(
            (node, key) => (node?.properties as Record<string, HclBody> | undefined)?.[key],
            schema,
          ) === undefined,
    );
    expect(unknown).toEqual([]);
  });

  it('give every bucket of the lake the settings every CDK LakeBucket has, and log access to each data bucket', async () => {
    // checkov's CKV_AWS_18 is acknowledged on the bucket resource (the access-logs bucket cannot log into itself):
    // this keeps the logging of the others from going missing under that acknowledgement.
    const { hcl } = await parseTfFile('terraform/modules/data-lake/main.tf');
    const resources = hcl.resource as Record<string, Record<string, HclBody[]>>;
    const forEach = (type: string) => resources[type]?.this?.[0]?.for_each;
    for (const type of [
      'aws_s3_bucket_public_access_block',
      'aws_s3_bucket_ownership_controls',
      'aws_s3_bucket_versioning',
      'aws_s3_bucket_server_side_encryption_configuration',
      'aws_s3_bucket_policy',
    ]) {
      // biome-ignore lint/suspicious/noTemplateCurlyInString: an HCL interpolation, not a JavaScript template.
      expect(forEach(type), type).toBe('${local.bucket_names}');
    }
    // biome-ignore lint/suspicious/noTemplateCurlyInString: an HCL interpolation, not a JavaScript template.
    expect(forEach('aws_s3_bucket_logging')).toBe('${local.data_buckets}');
    const { locals } = await readModule('terraform/modules/data-lake');
    // biome-ignore lint/suspicious/noTemplateCurlyInString: an HCL interpolation, not a JavaScript template.
    expect(locals.data_buckets).toBe('${toset(["raw", "clean", "curated", "athena-results"])}');
  });

  it('hard-code no account id and no region', () => {
    const region =
      /\b(us|eu|ap|sa|ca|me|af|il|mx)-(east|west|north|south|central|northeast|southeast|northwest|southwest)-\d\b/;
    const found = files.flatMap((file) =>
      read(file)
        .split('\n')
        .map((line, i) => ({ where: `${file}:${i + 1}`, line }))
        .filter(({ line }) => /\b\d{12}\b/.test(line) || region.test(line))
        .map(({ where, line }) => `${where}: ${line.trim()}`),
    );
    expect(found).toEqual([]);
  });

  it('describe every variable and output', async () => {
    const parsed = await Promise.all(files.map((f) => parseTfFile(f)));
    const undescribed = parsed.flatMap(({ file, hcl }) =>
      ['variable', 'output'].flatMap((type) =>
        Object.entries((hcl[type] ?? {}) as Record<string, HclBody[]>)
          .filter(([, [body]]) => typeof body?.description !== 'string' || body.description.length < 10)
          .map(([name]) => `${file}: ${type} "${name}"`),
      ),
    );
    expect(undescribed).toEqual([]);
  });

  it('give every module versions.tf, an example, and a README whose tables are current (npm run docs)', async () => {
    for (const dir of moduleDirs()) {
      const isModule = dir.includes('/modules/');
      expect(existsSync(path.join(ROOT, dir, 'versions.tf')), `${dir}/versions.tf`).toBe(true);
      if (isModule) {
        const examples = readdirSync(path.join(ROOT, dir, 'examples'));
        expect(examples.length, `${dir}/examples/`).toBeGreaterThan(0);
      }
      const readme = read(path.join(dir, 'README.md'));
      const tables = moduleTables(await readModule(dir));
      expect(readme, `${dir}/README.md is out of date: run npm run docs`).toBe(
        fillTables(readme, tables, dir),
      );
    }
  });
});

describe('checkov over terraform/', () => {
  it('fails no check that is not acknowledged beside its resource, with the CDK track’s reason', () => {
    const result = checkov([], {
      framework: 'terraform',
      directory: TERRAFORM_DIR,
      skipChecks: Object.keys(TERRAFORM_ONLY_CHECKS),
    });
    expect(result.failed).toEqual([]);
    expect(result.passed).toBeGreaterThan(200);
    expect(result.skipped.length).toBeGreaterThan(0);
    expect(result.skipped.filter((s) => s.reason.length < 20)).toEqual([]);
  }, 180_000);

  it('skips only checks that checkov’s CloudFormation framework does not have', () => {
    // The check ids in checkov's CloudFormation sources: the same 139 `checkov --list` prints, without its 10 s start.
    const lib = path.join(ROOT, CHECKOV_ENV.dir, 'lib');
    const [python = ''] = readdirSync(lib).filter((d) => d.startsWith('python'));
    const checks = path.join(lib, python, 'site-packages/checkov/cloudformation/checks');
    const cloudFormationChecks = new Set(
      readdirSync(checks, { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile() && /\.(py|json|yaml)$/.test(e.name))
        .flatMap((e) => [
          ...readFileSync(path.join(e.parentPath, e.name), 'utf8').matchAll(
            /"?id"?\s*[:=]\s*"(CKV2?_AWS_\d+)"/g,
          ),
        ])
        .map((m) => m[1]),
    );
    expect(cloudFormationChecks.size).toBeGreaterThan(100);
    expect(cloudFormationChecks).toContain('CKV_AWS_158');
    expect(Object.keys(TERRAFORM_ONLY_CHECKS).filter((id) => cloudFormationChecks.has(id))).toEqual([]);
  });
});
