import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { CloudFormationStackArtifact } from 'aws-cdk-lib/cx-api';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readAssembly } from '../../lib/assembly/index.ts';
import { loadEnvironmentConfig } from '../../lib/config/load-config.ts';
import { loadCatalog } from '../../lib/cost/catalog/load-catalog.ts';
import { estimate } from '../../lib/cost/estimate/estimate.ts';
import { environmentUsageFile } from '../../lib/cost/usage/usage-file.ts';
import { assemblyDir, type CloudFormationResource, resourcesOfType, stackOf } from '../../test/assembly.ts';
import { actionsOf, type Statement } from '../../test/iam.ts';
import { buildApp } from '../launchpad-app.ts';
import { readFindings } from '../nag/validation-findings.ts';

const stack = () => stackOf('dev', 'delivery');
const props = (type: string) => resourcesOfType(stack(), type).map(([, r]) => r.Properties ?? {}) as any[];
const pipeline = () => props('AWS::CodePipeline::Pipeline')[0];
const project = (name: string) => {
  const found = props('AWS::CodeBuild::Project').find((p) => p.Name === name);
  if (!found) throw new Error(`no project ${name}`);
  return found;
};
/** The statements of the role a project or the pipeline runs as. */
const statementsOf = (roleArn: { 'Fn::GetAtt': [string, string] }): Statement[] => {
  const roleId = roleArn['Fn::GetAtt'][0];
  const policies = resourcesOfType(stack(), 'AWS::IAM::Policy').filter(([, p]) =>
    JSON.stringify(p.Properties?.Roles).includes(`"${roleId}"`),
  );
  return policies.flatMap(([, p]) => statementsIn(p));
};
const statementsIn = (policy: CloudFormationResource): Statement[] =>
  (policy.Properties?.PolicyDocument as { Statement?: Statement[] } | undefined)?.Statement ?? [];
const actions = (statements: Statement[]) => statements.flatMap(actionsOf).sort();
const FUNCTIONS = [
  'launchpad-dev-api-ingest',
  'launchpad-dev-data-quality',
  'launchpad-dev-s3-validator',
  'launchpad-dev-stream-consumer',
];

