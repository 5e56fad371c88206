import { CloudFormationClient, CreateStackCommand, DeleteStackCommand } from '@aws-sdk/client-cloudformation';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { awsClientConfig } from '../aws/client-config.ts';
import type { Estimate } from '../cost/estimate/estimate-types.ts';
import {
  type CloudFormationProxy,
  startCloudFormationProxy,
} from '../deploy/testing/cloudformation-proxy.ts';
import { MOTO_CREDENTIALS, type MotoServer, sharedMotoServer } from '../events/testing/moto-server.ts';
import { FakeGitHubIssues } from '../github/testing/fake-github-issues.ts';
import { fastOctokit } from '../github/testing/fast-octokit.ts';
import { type DeployedStack, deployedStacks, StackListError } from './deployed-stacks.ts';
import { IDLE_BILL_LABEL, syncIdleIssue } from './idle-issue.ts';
import { idleHeadline, idleIssueBody, idleIssueMarker, idleStatus } from './idle-status.ts';

const HANDLE = JSON.stringify({
  Resources: { Handle: { Type: 'AWS::CloudFormation::WaitConditionHandle' } },
});

let moto: MotoServer;
let proxy: CloudFormationProxy;
let github: FakeGitHubIssues;

beforeAll(async () => {
  moto = await sharedMotoServer();
  proxy = await startCloudFormationProxy(moto.endpoint);
  github = await FakeGitHubIssues.start();
});
afterAll(async () => {
  await github?.close();
  await proxy?.close();
  await moto?.close();
});

const aws = () => ({
  endpoint: proxy.endpoint,
  region: 'us-east-1',
  credentials: MOTO_CREDENTIALS,
  maxAttempts: 3,
  requestTimeoutMs: 1_000,
});

describe('deployedStacks (CloudFormation ListStacks on moto)', () => {
  beforeAll(async () => {
    await moto.reset();
    // Straight to moto, with time to load its CloudFormation model: a retried create would find its stack.
    const cfn = new CloudFormationClient(
      awsClientConfig({ ...aws(), endpoint: moto.endpoint, requestTimeoutMs: 30_000, maxAttempts: 1 }),
    );
    for (const name of [
      'launchpad-dev-foundation',
      'launchpad-dev-ingestion',
      'launchpad-devx-foundation',
      'launchpad-stage-foundation',
      'CDKToolkit',
      'launchpad-dev-gone',
    ])
      await cfn.send(new CreateStackCommand({ StackName: name, TemplateBody: HANDLE }));
    await cfn.send(new DeleteStackCommand({ StackName: 'launchpad-dev-gone' }));
    cfn.destroy();
  });

  it("lists the environment's live stacks by name prefix, with their times", async () => {
    const stacks = await deployedStacks({ project: 'launchpad', environment: 'dev' }, aws());
    expect(stacks.map((s) => s.name).sort()).toEqual(['launchpad-dev-foundation', 'launchpad-dev-ingestion']);
    for (const stack of stacks) {
      expect(stack.status).toBe('CREATE_COMPLETE');
      expect(Date.now() - stack.createdAt.getTime()).toBeLessThan(600_000);
      expect(stack.lastChangedAt.getTime()).toBeGreaterThanOrEqual(stack.createdAt.getTime());
    }
  });

  it('retries throttling and 5xx answers', async () => {
    proxy.addFault({ action: 'ListStacks', answer: 'throttling' });
    proxy.addFault({ action: 'ListStacks', answer: 'unavailable' });
    const stacks = await deployedStacks({ project: 'launchpad', environment: 'dev' }, aws());
    expect(stacks).toHaveLength(2);
  });

  it('fails with what happened and what to do once the retries are spent', async () => {
    for (let i = 0; i < 3; i++) proxy.addFault({ action: 'ListStacks', answer: 'unavailable' });
    const failure = deployedStacks({ project: 'launchpad', environment: 'dev' }, aws());
    await expect(failure).rejects.toBeInstanceOf(StackListError);
    await expect(failure).rejects.toThrow(
      /Listing the stacks of dev .*failed: .*HTTP 503.*run again in a few minutes/,
    );
  });
});

const DAY = 24 * 60 * 60 * 1000;
const NOW = new Date('2026-12-10T06:00:00Z');
const stack = (name: string, createdDaysAgo: number, changedDaysAgo = createdDaysAgo): DeployedStack => ({
  name,
  status: 'UPDATE_COMPLETE',
  createdAt: new Date(NOW.getTime() - createdDaysAgo * DAY),
  lastChangedAt: new Date(NOW.getTime() - changedDaysAgo * DAY),
});
const resource = (stackId: string, logicalId: string, service: string, idle: number) => ({
  stack: stackId,
  environment: stackId.split('/')[0],
  logicalId,
  service,
  idle,
});
const estimate = {
  resources: [
    resource('dev/ingestion', 'Stream', 'Amazon Kinesis Data Streams', 10.95),
    resource('dev/foundation', 'Key', 'AWS KMS', 0.7),
    resource('dev/foundation', 'Bucket', 'Amazon S3', 0),
    resource('dev/orchestration', 'Airflow', 'Amazon MWAA', 360),
    resource('stage/foundation', 'Key', 'AWS KMS', 1),
  ],
} as unknown as Estimate;

