import { CreateApiKeyCommand } from '@aws-sdk/client-api-gateway';
import { AthenaClient } from '@aws-sdk/client-athena';
import { SFNClient } from '@aws-sdk/client-sfn';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { awsClientConfig } from '../aws/client-config.ts';
import {
  ok,
  type ScriptedJsonServer,
  serviceUnavailable,
  startScriptedJsonServer,
  throttlingError,
} from '../aws/testing/scripted-json-server.ts';
import { MOTO_CREDENTIALS } from '../events/testing/moto-server.ts';
import type { SmokeClients } from './clients.ts';
import type { Deployment } from './deployment.ts';
import { runSmoke, type SmokeReport } from './run-smoke.ts';
import { planRun } from './sample-run.ts';
import type { StageName } from './stage.ts';
import { type LocalDeployment, startLocalDeployment } from './testing/local-deployment.ts';

const FAST_POLL = { firstDelayMs: 50, maxDelayMs: 200 };
const RAW = 's3://launchpad-dev-raw-123456789012/stream/';
const CURATED = '"launchpad_dev_curated"."rides"';

let local: LocalDeployment;
let aws: ScriptedJsonServer;
/** Executions of the scripted Step Functions: how many DescribeExecution calls answer RUNNING, then how they end. */
let runningChecks = 1;
let ending: Record<string, unknown> = { status: 'SUCCEEDED' };
/** The history of an execution that has ended, oldest first after ExecutionStarted; a running one is in "Raw to clean". */
let endedHistory: readonly HistoryStep[] = [];

type HistoryStep = readonly [type: string, stateName?: string];
const entered = (name: string): HistoryStep => ['TaskStateEntered', name];
/** How the pipeline's state machine fails (infra/constructs/ride-pipeline-state-machine.ts): a task's error is
 * caught, the failure is published, and a Fail state ends the execution. */
const CAUGHT_GLUE_FAILURE: readonly HistoryStep[] = [
  entered('Raw to clean'),
  entered('Clean to curated'),
  ['TaskFailed'],
  entered('Notify failure'),
  ['FailStateEntered', 'Failed'],
  ['ExecutionFailed'],
];
const FAILED = {
  status: 'FAILED',
  error: 'Glue.AWSGlueException',
  cause: 'Job run jr_0123 of launchpad-dev-clean-to-curated failed: AnalysisException',
};
/** What the scripted Athena's GetQueryExecution says. */
let queryState: { State: string; StateChangeReason?: string } = { State: 'SUCCEEDED' };

beforeAll(async () => {
  [local, aws] = await Promise.all([startLocalDeployment(), startScriptedJsonServer()]);
  let lastQuery = '';
  let describes = 0;
  Object.assign(aws.handlers, {
    'AWSStepFunctions.StartExecution': (body: Record<string, unknown>) => {
      describes = 0;
      return ok({
        executionArn: `arn:aws:states:us-east-1:123456789012:execution:pipeline:${body.name}`,
        startDate: 1,
      });
    },
    'AWSStepFunctions.DescribeExecution': (body: Record<string, unknown>) =>
      ok({
        executionArn: body.executionArn,
        startDate: 1,
        ...(++describes > runningChecks ? ending : { status: 'RUNNING' }),
      }),
    // Newest first, as asked (reverseOrder).
    'AWSStepFunctions.GetExecutionHistory': () => {
      const steps: HistoryStep[] = [
        ['ExecutionStarted'],
        ...(describes > runningChecks ? endedHistory : [entered('Raw to clean')]),
      ];
      const { error, cause } = ending;
      const events = steps.map(([type, name], index) => ({
        id: index + 1,
        type,
        timestamp: index + 1,
        ...(name && { stateEnteredEventDetails: { name } }),
        ...(type === 'TaskFailed' && { taskFailedEventDetails: { error, cause } }),
        ...(type === 'ExecutionFailed' && { executionFailedEventDetails: { error, cause } }),
      }));
      return ok({ events: events.reverse() });
    },
    'AmazonAthena.StartQueryExecution': (body: Record<string, unknown>) => {
      lastQuery = String(body.QueryString);
      return ok({ QueryExecutionId: 'query-1' });
    },
    'AmazonAthena.GetQueryExecution': () =>
      ok({
        QueryExecution: {
          QueryExecutionId: 'query-1',
          Status: queryState,
          Statistics: { DataScannedInBytes: 2_500_000 },
        },
      }),
    // Every ride id the query asks for: the curated table holds them all.
    'AmazonAthena.GetQueryResults': () =>
      ok({
        ResultSet: {
          Rows: [
            { Data: [{ VarCharValue: 'ride_id' }] },
            ...[...lastQuery.matchAll(/'(ride-[0-9a-z]{10})'/g)].map((m) => ({
              Data: [{ VarCharValue: m[1] }],
            })),
          ],
        },
      }),
  });
});
afterAll(async () => {
  await Promise.all([local?.close(), aws?.close()]);
});
afterEach(() => {
  aws.reset();
  local.firehose = 'deliver';
  runningChecks = 1;
  ending = { status: 'SUCCEEDED' };
  endedHistory = [];
  queryState = { State: 'SUCCEEDED' };
});

