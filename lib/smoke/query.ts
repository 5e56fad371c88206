import {
  GetQueryExecutionCommand,
  type GetQueryExecutionCommandOutput,
  GetQueryResultsCommand,
  StartQueryExecutionCommand,
} from '@aws-sdk/client-athena';
import { PollTimeoutError, pollUntil } from '../aws/poll.ts';
import { consoleLinks } from './console-links.ts';
import { formatDuration } from './duration.ts';
import { call, type Stage, type StageContext, StageError } from './stage.ts';

/** The curated table the query reads (pipeline/glue/clean_to_curated.py writes it). */
export const CURATED_TABLE = 'rides';
const RIDE_ID = /^ride-[0-9a-z]{10}$/;

/** The Athena query: which of the run's rides the curated table holds. */
export function ridesQuery(database: string, rideIds: readonly string[]): string {
  for (const id of rideIds) {
    if (!RIDE_ID.test(id)) throw new Error(`Not a ride id: ${JSON.stringify(id)}`);
  }
  const quoted = `"${database.replaceAll('"', '""')}"."${CURATED_TABLE}"`;
  return `SELECT DISTINCT ride_id FROM ${quoted} WHERE ride_id IN (${rideIds.map((id) => `'${id}'`).join(', ')})`;
}

/**
 * Query: asks Athena, in the environment's workgroup, which of the run's rides the curated table holds,
 * and passes when it holds all of them.
 */
export const queryStage: Stage = {
  name: 'query',
  async run(context) {
    const { clients, deployment, run } = context;
    const table = `"${deployment.curatedDatabase}"."${CURATED_TABLE}"`;
    const { QueryExecutionId: queryId } = await call(
      'query',
      `Starting the Athena query on ${table} in workgroup ${deployment.workgroup} (StartQueryExecution)`,
      () =>
        clients.athena.send(
          new StartQueryExecutionCommand({
            QueryString: ridesQuery(deployment.curatedDatabase, run.rideIds),
            WorkGroup: deployment.workgroup,
            QueryExecutionContext: { Database: deployment.curatedDatabase },
          }),
        ),
    );
    const id = queryId as string;
    const link = consoleLinks.athenaQuery(deployment.region, id);

    const check = async () => {
      const output = await call('query', `Reading Athena query ${id} (GetQueryExecution)`, () =>
        clients.athena.send(new GetQueryExecutionCommand({ QueryExecutionId: id })),
      );
      const state = output.QueryExecution?.Status?.State ?? 'QUEUED';
      if (state === 'SUCCEEDED' || state === 'FAILED' || state === 'CANCELLED') {
        return { done: true as const, value: output };
      }
      return { done: false as const, observed: `Athena query ${id} ${state}` };
    };
    let execution: GetQueryExecutionCommandOutput;
    try {
      ({ value: execution } = await pollUntil(check, {
        timeoutMs: context.timeoutMs,
        ...context.poll,
        clock: context.clock,
        onWait: (wait) =>
          context.progress(
            `waiting for Athena: ${wait.observed}; next check in ${formatDuration(wait.delayMs)}`,
          ),
      }));
    } catch (error) {
      if (!(error instanceof PollTimeoutError)) throw error;
      throw new StageError(
        'query',
        `query stalled: ${error.observed} after ${formatDuration(context.timeoutMs)} in workgroup ${deployment.workgroup}.\n` +
          `Check next: the query in the console, ${link}; the workgroup's other running queries (it may be queued behind them). ` +
          'Raise --query-timeout if it is only slow.',
      );
    }
    const status = execution.QueryExecution?.Status;
    if (status?.State !== 'SUCCEEDED') {
      throw new StageError(
        'query',
        `query failed: Athena query ${id} ${status?.State}: ${status?.StateChangeReason ?? 'no reason given'}.\n` +
          `Check next: ${link}; that ${table} exists in the Glue Data Catalog (the analytics phase registers it) ` +
          'and that the workgroup can write its results.',
      );
    }

    const present = await rideIdsInResults(context, id, new Set(run.rideIds));
    const missing = run.rideIds.filter((rideId) => !present.has(rideId));
    const scanned = execution.QueryExecution?.Statistics?.DataScannedInBytes ?? 0;
    if (missing.length > 0) throw missingRides(context, missing, table, link);
    return `${run.rideIds.length} of ${run.rideIds.length} rides in ${table} (scanned ${formatBytes(scanned)})`;
  },
};

/** Ride ids of the run among the results; Athena's first row is the header, which matches no ride id. */
async function rideIdsInResults(context: StageContext, queryId: string, runRides: ReadonlySet<string>) {
  const present = new Set<string>();
  let nextToken: string | undefined;
  do {
    const page = await call('query', `Reading the results of Athena query ${queryId} (GetQueryResults)`, () =>
      context.clients.athena.send(
        new GetQueryResultsCommand({ QueryExecutionId: queryId, NextToken: nextToken }),
      ),
    );
    for (const row of page.ResultSet?.Rows ?? []) {
      const value = row.Data?.[0]?.VarCharValue;
      if (value !== undefined && runRides.has(value)) present.add(value);
    }
    nextToken = page.NextToken;
  } while (nextToken);
  return present;
}

function missingRides(
  context: StageContext,
  missing: readonly string[],
  table: string,
  link: string,
): StageError {
  const { run } = context;
  const pathOf = new Map(run.records.map((r) => [r.rideId, r.path]));
  const viaApi = missing.filter((id) => pathOf.get(id) === 'api').length;
  const shown = missing.slice(0, 10).join(', ') + (missing.length > 10 ? ', …' : '');
  return new StageError(
    'query',
    `query: ${missing.length} of ${run.rideIds.length} rides of the run are missing from ${table} ` +
      `(${viaApi} sent through the API, ${missing.length - viaApi} through the stream): ${shown}.\n` +
      'Their events reached the raw zone, so the transform left them out. Check next: the Glue job runs the ' +
      'execution started (raw-to-clean, then clean-to-curated), their logs, and their job bookmarks; ' +
      `the query: ${link}`,
  );
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 ** 2) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
}