describe('idleStatus', () => {
  const deployed = [stack('launchpad-dev-foundation', 9, 4), stack('launchpad-dev-ingestion', 8, 3)];

  it('says since when, what the deployed phases cost idle and how to tear down', () => {
    const status = idleStatus({
      environment: 'dev',
      stacks: deployed,
      estimate,
      now: NOW,
      autoTeardownAfterDays: null,
    });
    expect(status).toMatchObject({ daysUp: 9, daysSinceDeploy: 3, idleMonthly: 11.65, teardownDue: false });
    // orchestration is in the estimate but not deployed: its idle cost is not billed.
    expect(status.idleResources.map((r) => r.resource)).toEqual([
      'dev/ingestion/Stream',
      'dev/foundation/Key',
    ]);
    expect(idleHeadline(status)).toBe(
      'dev has been up 9 days; idle $11.65/month; tear down with: Actions → teardown → Run workflow → environment `dev` (or `npm run destroy -- --env dev`)',
    );
    const body = idleIssueBody(status, NOW);
    expect(body.startsWith(idleIssueMarker('dev'))).toBe(true);
    expect(body).toContain('| launchpad-dev-ingestion | UPDATE_COMPLETE | 2026-12-02 | 2026-12-07 |');
    expect(body).toContain('| dev/ingestion/Stream | Amazon Kinesis Data Streams | $10.95 |');
    expect(body).toContain('Automatic teardown is off');
  });

  it('is due for the automatic teardown after that many days without a deploy, not before', () => {
    const at = (days: number) =>
      idleStatus({ environment: 'dev', stacks: deployed, estimate, now: NOW, autoTeardownAfterDays: days });
    expect(at(3).teardownDue).toBe(true);
    expect(idleIssueBody(at(3), NOW)).toContain(
      'has had no deploy for 3 days (`autoTeardownAfterDays`: 3), so this run tears it down',
    );
    expect(at(4).teardownDue).toBe(false);
    expect(idleIssueBody(at(4), NOW)).toContain(
      'Automatic teardown: on 2026-12-11, after 4 days without a deploy',
    );
    const nothing = idleStatus({
      environment: 'dev',
      stacks: [],
      estimate: undefined,
      now: NOW,
      autoTeardownAfterDays: 1,
    });
    expect(nothing.teardownDue).toBe(false);
    expect(idleHeadline(nothing)).toBe('dev has nothing deployed: no idle bill.');
  });
});

describe('the idle-bill issue (local GitHub server)', () => {
  const octokit = () => fastOctokit(github.url, 'test-token', false);
  const sync = (deployed: boolean, body = 'dev body', environment = 'dev') =>
    syncIdleIssue({
      octokit: octokit(),
      owner: 'learner',
      repo: 'lake',
      environment,
      deployed,
      title: `Idle bill: ${environment} is deployed`,
      body: `${idleIssueMarker(environment)}\n${body}`,
      closingComment: `Nothing of ${environment} is deployed any more.`,
    });

  beforeEach(() => {
    github.requests.length = 0;
  });

  it('opens one issue, updates it, leaves it when unchanged and closes it with a comment after a teardown', async () => {
    // Someone else's issues with the same label or title are never touched.
    const [foreign, sameTitle] = github.seed('learner', 'lake', [
      { title: 'Why is dev expensive?', body: 'idle-bill question', labels: [IDLE_BILL_LABEL] },
      { title: 'Idle bill: dev is deployed', body: 'my own notes' },
    ]);
    expect(await sync(true, '9 days')).toMatchObject({ action: 'created', number: 3 });
    expect(github.labelsOf('learner', 'lake').has(IDLE_BILL_LABEL)).toBe(true);
    expect(await sync(true, '10 days')).toMatchObject({ action: 'updated', number: 3 });
    expect(await sync(true, '10 days')).toMatchObject({ action: 'unchanged', number: 3 });
    expect(await sync(true, 'stage', 'stage')).toMatchObject({ action: 'created', number: 4 });
    expect(await sync(false)).toMatchObject({ action: 'closed', number: 3 });
    expect(await sync(false)).toEqual({ action: 'none' });

    const [, , dev, stageIssue] = github.issuesOf('learner', 'lake');
    expect(dev).toMatchObject({ state: 'closed', comments: ['Nothing of dev is deployed any more.'] });
    expect(dev?.body).toContain('10 days');
    expect(stageIssue?.state).toBe('open');
    expect(foreign).toMatchObject({ state: 'open', body: 'idle-bill question', comments: [] });
    expect(sameTitle).toMatchObject({ state: 'open', body: 'my own notes', comments: [] });
    // After the next deploy a new issue is opened.
    expect(await sync(true, 'again')).toMatchObject({ action: 'created', number: 5 });
  });

  it("retries GitHub's 5xx answers", async () => {
    github.faults.push(
      { status: 502, body: { message: 'Bad Gateway' } },
      { status: 503, body: { message: 'Unavailable' } },
    );
    expect((await sync(true, 'after faults')).action).toMatch(/created|updated/);
    expect(github.requests.slice(0, 3).map((r) => r.status)).toEqual([502, 503, 200]);
  });

  it('says which permission is missing when the token may not write issues', async () => {
    github.readOnly = true;
    try {
      await expect(sync(true, 'read-only')).rejects.toThrow(/updating issue #\d+ .*HTTP 403.*issues: write/);
    } finally {
      github.readOnly = false;
    }
  });
});