/**
 * Step Functions (and Athena) clients aimed at the scripted server, with quick retries. moto runs one
 * execution per server, and the first test has it.
 */
function scripted(services: readonly ('sfn' | 'athena')[] = ['sfn', 'athena']): Partial<SmokeClients> {
  const config = () =>
    awsClientConfig({
      region: 'us-east-1',
      endpoint: aws.endpoint,
      credentials: MOTO_CREDENTIALS,
      maxAttempts: 3,
      requestTimeoutMs: 300,
    });
  return {
    ...(services.includes('sfn') ? { sfn: new SFNClient(config()) } : {}),
    ...(services.includes('athena') ? { athena: new AthenaClient(config()) } : {}),
  };
}

interface Smoke {
  readonly report: SmokeReport;
  readonly progress: string[];
  readonly started: StageName[];
}

async function smoke(
  options: {
    events?: number;
    clients?: Partial<SmokeClients>;
    deployment?: Partial<Deployment>;
    timeouts?: Partial<Record<StageName, number>>;
  } = {},
): Promise<Smoke> {
  const progress: string[] = [];
  const started: StageName[] = [];
  const clients = local.clients(options.clients);
  try {
    const report = await runSmoke({
      clients,
      deployment: { ...local.deployment, ...options.deployment },
      run: planRun(options.events ?? 10),
      timeouts: { deliver: 10_000, transform: 10_000, query: 10_000, ...options.timeouts },
      poll: FAST_POLL,
      reporter: {
        stageStarted: (stage) => started.push(stage),
        progress: (stage, elapsed, text) => progress.push(`${stage} ${elapsed} ${text}`),
      },
    });
    return { report, progress, started };
  } finally {
    for (const client of Object.values(clients)) client.destroy();
  }
}

const statuses = (report: SmokeReport) => report.stages.map((s) => s.status);
const failure = (report: SmokeReport) => report.stages.find((s) => s.error)?.error?.message ?? '';

