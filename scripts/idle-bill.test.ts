import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CloudFormationClient, CreateStackCommand, DeleteStackCommand } from '@aws-sdk/client-cloudformation';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awsClientConfig } from '../lib/aws/client-config.ts';
import { MOTO_CREDENTIALS, type MotoServer, sharedMotoServer } from '../lib/events/testing/moto-server.ts';
import { FakeGitHubIssues } from '../lib/github/testing/fake-github-issues.ts';
import { fastOctokit } from '../lib/github/testing/fast-octokit.ts';
import { assemblyDir } from '../test/assembly.ts';
import { runInProcess } from '../test/run-in-process.ts';
import { HELP, idleBill } from './idle-bill/command.ts';

let moto: MotoServer;
let github: FakeGitHubIssues;
beforeAll(async () => {
  moto = await sharedMotoServer();
  github = await FakeGitHubIssues.start();
});
afterAll(async () => {
  await github?.close();
  await moto?.close();
});

const command = {
  HELP,
  main: (argv: string[]) =>
    idleBill(argv, {
      octokit: fastOctokit(github.url, 'test-token', false),
      now: new Date(Date.now() + 9 * 24 * 60 * 60 * 1000),
    }),
};

describe('npm run idle-bill', () => {
  it('opens the idle-bill issue while dev is deployed, writes the step outputs, and closes it after the teardown', async () => {
    await moto.reset();
    const cfn = new CloudFormationClient(
      awsClientConfig({ endpoint: moto.endpoint, region: 'us-east-1', credentials: MOTO_CREDENTIALS }),
    );
    const template = { Resources: { Handle: { Type: 'AWS::CloudFormation::WaitConditionHandle' } } };
    await cfn.send(
      new CreateStackCommand({
        StackName: 'launchpad-dev-foundation',
        TemplateBody: JSON.stringify(template),
      }),
    );
    const outputs = path.join(mkdtempSync(path.join(tmpdir(), 'idle-bill-')), 'output');
    writeFileSync(outputs, '');
    const env = {
      AWS_ACCESS_KEY_ID: MOTO_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: MOTO_CREDENTIALS.secretAccessKey,
      AWS_ENDPOINT_URL: moto.endpoint,
      GITHUB_REPOSITORY: 'learner/lake',
      GITHUB_OUTPUT: outputs,
    };
    const args = ['--env', 'dev', '--assembly', assemblyDir()];

    const up = await runInProcess(command, args, env);
    expect(up.status, up.stderr).toBe(0);
    expect(up.stdout).toMatch(
      /^dev has been up 9 days; idle \$\d+\.\d\d\/month; tear down with: Actions → teardown → Run workflow → environment `dev`/m,
    );
    expect(readFileSync(outputs, 'utf8')).toMatch(
      /^deployed=true\nteardown-due=false\nidle-monthly=\d+\.\d\d\n$/,
    );
    const [issue] = github.issuesOf('learner', 'lake');
    expect(issue).toMatchObject({
      title: 'Idle bill: dev is deployed',
      state: 'open',
      labels: ['idle-bill'],
    });
    expect(issue?.body).toContain('| launchpad-dev-foundation | CREATE_COMPLETE |');

    await cfn.send(new DeleteStackCommand({ StackName: 'launchpad-dev-foundation' }));
    cfn.destroy();
    const down = await runInProcess(command, args, env);
    expect(down.status, down.stderr).toBe(0);
    expect(down.stdout).toContain('dev has nothing deployed: no idle bill.');
    expect(down.stderr).toContain('Closed the idle-bill issue #1: nothing is deployed.');
    expect(issue?.state).toBe('closed');
    // docs.yml reads dev's real bill only on deployed=true.
    expect(readFileSync(outputs, 'utf8')).toMatch(
      /\ndeployed=false\nteardown-due=false\nidle-monthly=0\.00\n$/,
    );
  });

  it('says what it needs: an environment, a repository for the issue; and prints its help', async () => {
    const noEnv = await runInProcess(command, []);
    expect(noEnv.stderr.trim()).toBe('--env is required, e.g. npm run idle-bill -- --env dev');
    const noRepo = await runInProcess(command, ['--env', 'dev'], {}, ['GITHUB_REPOSITORY']);
    expect(noRepo.status).toBe(1);
    expect(noRepo.stderr).toContain('pass --repo <owner/name> (or set GITHUB_REPOSITORY), or --no-issue');
    const help = await runInProcess(command, ['--help']);
    expect(help.stdout).toMatch(/^Usage: npm run idle-bill -- --env <name>/);
  });
});