describe('the delivery stack (dev)', () => {
  it('is a CodePipeline V2 in QUEUED mode: Source → Test & package → Deploy → Smoke test', () => {
    const p = pipeline();
    expect(p).toMatchObject({ Name: 'launchpad-dev-delivery', PipelineType: 'V2', ExecutionMode: 'QUEUED' });
    expect(p.Stages.map((s: { Name: string }) => s.Name)).toEqual([
      'Source',
      'TestAndPackage',
      'Deploy',
      'SmokeTest',
    ]);
    expect(p.Variables).toEqual([expect.objectContaining({ Name: 'COMMIT_SHA', DefaultValue: 'unknown' })]);
    expect(p.Triggers).toBeUndefined();
  });

  it('reads its source from one object of the artifact bucket, never polling', () => {
    const [source] = pipeline().Stages[0].Actions;
    expect(source.ActionTypeId).toMatchObject({ Category: 'Source', Provider: 'S3' });
    expect(source.Configuration).toEqual({
      S3Bucket: { Ref: pipeline().ArtifactStore.Location.Ref },
      S3ObjectKey: 'source/pipeline.zip',
      PollForSourceChanges: false,
    });
    expect(
      resourcesOfType(stack(), 'AWS::Events::Rule').map(([, r]) => r.Properties?.EventPattern),
    ).not.toContainEqual(expect.objectContaining({ source: ['aws.s3'] }));
  });

  it('passes the commit to every build and the package to deploy and smoke', () => {
    const builds = pipeline()
      .Stages.slice(1)
      .flatMap((s: { Actions: any[] }) => s.Actions);
    for (const action of builds) {
      expect(JSON.parse(action.Configuration.EnvironmentVariables)).toEqual([
        { name: 'COMMIT_SHA', type: 'PLAINTEXT', value: '#{variables.COMMIT_SHA}' },
      ]);
    }
    expect(builds.map((a: any) => a.InputArtifacts.map((i: any) => i.Name))).toEqual([
      ['Source'],
      ['Source', 'Package'],
      ['Source', 'Package'],
    ]);
    expect(builds[0].OutputArtifacts).toEqual([{ Name: 'Package' }]);
  });

  it.each(['test-and-package', 'deploy', 'smoke'])(
    'launchpad-dev-%s: Linux, small, the managed standard image, its buildspec file, logs kept as configured',
    (purpose) => {
      const p = project(`launchpad-dev-${purpose}`);
      expect(p.Environment).toMatchObject({
        Type: 'LINUX_CONTAINER',
        ComputeType: 'BUILD_GENERAL1_SMALL',
        Image: 'aws/codebuild/standard:7.0',
        PrivilegedMode: false,
      });
      expect(p.EncryptionKey).toBe('alias/aws/s3');
      expect(parse(p.Source.BuildSpec)).toMatchObject({ version: 0.2 });
      const logGroupId = p.LogsConfig.CloudWatchLogs.GroupName.Ref;
      const logGroup = stack().template.Resources[logGroupId];
      expect(logGroup?.Properties).toMatchObject({
        LogGroupName: `/aws/codebuild/launchpad-dev-${purpose}`,
        RetentionInDays: loadEnvironmentConfig('dev').logRetentionDays,
      });
      expect(logGroup?.DeletionPolicy).toBe('Delete');
    },
  );

  it('tells each project exactly which functions and Glue files it ships', () => {
    const targets = project('launchpad-dev-deploy').Environment.EnvironmentVariables.find(
      (v: { Name: string }) => v.Name === 'DEPLOY_TARGETS',
    );
    const text = JSON.stringify(targets.Value);
    for (const name of FUNCTIONS) expect(text).toContain(name);
    const jobs = resourcesOfType(stackOf('dev', 'processing'), 'AWS::Glue::Job').map(
      ([, j]) => j.Properties as any,
    );
    const locations = jobs.flatMap((j) => [j.Command.ScriptLocation, j.DefaultArguments['--extra-py-files']]);
    for (const location of locations)
      expect(text).toContain(JSON.stringify(location['Fn::Sub']).slice(1, -1));
    expect(JSON.stringify(stack().template)).not.toContain('Fn::ImportValue');
  });

  it('the deploy role updates exactly the environment’s functions and Glue files, nothing else', () => {
    const statements = statementsOf(project('launchpad-dev-deploy').ServiceRole);
    expect(actions(statements)).toEqual([
      'lambda:GetFunctionConfiguration',
      'lambda:UpdateFunctionCode',
      'logs:CreateLogStream',
      'logs:PutLogEvents',
      's3:GetBucketAcl',
      's3:GetBucketLocation',
      's3:GetObject',
      's3:GetObjectVersion',
      's3:PutObject',
    ]);
    const lambda = statements.find((s) => s.Sid === 'UpdateFunctionCode');
    expect(
      [lambda?.Resource].flat().map((r) => JSON.stringify(r).match(/function:([a-z0-9-]+)/)?.[1]),
    ).toEqual(FUNCTIONS);
    const publish = statements.find((s) => s.Sid === 'PublishGlueFiles');
    expect([publish?.Resource].flat()).toHaveLength(3);
    expect(JSON.stringify(publish?.Resource)).toMatch(/[0-9a-f]{64}\.py/);
    expect(JSON.stringify(publish?.Resource)).not.toContain('*');
  });

  it('the smoke role only reads; the test role writes only the artifact bucket', () => {
    const smoke = statementsOf(project('launchpad-dev-smoke').ServiceRole);
    expect(actions(smoke).filter((a) => !a.startsWith('logs:'))).toEqual([
      'lambda:GetFunctionConfiguration',
      's3:GetBucketAcl',
      's3:GetBucketLocation',
      's3:GetObject',
      's3:GetObject',
      's3:GetObjectVersion',
    ]);
    const test = statementsOf(project('launchpad-dev-test-and-package').ServiceRole);
    expect(actions(test).filter((a) => a.startsWith('lambda:'))).toEqual([]);
    const writes = test.filter((s) => actionsOf(s).includes('s3:PutObject'));
    expect(JSON.stringify(writes.map((s) => s.Resource))).toContain('Artifacts');
  });

  it('the pipeline role runs exactly its three builds and uses its artifact bucket', () => {
    const statements = statementsOf(pipeline().RoleArn);
    expect(actions(statements)).toEqual([
      'codebuild:BatchGetBuilds',
      'codebuild:StartBuild',
      'codebuild:StopBuild',
      's3:GetBucketLocation',
      's3:GetBucketVersioning',
      's3:GetObject',
      's3:GetObjectVersion',
      's3:ListBucket',
      's3:PutObject',
    ]);
    const builds = statements.find((s) => s.Sid === 'RunBuilds');
    expect([builds?.Resource].flat()).toHaveLength(3);
    // No role per action: every action runs as the pipeline role.
    expect(
      pipeline()
        .Stages.flatMap((s: any) => s.Actions)
        .filter((a: any) => a.RoleArn),
    ).toEqual([]);
  });

  it('grants no wildcard action anywhere', () => {
    const all = resourcesOfType(stack(), 'AWS::IAM::Policy').flatMap(([, p]) => statementsIn(p));
    expect(all.flatMap(actionsOf).filter((a) => a.includes('*'))).toEqual([]);
  });

  it('keeps artifacts in a private, encrypted, versioned, TLS-only bucket that tidies itself', () => {
    const [[id, bucket] = []] = resourcesOfType(stack(), 'AWS::S3::Bucket');
    expect(bucket?.Properties).toMatchObject({
      VersioningConfiguration: { Status: 'Enabled' },
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, RestrictPublicBuckets: true },
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
      },
      LoggingConfiguration: { LogFilePrefix: 'artifacts/' },
    });
    const [rule] = (bucket?.Properties as any)?.LifecycleConfiguration?.Rules ?? [];
    expect(rule).toMatchObject({
      ExpirationInDays: 30,
      NoncurrentVersionExpiration: {
        NoncurrentDays: loadEnvironmentConfig('dev').lifecycle.noncurrentVersionExpirationDays,
      },
    });
    expect(bucket?.DeletionPolicy).toBe('Delete');
    const policy = resourcesOfType(stack(), 'AWS::S3::BucketPolicy').find(([, p]) =>
      JSON.stringify(p.Properties?.Bucket).includes(id ?? '?'),
    );
    expect(JSON.stringify(policy)).toContain('aws:SecureTransport');
  });

  it('mails the alarm address when an execution of this pipeline fails', () => {
    const [rule] = props('AWS::Events::Rule');
    expect(rule.EventPattern).toEqual({
      source: ['aws.codepipeline'],
      'detail-type': ['CodePipeline Pipeline Execution State Change'],
      detail: { pipeline: [{ Ref: expect.any(String) }], state: ['FAILED'] },
    });
    const [topic] = resourcesOfType(stack(), 'AWS::SNS::Topic');
    expect(rule.Targets).toEqual([
      expect.objectContaining({
        Arn: { Ref: topic?.[0] },
        InputTransformer: expect.objectContaining({
          InputTemplate: expect.stringContaining('<detail-execution-id> FAILED in dev'),
        }),
      }),
    ]);
    expect(props('AWS::SNS::Subscription')).toEqual([
      expect.objectContaining({ Protocol: 'email', Endpoint: loadEnvironmentConfig('dev').alarmEmail }),
    ]);
  });

  it('outputs what the pipeline-run action reads, under fixed ids', () => {
    const outputs = stack().template.Outputs ?? {};
    expect(Object.keys(outputs).sort()).toEqual([
      'ArtifactBucketName',
      'DeployProjectName',
      'PipelineName',
      'SmokeProjectName',
      'SourceObjectKey',
      'TestProjectName',
    ]);
    expect(outputs.SourceObjectKey?.Value).toBe('source/pipeline.zip');
  });

  it('deploys after the stacks whose code it ships', () => {
    const dependencies = stack().artifact.dependencies.map((d) => d.id);
    for (const phase of ['foundation', 'ingestion', 'processing']) {
      expect(dependencies.some((id) => id.includes(phase))).toBe(true);
    }
  });

  it('is fully priced, costs nothing idle, and well under a dollar at the dev usage', () => {
    const cost = estimate(readAssembly(assemblyDir()), {
      catalogFor: (region) => loadCatalog(region),
      usageFor: (env) => environmentUsageFile(env),
    });
    const delivery = cost.resources.filter((r) => r.environment === 'dev' && r.phase === 'delivery');
    expect(delivery.filter((r) => r.status !== 'priced' && r.status !== 'free')).toEqual([]);
    expect(delivery.reduce((sum, r) => sum + r.idle, 0)).toBe(0);
    const monthly = delivery.reduce((sum, r) => sum + r.monthly, 0);
    expect(monthly).toBeGreaterThan(0);
    expect(monthly).toBeLessThan(1);
  });
});

