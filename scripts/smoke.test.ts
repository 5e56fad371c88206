import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readEvidence } from '../lib/evidence/run-evidence.ts';
import { type LocalDeployment, startLocalDeployment } from '../lib/smoke/testing/local-deployment.ts';
import { runInProcess } from '../test/run-in-process.ts';
import { runScript } from '../test/run-script.ts';
import { HELP, smoke as smokeCommand } from './smoke/command.ts';

const FAST = ['--poll-interval', '50ms', '--max-poll-interval', '200ms'];

/** Runs the script's main function as `npm run smoke` would, with none of this machine's AWS settings. */
const smoke = (args: string[], env: Record<string, string> = {}) =>
  runInProcess({ HELP, main: smokeCommand }, args, env);

describe('npm run smoke: usage', () => {
  it('lists every option in its help', async () => {
    const run = await smoke(['--help']);

    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^Usage: npm run smoke -- --env <name> \[options\]/);
    for (const option of [
      '--env <name>',
      '--outputs <file>',
      '--events <n>',
      '--evidence <file>',
      '--commit <sha>',
      '--ingest-timeout <d>       Default 2m',
      '--deliver-timeout <d>      Default 6m',
      '--transform-timeout <d>    Default 30m',
      '--query-timeout <d>        Default 5m',
      '--poll-interval <d>',
      '--max-poll-interval <d>',
      '--endpoint-url <url>',
      '--max-attempts <n>',
      '-h, --help',
    ]) {
      expect(run.stdout).toContain(option);
    }
  });

  it('says what is wrong with its options', async () => {
    const runs = [
      await smoke([]),
      await smoke(['--env', 'dev', '--deliver-timeout', '6x']),
      await smoke(['--env', 'dev', '--events', '5000']),
      await smoke(['--env', 'nowhere']),
      await smoke(['--env', 'dev', '--evidence', 'x.json', '--commit', 'HEAD']),
    ];

    expect(runs.map((r) => r.status)).toEqual([1, 1, 1, 1, 1]);
    expect(runs[4]?.stderr).toMatch(
      /^--commit must be the deployed commit's SHA \(7 to 40 lower-case hex digits\), not "HEAD"; outside a git checkout pass --commit <sha>\./,
    );
    expect(runs[0]?.stderr).toMatch(
      /^Say which environment to test: --env <name>, e\.g\. --env dev\.\n\nUsage:/,
    );
    expect(runs[1]?.stderr).toMatch(
      /^--deliver-timeout must be a duration such as 90s, 6m or 1h30m, not "6x"\./,
    );
    expect(runs[2]?.stderr).toMatch(/^--events must be a whole number from 1 to 1000, not "5000"\./);
    expect(runs[3]?.stderr).toMatch(/config\/nowhere\.json/);
    expect(runs[3]?.stderr).toMatch(/Known environments: dev, stage, prod/);
  });
});