describe('runSmoke against moto: a deployed environment', () => {
  it('passes end to end: events in through the API and the stream, out of Athena, each stage timed', async () => {
    local.answerNextQuery(12);

    const { report, started } = await smoke({ events: 12 });

    expect(failure(report)).toBe('');
    expect(report.passed).toBe(true);
    expect(started).toEqual(['ingest', 'deliver', 'transform', 'query']);
    const [ingest, deliver, transform, query] = report.stages;
    const rides = report.run.rideIds.length;
    expect(ingest?.detail).toMatch(
      /^\d+ events? \(\d+ rides?\) posted to the API, \d+ events? \(\d+ rides?\) put on stream launchpad-dev-rides$/,
    );
    expect(deliver?.detail).toMatch(new RegExp(`^12 of 12 events in ${RAW} \\(\\d+ objects? read\\)$`));
    expect(transform?.detail).toBe(`execution ${report.run.id} SUCCEEDED`);
    expect(query?.detail).toBe(`${rides} of ${rides} rides in ${CURATED} (scanned 0 B)`);
    for (const stage of report.stages) expect(stage.durationMs).toBeGreaterThanOrEqual(0);
    const stagesTime = report.stages.reduce((sum, s) => sum + (s.durationMs ?? 0), 0);
    expect(report.totalMs).toBeGreaterThanOrEqual(stagesTime);
  });

  it('fails in deliver when Firehose never writes, saying what it saw and where to look', async () => {
    local.firehose = 'never';

    const { report, progress } = await smoke({ timeouts: { deliver: 1500 } });

    expect(statuses(report)).toEqual(['passed', 'failed', 'not run', 'not run']);
    const message = failure(report);
    expect(message).toMatch(
      new RegExp(
        `^deliver stalled: 0 of 10 events in ${RAW} after 1\\.5 s \\(0 of \\d+ put on the stream, 0 of \\d+ posted to the API`,
      ),
    );
    expect(message).toContain('Firehose launchpad-dev-rides-to-raw is ACTIVE, writes every 60 s or 64 MB.');
    expect(message).toContain(
      'https://us-east-1.console.aws.amazon.com/firehose/home?region=us-east-1#/details/launchpad-dev-rides-to-raw/monitoring',
    );
    expect(message).toContain('CloudWatch log group /aws/kinesisfirehose/launchpad-dev-rides-to-raw');
    expect(message).toContain('a longer --deliver-timeout');
    expect(report.stages[1]?.durationMs).toBeGreaterThanOrEqual(1500);
    expect(report.stages[1]?.durationMs).toBeLessThan(4000);
    expect(progress.some((line) => /^deliver \d+ waiting for Firehose: 0 of 10 events in /.test(line))).toBe(
      true,
    );
  });

  it('stops at once when Firehose writes the run’s events as processing errors', async () => {
    local.firehose = 'errors';

    const { report } = await smoke();

    expect(statuses(report)).toEqual(['passed', 'failed', 'not run', 'not run']);
    expect(failure(report)).toMatch(
      new RegExp(
        `^Firehose could not deliver \\d+ of the run's events: it wrote them under ${RAW}errors/ ` +
          '\\(DynamicPartitioning\\.MetadataExtractionFailed: Non JSON record provided\\)',
      ),
    );
    expect(report.stages[1]?.durationMs).toBeLessThan(5000);
  });

  it('names the state the state machine failed in, its error, and the execution’s console page', async () => {
    ending = FAILED;
    endedHistory = CAUGHT_GLUE_FAILURE;

    const { report } = await smoke({ clients: scripted(['sfn']) });

    expect(statuses(report)).toEqual(['passed', 'passed', 'failed', 'not run']);
    const message = failure(report);
    expect(message).toMatch(
      /^transform failed: execution smoke-\d{8}-\d{6}-[0-9a-f]{4} FAILED in state "Clean to curated": Glue\.AWSGlueException: Job run jr_0123 of launchpad-dev-clean-to-curated failed: AnalysisException\.\n/,
    );
    expect(message).toContain(
      `https://us-east-1.console.aws.amazon.com/states/home?region=us-east-1#/v2/executions/details/arn:aws:states:us-east-1:123456789012:execution:pipeline:${report.run.id}`,
    );
  });

  it('shows the last states of a failed execution when no task failed', async () => {
    ending = {
      status: 'FAILED',
      error: 'CrawlerFailed',
      cause: 'Crawler launchpad-dev-raw-crawler failed: Access denied',
    };
    endedHistory = [
      entered('Start crawler'),
      ['PassStateEntered', 'Crawl failed'],
      entered('Notify failure'),
      ['FailStateEntered', 'Failed'],
      ['ExecutionFailed'],
    ];

    const { report } = await smoke({ clients: scripted(['sfn']) });

    expect(failure(report)).toMatch(
      /^transform failed: execution smoke-\S+ FAILED after "Crawl failed" → "Notify failure" → "Failed": CrawlerFailed: Crawler launchpad-dev-raw-crawler failed: Access denied\.\n/,
    );
  });

  it('names how many of the run’s rides the curated table is missing, and which way they came in', async () => {
    local.answerNextQuery(10, 2);

    const { report } = await smoke({ clients: scripted(['sfn']) });

    expect(statuses(report)).toEqual(['passed', 'passed', 'passed', 'failed']);
    expect(failure(report)).toMatch(
      new RegExp(
        `^query: 2 of ${report.run.rideIds.length} rides of the run are missing from ${CURATED} ` +
          '\\([0-2] sent through the API, [0-2] through the stream\\): ride-[0-9a-z]{10}, ride-[0-9a-z]{10}\\.\n',
      ),
    );
    expect(failure(report)).toContain(
      'https://us-east-1.console.aws.amazon.com/athena/home?region=us-east-1#/query-editor/history/',
    );
  });

  it('fails in ingest when the API refuses the key', async () => {
    const setup = local.clients();
    const other = await setup.apiGateway.send(
      new CreateApiKeyCommand({ name: 'other', value: 'another-key-0123456789abcdef', enabled: true }),
    );
    setup.apiGateway.destroy();

    const { report } = await smoke({ deployment: { apiKeyId: other.id } });

    expect(statuses(report)).toEqual(['failed', 'not run', 'not run', 'not run']);
    expect(failure(report)).toMatch(
      /^Posting events to http:\/\/127\.0\.0\.1:\d+\/dev\/events: The API refused the request with HTTP 403 .*Check --api-key/,
    );
  });
});

