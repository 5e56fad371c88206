import { rmSync } from 'node:fs';
import { CloudAssembly, type CloudFormationStackArtifact } from 'aws-cdk-lib/cx-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EnvironmentConfig } from '../../lib/config/environment-config.ts';
import { loadAllConfigs, loadEnvironmentConfig } from '../../lib/config/load-config.ts';
import { assemblyDir } from '../../test/assembly.ts';
import { cfnLintProblems } from '../../test/cfn-lint.ts';
import { actionsOf, type Statement } from '../../test/iam.ts';
import { buildBootstrapApp, synthesizeBootstrap } from './bootstrap-app.ts';
import { BootstrapError } from './bootstrap-error.ts';
import { cdkQualifier } from './bootstrap-names.ts';
import { resourceTypesOf } from './environment-resource-types.ts';

const REPOSITORY = 'octo-org/data-launchpad';
const ENVIRONMENTS = loadAllConfigs().map((c) => c.environment);
/** The resource types of the app the global setup synthesized, rather than a synthesis of its own. */
const resourceTypes = () => resourceTypesOf(new CloudAssembly(assemblyDir()));

interface Role {
  Properties: {
    RoleName: string;
    MaxSessionDuration: number;
    AssumeRolePolicyDocument: { Statement: Statement[] };
    Policies: { PolicyDocument: { Statement: Statement[] } }[];
    PermissionsBoundary?: unknown;
  };
}

const roleOf = (stack: Pick<CloudFormationStackArtifact, 'template'>): Role =>
  Object.values(stack.template.Resources as Record<string, { Type: string }>).find(
    (r) => r.Type === 'AWS::IAM::Role',
  ) as unknown as Role;

const permissionsOf = (stack: CloudFormationStackArtifact): Statement[] =>
  roleOf(stack).Properties.Policies.flatMap((p) => p.PolicyDocument.Statement);

/** A resource ARN as text, CloudFormation's AccountId and Partition written as placeholders. */
function arnText(value: unknown): string {
  if (typeof value === 'string') return value;
  const v = value as { Ref?: string; 'Fn::Join'?: [string, unknown[]] };
  if (v.Ref) return `<${v.Ref}>`;
  if (v['Fn::Join']) return v['Fn::Join'][1].map(arnText).join(v['Fn::Join'][0]);
  throw new Error(`unexpected ARN ${JSON.stringify(value)}`);
}

const resourcesOf = (statement: Statement): string[] => [statement.Resource ?? []].flat().map(arnText);