describe('the delivery stack in an environment with only the foundation (stage, KMS)', () => {
  let outdir: string;
  let delivery: CloudFormationStackArtifact | undefined;

  beforeAll(() => {
    const base = loadEnvironmentConfig('stage');
    const config = { ...base, encryption: 'kms' as const, phases: { ...base.phases, delivery: true } };
    outdir = mkdtempSync(path.join(tmpdir(), 'launchpad-delivery-'));
    const { app } = buildApp({
      configs: [config],
      outdir,
      context: { '@aws-cdk/core:failSynthOnValidationErrors': false },
    });
    delivery = app.synth().stacksRecursively.find((s) => s.hierarchicalId === 'stage/delivery');
  }, 120_000);

  it('synthesizes with no cdk-nag finding', () => {
    expect(delivery?.stackName).toBe('launchpad-stage-delivery');
    expect(readFindings(outdir)).toEqual([]);
  });

  it('retains its bucket and logs, and encrypts artifacts and builds with a key of its own', () => {
    const resources = Object.values(delivery?.template.Resources ?? {}) as any[];
    const ofType = (type: string) => resources.filter((r) => r.Type === type);
    for (const r of [...ofType('AWS::S3::Bucket'), ...ofType('AWS::Logs::LogGroup')]) {
      expect(r.DeletionPolicy).toBe('Retain');
    }
    expect(ofType('Custom::S3AutoDeleteObjects')).toEqual([]);
    const [key] = ofType('AWS::KMS::Key');
    expect(key).toBeDefined();
    for (const p of ofType('AWS::CodeBuild::Project')) {
      expect(p.Properties.EncryptionKey).toEqual({ 'Fn::GetAtt': [expect.any(String), 'Arn'] });
    }
    expect(ofType('AWS::CodePipeline::Pipeline')[0].Properties.ArtifactStore.EncryptionKey).toBeDefined();
  });

  it('ships nothing where ingestion and processing are off: no Lambda or Glue permission at all', () => {
    const text = JSON.stringify(delivery?.template);
    expect(text).toContain('\\"functions\\":[],\\"objects\\":[]');
    expect(text).not.toContain('lambda:UpdateFunctionCode');
    expect(text).not.toContain('cdk-hnb659fds-assets');
  });
});