describe('npm run smoke against moto', () => {
  let local: LocalDeployment;
  let dir: string;
  const aws = () => ({
    AWS_ACCESS_KEY_ID: 'testing',
    AWS_SECRET_ACCESS_KEY: 'testing',
    AWS_ENDPOINT_URL: local.moto.endpoint,
  });

  beforeAll(async () => {
    local = await startLocalDeployment();
    dir = mkdtempSync(path.join(tmpdir(), 'smoke-cli-'));
  });
  afterAll(async () => {
    await local?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('passes end to end, printing each stage’s latency and the total, and exits 0', async () => {
    local.answerNextQuery(12);

    // As a command: its arguments, its output and its exit status.
    const run = await runScript('smoke', ['--env', 'dev', '--events', '12', ...FAST], aws());

    expect(run.stderr).not.toMatch(/failed/);
    expect(run.status).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(
      /^Smoke test of launchpad dev \(us-east-1\), run smoke-\d{8}-\d{6}-[0-9a-f]{4}: 12 events of \d+ rides$/,
    );
    expect(lines.slice(-6)).toEqual([
      expect.stringMatching(/^stage +result +latency +detail$/),
      expect.stringMatching(/^ingest +passed +\d+\.\d s {2}\d+ events? \(\d+ rides?\) posted to the API, /),
      expect.stringMatching(
        /^deliver +passed +\d+\.\d s {2}12 of 12 events in s3:\/\/launchpad-dev-raw-123456789012\/stream\//,
      ),
      expect.stringMatching(/^transform +passed +\d+\.\d s {2}execution smoke-\S+ SUCCEEDED$/),
      expect.stringMatching(
        /^query +passed +\d+\.\d s {2}\d+ of \d+ rides in "launchpad_dev_curated"\."rides"/,
      ),
      expect.stringMatching(/^total +passed +\d+\.\d s$/),
    ]);
    expect(run.stderr).toMatch(/^\[ingest\] started$/m);
    expect(run.stderr).toMatch(/^\[query\] passed in \d+\.\d s$/m);
  });

  it('exits 1 when a stage fails, with the table and what to check next, and keeps the failed run as evidence', async () => {
    const outputs = structuredClone(local.outputs) as Record<string, Record<string, string>>;
    (outputs['launchpad-dev-orchestration'] as Record<string, string>).StateMachineArn =
      'arn:aws:states:us-east-1:123456789012:stateMachine:launchpad-dev-gone';
    const file = path.join(dir, 'gone.json');
    writeFileSync(file, JSON.stringify(outputs));

    const evidence = path.join(dir, 'evidence/dev/last-run.json');
    const run = await smoke(
      [
        '--env',
        'dev',
        '--outputs',
        file,
        '--events',
        '6',
        '--evidence',
        evidence,
        '--commit',
        'abc1234',
        ...FAST,
      ],
      aws(),
    );

    expect(run.status).toBe(1);
    expect(readEvidence(evidence)).toMatchObject({
      environment: 'dev',
      commit: 'abc1234',
      result: 'failed',
      events: 6,
      rowsQueried: null,
      stages: [
        { stage: 'ingest', result: 'passed' },
        { stage: 'deliver', result: 'passed' },
        { stage: 'transform', result: 'failed', detail: expect.stringMatching(/StateMachineDoesNotExist/) },
        { stage: 'query', result: 'not run', latencyMs: null },
      ],
    });
    expect(run.stdout).toMatch(
      /^transform +failed +\d+\.\d s {2}Starting state machine arn:aws:states:us-east-1:123456789012:stateMachine:launchpad-dev-gone \(StartExecution\) failed: StateMachineDoesNotExist/m,
    );
    expect(run.stdout).toMatch(/^query +not run +–$/m);
    expect(run.stdout).toMatch(/^total +failed /m);
    expect(run.stderr).toMatch(
      /\nStarting state machine .* failed: StateMachineDoesNotExist .*\nThe resource does not exist in this account and region/,
    );
  });

  it('exits 1 naming the stacks and outputs that are missing, before sending anything', async () => {
    const file = path.join(dir, 'partial.json');
    const { 'launchpad-dev-foundation': foundation, 'launchpad-dev-ingestion': ingestion } = local.outputs;
    writeFileSync(
      file,
      JSON.stringify({ 'launchpad-dev-foundation': foundation, 'launchpad-dev-ingestion': ingestion }),
    );

    const run = await smoke(['--env', 'dev', '--outputs', file], aws());

    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(
      `The smoke test cannot run against launchpad dev: outputs read from ${file}.`,
    );
    expect(run.stderr).toMatch(
      / {2}- stack launchpad-dev-orchestration \(phase 5, .*\) is not deployed; the transform stage needs it/,
    );
    expect(run.stderr).toMatch(
      / {2}- stack launchpad-dev-analytics \(phase 4, .*\) is not deployed; the query stage needs it/,
    );
    expect(run.stderr).toContain("Deploy with: npx cdk deploy 'dev/*' --outputs-file cdk-outputs/dev.json");
  });
});