/** IAM's StringLike: `*` any run of characters, `?` one. */
const like = (pattern: string, value: string) =>
  new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replaceAll('*', '.*')
      .replaceAll('?', '.')}$`,
  ).test(value);

/** What IAM decides for a web-identity token with these claims, given a role's trust policy. */
function trusts(role: Role, provider: string, claims: Record<string, string>): boolean {
  return role.Properties.AssumeRolePolicyDocument.Statement.some((s) => {
    if (s.Effect !== 'Allow' || !actionsOf(s).includes('sts:AssumeRoleWithWebIdentity')) return false;
    if (arnText((s.Principal as { Federated: unknown }).Federated) !== provider) return false;
    return Object.entries(s.Condition ?? {}).every(([operator, tests]) => {
      const match =
        operator === 'StringEquals'
          ? (expected: string, value: string) => expected === value
          : operator === 'StringLike'
            ? like
            : undefined; // any other operator fails this strict model
      if (match === undefined) return false;
      // A list of values: any one matches (IAM's OR within a key).
      return Object.entries(tests as Record<string, string | string[]>).every(([key, expected]) => {
        const claim = claims[key.replace('token.actions.githubusercontent.com:', '')];
        return claim !== undefined && [expected].flat().some((e) => match(e, claim));
      });
    });
  });
}

const GITHUB_PROVIDER = 'arn:aws:iam::<AWS::AccountId>:oidc-provider/token.actions.githubusercontent.com';
const job = (sub: string) => ({ sub, aud: 'sts.amazonaws.com' });
/** The `sub` of a job under the repository's subject template (repo, context, job_workflow_ref). */
const sub = (environment: string, workflow: string, ref: string, repository = REPOSITORY) =>
  `repo:${repository}:environment:${environment}:job_workflow_ref:${repository}/.github/workflows/${workflow}@${ref}`;
const MAIN = 'refs/heads/main';

describe('bootstrap app', () => {
  let synthesis: ReturnType<typeof synthesizeBootstrap>;
  const stackNamed = (name: string) => {
    const stack = synthesis.assembly.stacks.find((s) => s.stackName === name);
    if (!stack) throw new Error(`no stack ${name}`);
    return stack;
  };
  const roleStack = (environment: string) => stackNamed(`launchpad-github-${environment}`);

  beforeAll(() => {
    synthesis = synthesizeBootstrap({
      configs: loadAllConfigs(),
      repository: REPOSITORY,
      resourceTypes: resourceTypes(),
      terraformState: true, // so that cdk-nag and cfn-lint check the state bucket too
    });
  });
  afterAll(() => rmSync(synthesis.assembly.directory, { recursive: true, force: true }));

  it('holds the OIDC provider, one deploy role stack per environment and the Terraform state bucket', () => {
    expect(synthesis.assembly.stacks.map((s) => s.stackName).sort()).toEqual(
      [
        'launchpad-github-oidc',
        'launchpad-tfstate',
        ...ENVIRONMENTS.map((e) => `launchpad-github-${e}`),
      ].sort(),
    );
    const provider = Object.values(stackNamed('launchpad-github-oidc').template.Resources);
    expect(provider).toEqual([
      expect.objectContaining({
        Type: 'AWS::IAM::OIDCProvider',
        Properties: expect.objectContaining({
          Url: 'https://token.actions.githubusercontent.com',
          ClientIdList: ['sts.amazonaws.com'],
        }),
      }),
    ]);
    for (const environment of ENVIRONMENTS) {
      expect(roleStack(environment).dependencies.map((d) => d.id)).toContain('github-oidc');
    }
  });

  it('trusts the GitHub Environment of the same name in this repository, through the deploy, teardown, Terraform, idle-bill and docs workflows, for two hours at most', () => {
    for (const environment of ENVIRONMENTS) {
      const role = roleOf(roleStack(environment));
      expect(role.Properties.RoleName).toBe(`launchpad-${environment}-github-deploy`);
      expect(role.Properties.MaxSessionDuration).toBe(7200);
      const pinned = environment !== 'dev';
      const subjects = [
        'deploy-environment.yml',
        'teardown.yml',
        'terraform.yml',
        'idle-bill.yml',
        'docs.yml',
      ].map((w) => sub(environment, w, pinned ? MAIN : '*'));
      expect(role.Properties.AssumeRolePolicyDocument.Statement).toEqual([
        {
          Effect: 'Allow',
          Action: 'sts:AssumeRoleWithWebIdentity',
          Principal: { Federated: expect.anything() },
          Condition: pinned
            ? {
                StringEquals: {
                  'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com',
                  'token.actions.githubusercontent.com:sub': subjects,
                },
              }
            : {
                StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' },
                StringLike: { 'token.actions.githubusercontent.com:sub': subjects },
              },
        },
      ]);
    }
  });

  it('lets no environment, other branch, other workflow, pull request or other repository assume another environment’s role', () => {
    const callers = [
      ...ENVIRONMENTS.map((e) => job(sub(e, 'deploy-environment.yml', MAIN))),
      ...ENVIRONMENTS.map((e) => job(sub(e, 'teardown.yml', MAIN))),
      ...ENVIRONMENTS.map((e) => job(sub(e, 'deploy-environment.yml', 'refs/heads/feature'))),
      ...ENVIRONMENTS.map((e) => job(sub(e, 'teardown.yml', 'refs/heads/main-old'))),
      ...ENVIRONMENTS.map((e) => job(sub(e, 'ci.yml', MAIN))),
      // The default subject (no template set) and its other forms.
      ...ENVIRONMENTS.map((e) => job(`repo:${REPOSITORY}:environment:${e}`)),
      job(`repo:${REPOSITORY}:ref:refs/heads/main`),
      job(`repo:${REPOSITORY}:pull_request`),
      job(sub('dev', 'deploy-environment.yml', MAIN, 'someone-else/data-launchpad')),
      job(sub('dev', 'deploy-environment.yml', MAIN, REPOSITORY.toUpperCase())),
      { sub: sub('dev', 'deploy-environment.yml', MAIN), aud: 'https://github.com/octo-org' },
    ];
    const allowed = ENVIRONMENTS.map((environment) =>
      callers.map((claims) => trusts(roleOf(roleStack(environment)), GITHUB_PROVIDER, claims)),
    );
    const n = ENVIRONMENTS.length;
    // Row: a role; column: a caller. Each role: its own deploy and teardown from main; dev also from any branch.
    expect(allowed).toEqual(
      ENVIRONMENTS.map((environment, row) =>
        callers.map(
          (_, column) =>
            column === row ||
            column === n + row ||
            (environment === 'dev' && (column === 2 * n + row || column === 3 * n + row)),
        ),
      ),
    );
  });

  it('grants the named actions the deploy, pipeline-run, destroy, smoke test, Terraform backend and bill readers call, and no wildcard action', () => {
    const smoke = (s: { Sid?: string }) => s.Sid?.startsWith('SmokeTest') === true;
    const actions = [
      ...new Set(
        permissionsOf(roleStack('dev'))
          .filter((s) => !smoke(s))
          .flatMap(actionsOf),
      ),
    ].sort();
    expect(permissionsOf(roleStack('dev')).filter(smoke).flatMap(actionsOf).sort()).toEqual([
      'apigateway:GET',
      'athena:GetQueryExecution',
      'athena:GetQueryResults',
      'athena:StartQueryExecution',
      'firehose:DescribeDeliveryStream',
      'glue:GetDatabase',
      'glue:GetPartitions',
      'glue:GetTable',
      'kinesis:PutRecords',
      's3:GetBucketLocation',
      's3:GetObject',
      's3:GetObject',
      's3:ListBucket',
      's3:ListBucket',
      's3:PutObject',
      'states:DescribeExecution',
      'states:GetExecutionHistory',
      'states:StartExecution',
    ]);
    expect(actions).toEqual([
      'ce:GetCostAndUsage',
      'ce:ListCostAllocationTags',
      'cloudformation:DescribeStackEvents',
      'cloudformation:DescribeStacks',
      'cloudformation:ListStackResources',
      'cloudformation:ListStacks',
      'codebuild:BatchGetBuilds',
      'codepipeline:GetPipeline',
      'codepipeline:GetPipelineExecution',
      'codepipeline:ListActionExecutions',
      'codepipeline:StartPipelineExecution',
      'codepipeline:StopPipelineExecution',
      'logs:DeleteLogGroup',
      'logs:DescribeLogGroups',
      'logs:GetLogEvents',
      'logs:ListTagsForResource',
      's3:DeleteBucket',
      's3:DeleteObject',
      's3:DeleteObjectVersion',
      's3:GetBucketTagging',
      's3:GetObject',
      's3:GetObjectVersion',
      's3:ListAllMyBuckets',
      's3:ListBucket',
      's3:ListBucketVersions',
      's3:PutObject',
      'ssm:GetParameter',
      'sts:AssumeRole',
    ]);
    expect(permissionsOf(roleStack('dev')).every((s) => s.Effect === 'Allow')).toBe(true);
  });

  it("may delete retained data in dev and stage, never in prod: prod's data goes only by hand", () => {
    // The Terraform lock file is no data: every environment deletes its own after each run.
    const deletes = (environment: string) =>
      permissionsOf(roleStack(environment))
        .filter((s) => s.Sid !== 'TerraformLockFile')
        .flatMap(actionsOf)
        .filter((a) => /:Delete/.test(a));
    expect(deletes('stage')).toEqual(deletes('dev'));
    expect(deletes('dev')).toHaveLength(4);
    expect(deletes('prod')).toEqual([]);
  });

  it('scopes every resource to the environment’s own names, region and account', () => {
    for (const environment of ENVIRONMENTS) {
      const account = '<AWS::AccountId>';
      const { region, encryption } = loadEnvironmentConfig(environment);
      // CloudFormation keeps a statement's resources in CDK's order, not ours: compared as sets.
      const byStatement = Object.fromEntries(
        permissionsOf(roleStack(environment)).map((s) => [s.Sid, resourcesOf(s).sort()]),
      );
      const sorted = (expected: Record<string, string[]>) =>
        Object.fromEntries(Object.entries(expected).map(([sid, arns]) => [sid, [...arns].sort()]));
      const p = `launchpad-${environment}`;
      const q = cdkQualifier('launchpad', environment);
      const state = `arn:aws:s3:::launchpad-tfstate-${account}-${region}`;
      expect(byStatement).toEqual(
        sorted({
          DeployThroughCdkBootstrapRoles: ['deploy', 'file-publishing', 'image-publishing', 'lookup'].map(
            (kind) => `arn:aws:iam::${account}:role/cdk-${q}-${kind}-role-${account}-${region}`,
          ),
          ReadCdkBootstrapVersion: [`arn:aws:ssm:${region}:${account}:parameter/cdk-bootstrap/${q}/version`],
          FollowStackEvents: [`arn:aws:cloudformation:${region}:${account}:stack/${p}-*/*`],
          ListStacksAndBuckets: ['*'],
          ReadCostAndUsage: ['*'],
          UploadPipelineSource: [`arn:aws:s3:::${p}-artifacts-${account}/source/pipeline.zip`],
          RunDeliveryPipeline: [`arn:aws:codepipeline:${region}:${account}:${p}-delivery`],
          FollowBuilds: [`arn:aws:codebuild:${region}:${account}:project/${p}-*`],
          ReadBuildLogs: [`arn:aws:logs:${region}:${account}:log-group:/aws/codebuild/${p}-*:log-stream:*`],
          ListLogGroups: [`arn:aws:logs:${region}:${account}:log-group:*`],
          InspectLeftoverBuckets: [`arn:aws:s3:::${p}-*`],
          InspectLeftoverLogGroups: [`arn:aws:logs:${region}:${account}:log-group:*${p}*`],
          ListTerraformWorkspaces: [state],
          ReadWriteTerraformState: [`${state}/env:/${environment}/launchpad.tfstate`],
          TerraformLockFile: [`${state}/env:/${environment}/launchpad.tfstate.tflock`],
          ...(environment === 'prod' && {
            LiftTerminationProtection: [`arn:aws:cloudformation:${region}:${account}:stack/${p}-*/*`],
          }),
          ...(environment !== 'prod' && {
            DeleteRetainedData: [
              `arn:aws:s3:::${p}-*`,
              `arn:aws:s3:::${p}-*/*`,
              `arn:aws:logs:${region}:${account}:log-group:*${p}*`,
            ],
          }),
          ...(encryption === 'kms' && { UsePipelineSourceKey: [`arn:aws:kms:${region}:${account}:key/*`] }),
          // Only where the capstone's phases are on (dev): the deploy workflow's proof of run.
          ...(environment === 'dev' && {
            SmokeTestReadApiKey: [`arn:aws:apigateway:${region}::/apikeys/*`],
            SmokeTestSendEvents: [`arn:aws:kinesis:${region}:${account}:stream/${p}-rides`],
            SmokeTestFindDeliveredEvents: [
              `arn:aws:s3:::${p}-raw-${account}`,
              `arn:aws:s3:::${p}-raw-${account}/stream/*`,
              `arn:aws:firehose:${region}:${account}:deliverystream/${p}-rides-to-raw`,
            ],
            SmokeTestRunPipeline: [
              `arn:aws:states:${region}:${account}:stateMachine:${p}-pipeline`,
              `arn:aws:states:${region}:${account}:execution:${p}-pipeline:*`,
            ],
            SmokeTestQueryCurated: [
              `arn:aws:athena:${region}:${account}:workgroup/${p}-analytics`,
              `arn:aws:glue:${region}:${account}:catalog`,
              `arn:aws:glue:${region}:${account}:database/launchpad_${environment}_curated`,
              `arn:aws:glue:${region}:${account}:table/launchpad_${environment}_curated/*`,
              `arn:aws:s3:::${p}-curated-${account}`,
              `arn:aws:s3:::${p}-curated-${account}/*`,
              `arn:aws:s3:::${p}-athena-results-${account}`,
              `arn:aws:s3:::${p}-athena-results-${account}/*`,
            ],
          }),
        }),
      );
      const others = ENVIRONMENTS.filter((e) => e !== environment);
      const text = JSON.stringify(roleStack(environment).template);
      for (const other of others) {
        expect(text).not.toContain(`launchpad-${other}`);
        expect(text).not.toContain(`environment:${other}`);
      }
    }
  });

  it('may use the delivery key, through S3 only, where the artifact bucket is KMS-encrypted', () => {
    const kms = (environment: string) =>
      permissionsOf(roleStack(environment)).filter((s) => actionsOf(s).some((a) => a.startsWith('kms:')));
    const encrypted = ENVIRONMENTS.filter((e) => loadEnvironmentConfig(e).encryption === 'kms');
    expect(encrypted).toEqual(['prod']);
    expect(kms('dev')).toEqual([]);
    expect(kms('prod')).toEqual([
      expect.objectContaining({
        Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
        Condition: {
          StringEquals: { 'kms:ViaService': 's3.us-east-1.amazonaws.com' },
          'ForAnyValue:StringEquals': { 'kms:ResourceAliases': 'alias/launchpad-prod-delivery' },
        },
      }),
    ]);
  });

  it('has no unacknowledged cdk-nag finding', () => {
    expect(synthesis.findings).toEqual([]);
  });

  it('passes cfn-lint', () => {
    expect(cfnLintProblems(synthesis.assembly.stacks.map((s) => s.templateFullPath))).toEqual([]);
  });

  it('keeps Terraform state in a versioned, KMS-encrypted, private, TLS-only bucket that outlives its stack', () => {
    const resources = Object.values(stackNamed('launchpad-tfstate').template.Resources) as {
      Type: string;
      Properties: Record<string, unknown>;
      DeletionPolicy?: string;
    }[];
    const bucket = resources.find((r) => r.Type === 'AWS::S3::Bucket');
    expect(bucket?.DeletionPolicy).toBe('Retain');
    expect(bucket?.Properties).toMatchObject({
      BucketName: {
        'Fn::Join': ['', ['launchpad-tfstate-', { Ref: 'AWS::AccountId' }, '-', { Ref: 'AWS::Region' }]],
      },
      VersioningConfiguration: { Status: 'Enabled' },
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [
          { BucketKeyEnabled: true, ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms' } },
        ],
      },
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
    });
    const policy = resources.find((r) => r.Type === 'AWS::S3::BucketPolicy');
    expect(JSON.stringify(policy?.Properties)).toContain('{"Bool":{"aws:SecureTransport":"false"}}');
  });

  it('lets each role change its environment’s resources with CloudFormation’s own policy, for the Terraform track', () => {
    for (const environment of ENVIRONMENTS) {
      const stack = roleStack(environment);
      const role = roleOf(stack) as unknown as { Properties: { ManagedPolicyArns: { Ref: string }[] } };
      const attached = role.Properties.ManagedPolicyArns.map(
        (arn) =>
          (stack.template.Resources[arn.Ref] as { Properties: { ManagedPolicyName: string } }).Properties
            .ManagedPolicyName,
      );
      expect(attached).toEqual([`cdk-launchpad-${environment}-exec`]);
    }
  });

  it('outputs the role ARN for the GitHub Environment’s AWS_ROLE_ARN', () => {
    const outputs = roleStack('dev').template.Outputs as Record<string, { Value: unknown }>;
    expect(outputs.RoleArn?.Value).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^DeployRole/), 'Arn'] });
  });
});

describe('bootstrap app options', () => {
  const dev = loadEnvironmentConfig('dev');
  const roleIn = (configs: EnvironmentConfig[], existingProviderArn?: string) => ({
    built: buildBootstrapApp({
      configs,
      repository: REPOSITORY,
      existingProviderArn,
      resourceTypes: resourceTypes(),
    }),
  });

  it('acknowledges each wildcard resource on its own, with its exact cdk-nag finding id', () => {
    const { role } =
      buildBootstrapApp({ configs: [dev], repository: REPOSITORY, resourceTypes: resourceTypes() })
        .roles[0] ?? {};
    const acknowledged = role?.node.metadata
      .filter((m) => m.type === 'aws:cdk:acknowledged-rules')
      .flatMap((m) => Object.keys(m.data as Record<string, string>));
    const resource = (arn: string) => `Annotation::AwsSolutions-IAM5[Resource::${arn}]`;
    const inDev = (service: string, rest: string) => `arn:aws:${service}:us-east-1:<AWS::AccountId>:${rest}`;
    expect(acknowledged?.sort()).toEqual(
      [
        resource('*'),
        resource('arn:aws:s3:::launchpad-dev-*'),
        resource('arn:aws:s3:::launchpad-dev-*/*'),
        resource(inDev('logs', 'log-group:*launchpad-dev*')),
        resource(inDev('cloudformation', 'stack/launchpad-dev-*/*')),
        resource(inDev('codebuild', 'project/launchpad-dev-*')),
        resource(inDev('logs', 'log-group:*')),
        resource(inDev('logs', 'log-group:/aws/codebuild/launchpad-dev-*:log-stream:*')),
        // The smoke test's (dev has the capstone phases on).
        resource('arn:aws:apigateway:us-east-1::/apikeys/*'),
        resource('arn:aws:s3:::launchpad-dev-raw-<AWS::AccountId>/stream/*'),
        resource(inDev('states', 'execution:launchpad-dev-pipeline:*')),
        resource(inDev('glue', 'table/launchpad_dev_curated/*')),
        resource('arn:aws:s3:::launchpad-dev-curated-<AWS::AccountId>/*'),
        resource('arn:aws:s3:::launchpad-dev-athena-results-<AWS::AccountId>/*'),
      ].sort(),
    );
  });

  it('imports an existing provider by ARN instead of creating one', () => {
    const arn = 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com';
    const { built } = roleIn([{ ...dev, account: '123456789012' }], arn);
    expect(built.oidc).toBeUndefined();
    const template = built.app.synth().getStackByName('launchpad-github-dev').template;
    const trust = roleOf({ template } as CloudFormationStackArtifact).Properties.AssumeRolePolicyDocument;
    expect(trust.Statement[0]?.Principal).toEqual({ Federated: arn });
  });

  it('refuses a provider ARN that is not GitHub’s, or lives in another account', () => {
    expect(() => roleIn([dev], 'arn:aws:iam::123456789012:oidc-provider/accounts.google.com')).toThrowError(
      BootstrapError,
    );
    expect(() =>
      roleIn(
        [{ ...dev, account: '111111111111' }],
        'arn:aws:iam::222222222222:oidc-provider/token.actions.githubusercontent.com',
      ),
    ).toThrowError(/account 222222222222.*deploys to 111111111111/);
  });

  it('takes the region, account and permissions boundary from the environment’s config', () => {
    const boundary = 'arn:aws:iam::123456789012:policy/org-boundary';
    const config = { ...dev, region: 'eu-west-1', account: '123456789012', permissionsBoundaryArn: boundary };
    const template = buildBootstrapApp({
      configs: [config],
      repository: REPOSITORY,
      resourceTypes: resourceTypes(),
    })
      .app.synth()
      .getStackByName('launchpad-github-dev');
    expect(template.environment).toMatchObject({ account: '123456789012', region: 'eu-west-1' });
    const role = roleOf(template);
    expect(role.Properties.PermissionsBoundary).toBe(boundary);
    const deploy = permissionsOf(template).find((s) => s.Sid === 'DeployThroughCdkBootstrapRoles');
    expect(resourcesOf(deploy as Statement)).toContain(
      `arn:aws:iam::123456789012:role/cdk-${cdkQualifier('launchpad', 'dev')}-deploy-role-123456789012-eu-west-1`,
    );
  });

  it('refuses environments of different accounts in one bootstrap', () => {
    expect(() =>
      buildBootstrapApp({
        configs: [
          { ...dev, account: '111111111111' },
          { ...loadEnvironmentConfig('prod'), account: '222222222222' },
        ],
        repository: REPOSITORY,
        resourceTypes: resourceTypes(),
      }),
    ).toThrowError(/different accounts \(111111111111, 222222222222\)/);
  });
});