describe('the buildspecs', () => {
  const buildspec = (purpose: string) => parse(project(`launchpad-dev-${purpose}`).Source.BuildSpec);

  it('test and package: pytest on pipeline/, then the package as the output artifact', () => {
    const spec = buildspec('test-and-package');
    expect(spec.phases.build.commands).toEqual(
      expect.arrayContaining([
        'python -m pytest pipeline -q -p no:cacheprovider',
        'python -m pipeline.delivery.package dist',
      ]),
    );
    expect(spec.artifacts).toEqual({ 'base-directory': 'dist', files: ['**/*'] });
  });

  it.each([
    ['deploy', 'pipeline.delivery.deploy'],
    ['smoke', 'pipeline.delivery.smoke'],
  ])('%s: runs %s on the Package artifact', (purpose, module) => {
    expect(buildspec(purpose).phases.build.commands).toContain(
      `python -m ${module} "$CODEBUILD_SRC_DIR_Package"`,
    );
  });

  it.each(['test-and-package', 'deploy', 'smoke'])(
    '%s: every module and file it names exists in the repository',
    (purpose) => {
      const spec = buildspec(purpose);
      expect(spec.phases.install['runtime-versions']).toEqual({ python: 3.12 });
      const commands: string[] = [...spec.phases.install.commands, ...spec.phases.build.commands];
      const modules = commands.flatMap((c) =>
        [...c.matchAll(/python -m (pipeline\.[a-z_.]+)/g)].map((m) => m[1]),
      );
      const files = commands.flatMap((c) => [...c.matchAll(/(requirements\.txt)/g)].map((m) => m[1]));
      for (const module of modules) {
        expect(existsRelative(`${module?.replaceAll('.', '/')}.py`), module).toBe(true);
      }
      expect(files.every((f) => existsRelative(f ?? ''))).toBe(true);
    },
  );
});

function existsRelative(file: string): boolean {
  return existsSync(path.resolve(import.meta.dirname, '../..', file));
}
