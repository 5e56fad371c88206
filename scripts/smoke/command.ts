// What `npm run smoke` does (scripts/smoke.ts runs it): the end-to-end check of a deployed environment
// (ingest → deliver → transform → query). Apart from its entry so that tests call it in process.
import { execFileSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { loadEnvironmentConfig } from '../../lib/config/load-config.ts';
import { evidenceOf, readEvidence, writeEvidence } from '../../lib/evidence/run-evidence.ts';
import {
  cloudFormationOutputs,
  createSmokeClients,
  DEFAULT_POLL,
  DEFAULT_TIMEOUTS,
  DeploymentError,
  destroyClients,
  fileOutputs,
  formatDuration,
  formatHeading,
  formatProgress,
  formatReport,
  MAX_SMOKE_EVENTS,
  parseDuration,
  planRun,
  resolveDeployment,
  runSmoke,
  type StageName,
} from '../../lib/smoke/index.ts';

export const HELP = `Usage: npm run smoke -- --env <name> [options]

Checks a deployed environment end to end, the way the capstone's data goes:
  ingest     sample ride events go in: half the rides POSTed to the ingestion API (its key read from
             API Gateway), the other half put on the Kinesis stream
  deliver    Firehose writes every one of them to the raw bucket under stream/ (checked by event id)
  transform  the state machine runs the Glue jobs raw → clean → curated, as an execution named after the run
  query      Athena finds every ride of the run in the curated rides table
Prints each stage's latency and the total. When a stage fails or stalls, exits with 1 and says which stage,
what it saw and what to check next. Needs AWS credentials for the environment's account; a run costs about
10 to 20 cents, mostly the Glue crawler and jobs (docs/guides/smoke-test.md).

What to test:
  --env <name>               the environment: config/<name>.json gives the project name and the region;
                             the stacks are <project>-<name>-<phase>
  --outputs <file>           read the stacks' outputs from a cdk deploy --outputs-file file (e.g.
                             cdk-outputs/dev.json) instead of from CloudFormation (DescribeStacks)
  --events <n>               sample events to send, 1 to ${MAX_SMOKE_EVENTS}. Default 20

Proof of run:
  --evidence <file>          also write the result, passed or failed, as JSON (date, commit, each stage's
                             latency, rows queried, phases deployed; lib/evidence/run-evidence.schema.json).
                             npm run docs reads docs/evidence/<env>/last-run.json for the README's "Last
                             verified run", its badge and the portfolio's roadmap progress
  --commit <sha>             the commit deployed, for --evidence. Default: GITHUB_SHA, else git rev-parse HEAD

How long each stage may take (250ms, 90s, 6m, 1h30m):
  --ingest-timeout <d>       Default ${flag(DEFAULT_TIMEOUTS.ingest)}
  --deliver-timeout <d>      Default ${flag(DEFAULT_TIMEOUTS.deliver)} (Firehose holds records up to its buffer interval)
  --transform-timeout <d>    Default ${flag(DEFAULT_TIMEOUTS.transform)} (two Glue jobs, each waiting for its workers)
  --query-timeout <d>        Default ${flag(DEFAULT_TIMEOUTS.query)}
  --poll-interval <d>        first wait between two checks; it grows 1.5× while nothing changes and comes
                             back after a check that sees progress. Default: deliver ${flag(DEFAULT_POLL.deliver.firstDelayMs)}, transform ${flag(DEFAULT_POLL.transform.firstDelayMs)},
                             query ${flag(DEFAULT_POLL.query.firstDelayMs)}
  --max-poll-interval <d>    longest wait between two checks. Default ${flag(DEFAULT_POLL.deliver.maxDelayMs)} (query ${flag(DEFAULT_POLL.query.maxDelayMs)})

Where AWS is:
  --endpoint-url <url>       send every AWS call there (a local AWS such as moto's server). Default:
                             AWS_ENDPOINT_URL
  --max-attempts <n>         attempts per AWS call; throttling, 5xx answers and timeouts are retried with
                             backoff in between. Default 5
  -h, --help                 show this help

Examples:
  npm run smoke -- --env dev
  npm run smoke -- --env dev --outputs cdk-outputs/dev.json --events 100 --deliver-timeout 10m
  npm run smoke -- --env dev --evidence docs/evidence/dev/last-run.json

Guide: docs/guides/smoke-test.md`;

export async function smoke(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      env: { type: 'string' },
      outputs: { type: 'string' },
      events: { type: 'string', default: '20' },
      evidence: { type: 'string' },
      commit: { type: 'string' },
      'ingest-timeout': { type: 'string' },
      'deliver-timeout': { type: 'string' },
      'transform-timeout': { type: 'string' },
      'query-timeout': { type: 'string' },
      'poll-interval': { type: 'string' },
      'max-poll-interval': { type: 'string' },
      'endpoint-url': { type: 'string' },
      'max-attempts': { type: 'string', default: '5' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return console.log(HELP);
  if (values.env === undefined) throw usage('Say which environment to test: --env <name>, e.g. --env dev');

  const events = wholeNumber('events', values.events, 1, MAX_SMOKE_EVENTS);
  const maxAttempts = wholeNumber('max-attempts', values['max-attempts'], 1, 20);
  const timeouts: Partial<Record<StageName, number>> = {};
  for (const [stage, text] of [
    ['ingest', values['ingest-timeout']],
    ['deliver', values['deliver-timeout']],
    ['transform', values['transform-timeout']],
    ['query', values['query-timeout']],
  ] as const) {
    if (text !== undefined) timeouts[stage] = duration(`${stage}-timeout`, text);
  }
  const poll = {
    ...(values['poll-interval'] && { firstDelayMs: duration('poll-interval', values['poll-interval']) }),
    ...(values['max-poll-interval'] && {
      maxDelayMs: duration('max-poll-interval', values['max-poll-interval']),
    }),
  };
  const config = loadEnvironmentConfig(values.env);
  // Before any AWS call: a run that cannot be recorded should not cost its 10 to 20 cents.
  const commit = values.evidence === undefined ? undefined : commitOf(values.commit);
  const previous = values.evidence === undefined ? undefined : readEvidence(values.evidence);
  const endpoint = values['endpoint-url'] ?? process.env.AWS_ENDPOINT_URL;

  const clients = createSmokeClients({ region: config.region, endpoint, maxAttempts });
  try {
    await checkCredentials(clients.cloudFormation.config.credentials, config.environment, config.region);
    const deployment = await resolveDeployment({
      project: config.project,
      environment: config.environment,
      region: config.region,
      read: values.outputs ? fileOutputs(values.outputs) : cloudFormationOutputs(clients.cloudFormation),
      source: values.outputs ?? `CloudFormation in ${config.region}${endpoint ? ` at ${endpoint}` : ''}`,
      phases: config.phases,
      configFile: config.file,
    });
    const run = planRun(events);
    console.log(formatHeading({ run, deployment }));
    const report = await runSmoke({
      clients,
      deployment,
      run,
      timeouts,
      poll,
      reporter: {
        stageStarted: (stage) => console.error(`[${stage}] started`),
        progress: (stage, elapsed, text) => console.error(formatProgress(stage, elapsed, text)),
        stageEnded: (result) =>
          console.error(`[${result.stage}] ${result.status} in ${formatDuration(result.durationMs ?? 0)}`),
      },
    });
    console.log(`\n${formatReport(report)}`);
    if (values.evidence !== undefined && commit !== undefined) {
      writeEvidence(values.evidence, evidenceOf(report, { commit, phases: config.phases, previous }));
      console.log(`Evidence of this run: ${values.evidence} (npm run docs shows it in the README).`);
    }
    const failed = report.stages.find((s) => s.error);
    if (failed?.error) {
      console.error(`\n${failed.error.message}`);
      process.exitCode = 1;
    }
  } catch (error) {
    if (!(error instanceof DeploymentError)) throw error;
    console.error(error.message);
    process.exitCode = 1;
  } finally {
    destroyClients(clients);
  }
}

/** Fails before anything is sent when there are no credentials: the message says how to get them. */
async function checkCredentials(credentials: () => Promise<unknown>, environment: string, region: string) {
  try {
    await credentials();
  } catch (error) {
    throw new DeploymentError(
      `npm run smoke calls AWS and needs credentials for the account ${environment} is deployed in (${region}): ` +
        'aws sso login, AWS_PROFILE, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.\n' +
        `(${error instanceof Error ? error.message : String(error)})`,
    );
  }
}

/** The commit deployed: --commit, the workflow's GITHUB_SHA, or the checkout's HEAD. */
function commitOf(flagValue: string | undefined): string {
  const sha = flagValue ?? process.env.GITHUB_SHA ?? gitHead();
  if (sha === undefined || !/^[0-9a-f]{7,40}$/.test(sha)) {
    throw usage(
      `--commit must be the deployed commit's SHA (7 to 40 lower-case hex digits), not "${sha ?? ''}"; outside a git checkout pass --commit <sha>`,
    );
  }
  return sha;
}

function gitHead(): string | undefined {
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    return undefined;
  }
}

/** A duration as the options take it: 6m, 30s, 500ms. */
function flag(ms: number): string {
  if (ms % 60_000 === 0) return `${ms / 60_000}m`;
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`;
}

function duration(name: string, text: string): number {
  const ms = parseDuration(text);
  if (ms === undefined || ms <= 0) {
    throw usage(`--${name} must be a duration such as 90s, 6m or 1h30m, not "${text}"`);
  }
  return ms;
}

function wholeNumber(name: string, text: string | undefined, min: number, max: number): number {
  const value = Number(text);
  if (text === undefined || !/^\d+$/.test(text) || value < min || value > max) {
    throw usage(`--${name} must be a whole number from ${min} to ${max}, not "${text}"`);
  }
  return value;
}

function usage(message: string): Error {
  return Object.assign(new TypeError(`${message}.`), { code: 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' });
}