describe('runSmoke with AWS faults (Step Functions and Athena from a scripted server)', () => {
  it('retries throttling, server errors, dropped connections and answers that come too late, then passes', async () => {
    aws.addFault({ target: 'AWSStepFunctions.StartExecution', answer: throttlingError(), times: 2 });
    aws.addFault({ target: 'AWSStepFunctions.DescribeExecution', answer: { delayMs: 1000 } });
    aws.addFault({ target: 'AmazonAthena.GetQueryExecution', answer: serviceUnavailable() });
    aws.addFault({ target: 'AmazonAthena.GetQueryResults', answer: 'drop' });

    const { report } = await smoke({ clients: scripted() });

    expect(failure(report)).toBe('');
    expect(report.passed).toBe(true);
    const starts = aws.requestsFor('AWSStepFunctions.StartExecution');
    expect(starts.map((r) => r.status)).toEqual([400, 400, 200]);
    expect(starts.map((r) => r.headers['amz-sdk-request'])).toEqual(
      [1, 2, 3].map((n) => `attempt=${n}; max=3`),
    );
    expect(new Set(starts.map((r) => r.body.name))).toEqual(new Set([report.run.id]));
    expect(
      aws
        .requestsFor('AWSStepFunctions.DescribeExecution')
        .map((r) => r.status)
        .slice(0, 2),
    ).toEqual([-1, 200]);
    expect(
      aws
        .requestsFor('AmazonAthena.GetQueryExecution')
        .map((r) => r.status)
        .slice(0, 2),
    ).toEqual([503, 200]);
    expect(aws.requestsFor('AmazonAthena.GetQueryResults').map((r) => r.status)).toEqual([-1, 200]);
    expect(report.stages[3]?.detail).toBe(
      `${report.run.rideIds.length} of ${report.run.rideIds.length} rides in ${CURATED} (scanned 2.4 MB)`,
    );
  });

  it('gives up on a fault that does not clear, naming the call and the attempts', async () => {
    aws.addFault({
      target: 'AmazonAthena.StartQueryExecution',
      answer: serviceUnavailable(),
      times: Infinity,
    });

    const { report } = await smoke({ clients: scripted() });

    expect(statuses(report)).toEqual(['passed', 'passed', 'passed', 'failed']);
    expect(failure(report)).toMatch(
      new RegExp(
        `^Starting the Athena query on ${CURATED} in workgroup launchpad-dev-analytics \\(StartQueryExecution\\) failed: ` +
          'ServiceUnavailableException \\(HTTP 503\\): Service Unavailable; gave up after 3 attempts and [\\d.]+ s of backoff\\.\n' +
          'The service or the network had a problem that outlasted the retries',
      ),
    );
    expect(aws.requestsFor('AmazonAthena.StartQueryExecution')).toHaveLength(3);
  });

  it('reports a state machine that does not end in time, with its state and how to stop it', async () => {
    runningChecks = Infinity;

    const { report, progress } = await smoke({ clients: scripted(), timeouts: { transform: 800 } });

    expect(statuses(report)).toEqual(['passed', 'passed', 'failed', 'not run']);
    const message = failure(report);
    expect(message).toMatch(
      /^transform stalled: execution smoke-\S+ RUNNING in state "Raw to clean" after 0\.8 s\.\nCheck next: the execution's graph and events, https:\/\/us-east-1\.console\.aws\.amazon\.com\/states\//,
    );
    expect(message).toContain(
      'stop-execution --execution-arn arn:aws:states:us-east-1:123456789012:execution:pipeline:smoke-',
    );
    expect(progress.some((l) => l.includes('waiting for the state machine: execution smoke-'))).toBe(true);
  });

  it('reports a query Athena could not run, with its reason', async () => {
    queryState = {
      State: 'FAILED',
      StateChangeReason:
        "TABLE_NOT_FOUND: line 1:30: Table 'awsdatacatalog.launchpad_dev_curated.rides' does not exist",
    };

    const { report } = await smoke({ clients: scripted() });

    expect(failure(report)).toMatch(
      new RegExp(
        "^query failed: Athena query query-1 FAILED: TABLE_NOT_FOUND: line 1:30: Table 'awsdatacatalog\\.launchpad_dev_curated\\.rides' does not exist\\.\n" +
          `Check next: https://us-east-1\\.console\\.aws\\.amazon\\.com/athena/.*; that ${CURATED} exists in the Glue Data Catalog`,
      ),
    );
  });

  it('refuses a deployment whose API key has no value', async () => {
    const { report } = await smoke({ clients: scripted(), deployment: { apiKeyId: 'nosuchkey' } });

    expect(statuses(report)).toEqual(['failed', 'not run', 'not run', 'not run']);
    expect(failure(report)).toMatch(
      /^Reading the API key nosuchkey \(apigateway GetApiKey\) failed: NotFoundException/,
    );
  });
});
