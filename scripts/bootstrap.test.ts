import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { HeadBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cdkQualifier } from '../infra/bootstrap/bootstrap-names.ts';
import { MOTO_CREDENTIALS, type MotoServer, sharedMotoServer } from '../lib/events/testing/moto-server.ts';
import { FakeGitHub } from '../lib/github/testing/fake-github-server.ts';
import { runInProcess } from '../test/run-in-process.ts';
import { runScript } from '../test/run-script.ts';
import { bootstrap as bootstrapCommand, HELP } from './bootstrap/command.ts';

const REPOSITORY = ['--repository', 'octo-org/data-launchpad'];
/** Nothing listens there: a command that tried to reach AWS would fail. */
const NOWHERE = { AWS_ENDPOINT_URL: 'http://127.0.0.1:9', AWS_MAX_ATTEMPTS: '1' };

/** Runs the script's main function as `npm run bootstrap` would, with none of this machine's AWS settings. */
const bootstrap = (args: string[], env: Record<string, string> = {}) =>
  runInProcess({ HELP, main: bootstrapCommand }, args, env);

describe('npm run bootstrap: usage', () => {
  it('lists every option in its help', async () => {
    const run = await bootstrap(['--help']);

    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^Usage: npm run bootstrap -- --env <name> \[options\]/);
    for (const option of [
      '--env <name>',
      '--repository <owner/repo>',
      '--existing-provider-arn <arn>',
      '--branches <any|default|b1,b2>',
      '--cdk-bootstrap',
      '--terraform-state',
      '--dry-run',
      '-h, --help',
    ]) {
      expect(run.stdout).toContain(option);
    }
    // The workflows the role trusts, as the trust policy lists them (tested below against moto).
    expect(run.stdout).toContain(
      'deploy-environment.yml, teardown.yml, terraform.yml, idle-bill.yml or docs.yml;',
    );
  });

  it('says what is wrong with its options, naming the fix', async () => {
    const runs = [
      // As a command: its arguments, its error output and its exit status.
      await runScript('bootstrap', []),
      await bootstrap(['--env', 'dev', '--repository', 'https://github.com/octo/repo', '--dry-run']),
      await bootstrap(['--env', 'nowhere', ...REPOSITORY]),
      await bootstrap([
        '--env',
        'dev',
        ...REPOSITORY,
        '--existing-provider-arn',
        'arn:aws:iam::1:role/x',
        '--dry-run',
      ]),
    ];

    expect(runs.map((r) => r.status)).toEqual([1, 1, 1, 1]);
    expect(runs[0]?.stderr).toMatch(
      /^Say which environment GitHub Actions should deploy: --env <name>.*\n\nUsage:/,
    );
    expect(runs[1]?.stderr).toMatch(/^--repository must be OWNER\/REPO, such as octo-org\/data-launchpad/);
    expect(runs[2]?.stderr).toMatch(/Known environments: dev, stage, prod/);
    expect(runs[3]?.stderr).toMatch(
      /^--existing-provider-arn must be the ARN of the account's GitHub OIDC provider/,
    );
    for (const run of runs) expect(run.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('--dry-run synthesizes and shows the stacks, trust, permissions and variables with no credentials or network', async () => {
    const run = await bootstrap(['--env', 'stage', ...REPOSITORY, '--dry-run', '--terraform-state'], NOWHERE);
    const templates = run.stdout.match(/^Templates: (.+)$/m)?.[1] ?? '';
    const written = existsSync(path.join(templates, 'manifest.json'));
    rmSync(templates, { recursive: true, force: true });

    expect(run.stderr).not.toMatch(/Error/);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^Dry run for stage, trusting octo-org\/data-launchpad: .*nothing deployed\./);
    expect(run.stdout).toContain(
      'launchpad-github-oidc (the credentials’ account, us-east-1): 1 resource(s)',
    );
    expect(run.stdout).toContain('AWS::IAM::Role  launchpad-stage-github-deploy, sessions of at most 2 h');
    expect(run.stdout).toContain(
      'AWS::S3::Bucket  launchpad-tfstate-<AWS::AccountId>-<AWS::Region>, versioned, aws:kms, public access blocked',
    );
    expect(run.stdout).toContain('AWS::S3::BucketPolicy  denies every request without TLS');
    expect(run.stdout).toContain('    with the managed policy cdk-launchpad-stage-exec');
    expect(run.stdout).toContain(
      'Terraform state of stage: s3://launchpad-tfstate-<account>-us-east-1/env:/stage/launchpad.tfstate',
    );
    expect(run.stdout).toContain(
      'assumable by GitHub Actions jobs with aud = sts.amazonaws.com and sub = repo:octo-org/data-launchpad:environment:stage:job_workflow_ref:octo-org/data-launchpad/.github/workflows/deploy-environment.yml@refs/heads/main or repo:octo-org/data-launchpad:environment:stage:job_workflow_ref:octo-org/data-launchpad/.github/workflows/teardown.yml@refs/heads/main or repo:octo-org/data-launchpad:environment:stage:job_workflow_ref:octo-org/data-launchpad/.github/workflows/terraform.yml@refs/heads/main or repo:octo-org/data-launchpad:environment:stage:job_workflow_ref:octo-org/data-launchpad/.github/workflows/idle-bill.yml@refs/heads/main or repo:octo-org/data-launchpad:environment:stage:job_workflow_ref:octo-org/data-launchpad/.github/workflows/docs.yml@refs/heads/main',
    );
    expect(run.stdout).toContain(
      'on arn:aws:codepipeline:us-east-1:<AWS::AccountId>:launchpad-stage-delivery',
    );
    expect(run.stdout).toContain(
      "gh variable set AWS_ROLE_ARN --env stage --repo octo-org/data-launchpad --body 'arn:aws:iam::<account>:role/launchpad-stage-github-deploy'",
    );
    // CloudFormation's policy and boundary, statement by statement.
    expect(run.stdout).toContain('AWS::IAM::ManagedPolicy  cdk-launchpad-stage-exec');
    expect(run.stdout).toMatch(/ManageS3: s3:\*\n +on arn:aws:s3:::launchpad-stage-\*\n/);
    expect(run.stdout).toContain('AWS::IAM::ManagedPolicy  cdk-launchpad-stage-boundary');
    expect(run.stdout).toContain('deny DenyBoundaryRemoval: iam:DeleteRolePermissionsBoundary');
    expect(written).toBe(true);
  });

  it('without credentials, says how to get them and offers --dry-run', async () => {
    const run = await bootstrap(['--env', 'dev', ...REPOSITORY], NOWHERE);

    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(
      /needs administrator credentials .* aws sso login, AWS_PROFILE, or AWS_ACCESS_KEY_ID/,
    );
    expect(run.stderr).toContain('--dry-run');
  });
});

describe('npm run bootstrap against moto', () => {
  let moto: MotoServer;
  // moto reads the template CloudFormation is given from its S3 URL, and takes the first label of a
  // 127.0.0.1 host for a bucket name: localhost keeps the URL path-style.
  // No GitHub token: the settings are printed (the test with the local GitHub server sets one).
  const aws = () => ({
    GITHUB_TOKEN: '',
    GH_TOKEN: '',
    AWS_ACCESS_KEY_ID: MOTO_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: MOTO_CREDENTIALS.secretAccessKey,
    AWS_ENDPOINT_URL: moto.endpoint.replace('127.0.0.1', 'localhost'),
  });
  const iam = async (params: Record<string, string>): Promise<string> => {
    const response = await fetch(moto.endpoint, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: 'AWS4-HMAC-SHA256 Credential=testing/20240101/us-east-1/iam/aws4_request',
      },
      body: new URLSearchParams({ ...params, Version: '2010-05-08' }),
    });
    return response.text();
  };
  /** The URL-encoded policy document of an IAM answer. */
  const document = (xml: string, tag: string) =>
    JSON.parse(decodeURIComponent(xml.match(new RegExp(`<${tag}>([^<]+)</${tag}>`))?.[1] ?? ''));

  let github: FakeGitHub;
  beforeAll(async () => {
    moto = await sharedMotoServer();
    github = await FakeGitHub.start();
  });
  afterAll(async () => {
    await moto?.close();
    await github?.close();
  });

  it('stops before deploying when CDK is not bootstrapped, with the command that bootstraps it', async () => {
    const run = await bootstrap(['--env', 'dev', ...REPOSITORY], aws());

    expect(run.status).toBe(1);
    expect(run.stderr).toContain(
      'CDK is not bootstrapped for dev in aws://123456789012/us-east-1 (no stack launchpad-cdk-dev)',
    );
    expect(run.stderr).toContain('  npm run bootstrap -- --env dev --cdk-bootstrap');
    expect(run.stderr).not.toContain('launchpad-github-dev');
  });

  it('with --cdk-bootstrap, bootstraps CDK, deploys the provider and the role, and prints the variables', async () => {
    const run = await bootstrap(['--env', 'dev', ...REPOSITORY, '--cdk-bootstrap'], aws());

    expect(run.status, run.stderr).toBe(0);
    const q = cdkQualifier('launchpad', 'dev');
    expect(run.stderr).toContain(
      `CDK bootstrap: missing, running it in aws://123456789012/us-east-1 (--cdk-bootstrap): npx cdk bootstrap aws://123456789012/us-east-1 --qualifier ${q} --toolkit-stack-name launchpad-cdk-dev --cloudformation-execution-policies arn:aws:iam::123456789012:policy/cdk-launchpad-dev-exec --custom-permissions-boundary cdk-launchpad-dev-boundary`,
    );
    // moto's CloudFormation returns no outputs: the ARN is the role's by name, and the command says so.
    expect(run.stderr).toContain('launchpad-github-dev returned no RoleArn output');
    expect(run.stdout).toContain(
      "gh variable set AWS_ROLE_ARN --env dev --repo octo-org/data-launchpad --body 'arn:aws:iam::123456789012:role/launchpad-dev-github-deploy'",
    );
    expect(run.stdout).toContain(
      "gh variable set AWS_ACCOUNT_ID --env dev --repo octo-org/data-launchpad --body '123456789012'",
    );
    expect(run.stdout).toContain(
      "gh variable set AWS_REGION --env dev --repo octo-org/data-launchpad --body 'us-east-1'",
    );

    const cloudFormation = new CloudFormationClient({
      region: 'us-east-1',
      endpoint: moto.endpoint,
      credentials: MOTO_CREDENTIALS,
    });
    const { Stacks } = await cloudFormation.send(new DescribeStacksCommand({}));
    cloudFormation.destroy();
    expect(Stacks?.map((s) => `${s.StackName} ${s.StackStatus}`).sort()).toEqual([
      'launchpad-cdk-dev CREATE_COMPLETE',
      'launchpad-github-dev CREATE_COMPLETE',
      'launchpad-github-oidc CREATE_COMPLETE',
    ]);

    // CloudFormation's role of dev's own bootstrap: the generated policy and the boundary, no AdministratorAccess.
    const execRole = `cdk-${q}-cfn-exec-role-123456789012-us-east-1`;
    const toolkit = Stacks?.find((s) => s.StackName === 'launchpad-cdk-dev');
    const parameter = (key: string) =>
      toolkit?.Parameters?.find((p) => p.ParameterKey === key)?.ParameterValue;
    expect(parameter('Qualifier')).toBe(q);
    // moto keeps a list parameter as a Python literal (and attaches none of it to the role): compare the text.
    expect(parameter('CloudFormationExecutionPolicies')).toContain(
      'arn:aws:iam::123456789012:policy/cdk-launchpad-dev-exec',
    );
    expect(parameter('CloudFormationExecutionPolicies')).not.toContain('AdministratorAccess');
    expect(await iam({ Action: 'GetRole', RoleName: execRole })).toContain(
      '<PermissionsBoundaryArn>arn:aws:iam::123456789012:policy/cdk-launchpad-dev-boundary</PermissionsBoundaryArn>',
    );

    const role = await iam({ Action: 'GetRole', RoleName: 'launchpad-dev-github-deploy' });
    expect(document(role, 'AssumeRolePolicyDocument').Statement[0].Condition).toEqual({
      StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' },
      StringLike: {
        'token.actions.githubusercontent.com:sub': [
          'deploy-environment.yml',
          'teardown.yml',
          'terraform.yml',
          'idle-bill.yml',
          'docs.yml',
        ].map(
          (w) =>
            `repo:octo-org/data-launchpad:environment:dev:job_workflow_ref:octo-org/data-launchpad/.github/workflows/${w}@*`,
        ),
      },
    });
    expect(role).toContain('<MaxSessionDuration>7200</MaxSessionDuration>');
    // moto answers GetRolePolicy with the document as a Python literal: compare the text.
    const policy = await iam({
      Action: 'GetRolePolicy',
      RoleName: 'launchpad-dev-github-deploy',
      PolicyName: 'Deploy',
    });
    expect(policy).toContain(`'arn:aws:iam::123456789012:role/cdk-${q}-deploy-role-123456789012-us-east-1'`);
    expect(policy).toContain("'arn:aws:codepipeline:us-east-1:123456789012:launchpad-dev-delivery'");
    expect(policy).toContain("'arn:aws:s3:::launchpad-dev-artifacts-123456789012/source/pipeline.zip'");
  });

  it('runs again without change, and imports an existing provider for another environment', async () => {
    const again = await bootstrap(['--env', 'dev', ...REPOSITORY], aws());
    expect(again.status, again.stderr).toBe(0);
    expect(again.stderr).toContain('CDK bootstrap: launchpad-cdk-dev ready in aws://123456789012/us-east-1');

    const provider = 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com';
    const prod = await bootstrap(
      ['--env', 'prod', ...REPOSITORY, '--existing-provider-arn', provider, '--cdk-bootstrap'],
      aws(),
    );
    expect(prod.status, prod.stderr).toBe(0);
    expect(prod.stderr).toContain('launchpad-github-prod');
    expect(prod.stderr).not.toContain('launchpad-github-oidc');
    // prod's own bootstrap, beside dev's: neither overwrites the other.
    expect(prod.stderr).toContain(
      `--qualifier ${cdkQualifier('launchpad', 'prod')} --toolkit-stack-name launchpad-cdk-prod`,
    );
    const role = await iam({ Action: 'GetRole', RoleName: 'launchpad-prod-github-deploy' });
    expect(document(role, 'AssumeRolePolicyDocument').Statement[0].Principal).toEqual({
      Federated: provider,
    });
  });

  it('with --terraform-state, creates the state bucket of the account and region once, and dev’s role reaches only dev’s state', async () => {
    const bucket = 'launchpad-tfstate-123456789012-us-east-1';
    const first = await bootstrap(
      ['--env', 'dev', ...REPOSITORY, '--terraform-state', '--cdk-bootstrap'],
      aws(),
    );
    const again = await bootstrap(
      ['--env', 'dev', ...REPOSITORY, '--terraform-state', '--cdk-bootstrap'],
      aws(),
    );

    expect([first.status, again.status], first.stderr + again.stderr).toEqual([0, 0]);
    expect(first.stdout).toContain(
      `Terraform state of dev: s3://${bucket}/env:/dev/launchpad.tfstate (lock file beside it, .tflock).`,
    );
    expect(first.stdout).toContain(
      `terraform init -backend-config="bucket=${bucket}" -backend-config="region=us-east-1"`,
    );
    const s3 = new S3Client({
      region: 'us-east-1',
      endpoint: moto.endpoint,
      credentials: MOTO_CREDENTIALS,
      forcePathStyle: true,
    });
    try {
      // The bucket exists; its settings (versioning, KMS encryption, public access block, TLS-only policy) are
      // checked in the template by bootstrap-app.test.ts: moto's CloudFormation creates the bucket but applies
      // none of them.
      const head = await s3.send(new HeadBucketCommand({ Bucket: bucket }));
      expect(head.$metadata.httpStatusCode).toBe(200);
    } finally {
      s3.destroy();
    }
    // moto answers GetRolePolicy with the document as a Python literal: compare the text.
    const rolePolicy = await iam({
      Action: 'GetRolePolicy',
      RoleName: 'launchpad-dev-github-deploy',
      PolicyName: 'Deploy',
    });
    expect(rolePolicy).toContain(`'arn:aws:s3:::${bucket}/env:/dev/launchpad.tfstate'`);
    expect(rolePolicy).toContain(`'arn:aws:s3:::${bucket}/env:/dev/launchpad.tfstate.tflock'`);
    expect(rolePolicy).not.toContain('env:/stage/');
  });

  it('with a GitHub token, limits prod to main, sets its variables and the subject template the role compares', async () => {
    const repository = github.settings.addRepository('octo-org', 'data-launchpad', 'main');
    const withToken = { ...aws(), GITHUB_TOKEN: 'test-token', GITHUB_API_URL: github.url };
    const provider = 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com';
    const run = await bootstrap(
      ['--env', 'prod', ...REPOSITORY, '--existing-provider-arn', provider],
      withToken,
    );

    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('Set on GitHub (octo-org/data-launchpad):');
    expect(run.stdout).toContain('environment prod: only main may deploy');
    expect(run.stdout).not.toContain('gh variable set');
    const prod = repository.environments.get('prod');
    expect(prod?.deploymentBranchPolicy).toEqual({ protected_branches: false, custom_branch_policies: true });
    expect(prod?.branchPolicies.map((p) => p.name)).toEqual(['main']);
    expect(prod?.variables.get('AWS_ROLE_ARN')).toBe(
      'arn:aws:iam::123456789012:role/launchpad-prod-github-deploy',
    );
    expect(repository.subjectClaimKeys).toEqual(['repo', 'context', 'job_workflow_ref']);
  });

  it('with a token that may not administer the repository, prints what is left to do and fails', async () => {
    github.settings.addRepository('octo-org', 'data-launchpad', 'main');
    github.readOnly = true;
    const withToken = { ...aws(), GITHUB_TOKEN: 'test-token', GITHUB_API_URL: github.url };
    const provider = 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com';
    const run = await bootstrap(
      ['--env', 'prod', ...REPOSITORY, '--existing-provider-arn', provider],
      withToken,
    );
    github.readOnly = false;

    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(
      /^GitHub API: create or update the environment prod failed with HTTP 403: Resource not accessible by integration\..* The AWS side is done; finish the GitHub side with the settings printed above/m,
    );
    expect(run.stdout).toContain(
      'gh api --method PUT repos/octo-org/data-launchpad/actions/oidc/customization/sub',
    );
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('refuses, before deploying, a repository whose default branch is not main, and --branches for prod', async () => {
    github.settings.addRepository('octo-org', 'data-launchpad', 'master');
    github.requests.length = 0;
    const withToken = { ...aws(), GITHUB_TOKEN: 'test-token', GITHUB_API_URL: github.url };
    const master = await bootstrap(['--env', 'stage', ...REPOSITORY], withToken);
    expect(master.status).toBe(1);
    expect(master.stderr).toMatch(
      /^The default branch of octo-org\/data-launchpad is master, .*Rename the default branch to main/,
    );
    expect(master.stderr).not.toContain('launchpad-github-stage');
    expect(github.writes()).toEqual([]);

    const branches = await bootstrap(
      ['--env', 'prod', ...REPOSITORY, '--branches', 'any', '--dry-run'],
      NOWHERE,
    );
    expect(branches.status).toBe(1);
    expect(branches.stderr).toMatch(/^--branches any: prod deploys only from the default branch \(main\)/);
  });
});
