// The pipeline's state machine executed: the definition synthesized for dev (read from the test run's cloud
// assembly) runs in aws-local-stepfunctions, an interpreter of the Amazon States Language, with stand-ins
// answering its tasks as Glue, Athena, Lambda and SNS would. Each scenario asserts the path taken, what was
// sent to the alerts topic, and how the execution ended. The data-quality function's own tests are beside
// it (pipeline/lambdas/data_quality); here a stand-in answers for it as Lambda would.
import { describe, expect, it } from 'vitest';
import { resourcesOfType, stackOf } from '../../test/assembly.ts';
import { EXECUTION_NAME, runLocally, TaskError, type TaskStandIn } from '../../test/local-execution.ts';
import { HAPPY_PATH, stateMachineDefinition } from '../../test/state-machine.ts';

const CRAWLER = 'launchpad-dev-raw-crawler';
const JOBS = {
  'Raw to clean': 'launchpad-dev-raw-to-clean',
  'Clean to curated': 'launchpad-dev-clean-to-curated',
};
const QUERIES = ['Drop summary table', 'Build summary table (CTAS)'];

let synthesized: Record<string, any> | undefined;
/** The dev definition, read once per file (scenarios must not change it: the interpreter does not). */
function definition(): Record<string, any> {
  if (!synthesized) {
    const stack = stackOf('dev', 'orchestration');
    const [[, machine] = []] = resourcesOfType(stack, 'AWS::StepFunctions::StateMachine');
    if (!machine) throw new Error('dev/orchestration has no state machine');
    synthesized = stateMachineDefinition(machine, stack.template);
  }
  return synthesized;
}

/** What each service answers when all goes well (the fields the definition selects, in the services' shapes). */
function happy(): Record<string, TaskStandIn> {
  return {
    'Start crawler': () => ({}),
    'Get crawler': () => ({
      Crawler: { Name: CRAWLER, State: 'READY', LastCrawl: { Status: 'SUCCEEDED' } },
    }),
    ...Object.fromEntries(
      Object.keys(JOBS).map((state) => [
        state,
        (input: { JobName: string }) => ({
          Id: `jr_${input.JobName}`,
          JobName: input.JobName,
          JobRunState: 'SUCCEEDED',
          ExecutionTime: 61,
        }),
      ]),
    ),
    ...Object.fromEntries(
      QUERIES.map((state, index) => [
        state,
        () => ({ QueryExecution: { QueryExecutionId: `q-${index}`, Status: { State: 'SUCCEEDED' } } }),
      ]),
    ),
    'Check data quality': () => lambdaAnswer(QUALITY_PASSED),
    'Notify failure': () => ({ MessageId: 'm-1' }),
  };
}

const QUALITY_PASSED = {
  passed: true,
  cause: '',
  table: 'launchpad_dev_curated.rides',
  rides: 120,
  partitions: [{ year: '2026', month: '11', rides: 120 }],
  problems: [],
};
/** What Step Functions' lambda:invoke integration returns: the function's answer under Payload. */
const lambdaAnswer = (payload: object) => ({ ExecutedVersion: '$LATEST', StatusCode: 200, Payload: payload });

/** The message of every alert published, parsed as the e-mail shows it. */
const alerts = (calls: Record<string, any[]>) =>
  (calls['Notify failure'] ?? []).map((input) => ({ subject: input.Subject, ...input.Message }));

/** A service integration's failure as Step Functions reports it for a `.sync` task. */
const taskFailed = (cause: object) => new TaskError('States.TaskFailed', JSON.stringify(cause));

describe('the pipeline state machine, executed locally (dev)', () => {
  it('runs the happy path: crawl, both jobs, the check, the summary rebuilt in a folder named by the run', async () => {
    const run = await runLocally(definition(), happy());
    expect(run.status).toBe('SUCCEEDED');
    expect(run.states).toEqual(HAPPY_PATH);
    expect(run.calls['Start crawler']).toEqual([{ Name: CRAWLER }]);
    expect(run.calls['Raw to clean']).toEqual([{ JobName: JOBS['Raw to clean'] }]);
    expect(run.calls['Build summary table (CTAS)']?.[0]).toMatchObject({
      WorkGroup: 'launchpad-dev-analytics',
      QueryExecutionContext: { Database: 'launchpad_dev_curated' },
    });
    expect(run.calls['Build summary table (CTAS)']?.[0].QueryString).toContain(
      `s3://launchpad-dev-curated-123456789012/summaries/city_daily_summary/run=${EXECUTION_NAME}/`,
    );
    expect(run.output.jobs).toEqual({
      Rawtoclean: { id: `jr_${JOBS['Raw to clean']}`, state: 'SUCCEEDED', seconds: 61 },
      Cleantocurated: { id: `jr_${JOBS['Clean to curated']}`, state: 'SUCCEEDED', seconds: 61 },
    });
    expect(run.calls['Check data quality']).toEqual([
      {
        FunctionName: 'arn:aws:lambda:us-east-1:123456789012:function:launchpad-dev-data-quality',
        Payload: {
          execution: expect.stringContaining(`:execution:launchpad-dev-pipeline:${EXECUTION_NAME}`),
        },
      },
    ]);
    expect(run.output.quality).toEqual({
      passed: true,
      cause: '',
      rides: 120,
      partitions: QUALITY_PASSED.partitions,
    });
    expect(alerts(run.calls)).toEqual([]);
  });

  it('waits for a crawler that is already running, polling until it is ready', async () => {
    const states = ['RUNNING', 'STOPPING', 'READY'];
    const run = await runLocally(definition(), {
      ...happy(),
      'Start crawler': () => {
        throw new TaskError(
          'Glue.CrawlerRunningException',
          `Crawler with name ${CRAWLER} has already started`,
        );
      },
      'Get crawler': (_input, attempt) => ({
        Crawler: { State: states[attempt - 1], LastCrawl: { Status: 'SUCCEEDED' } },
      }),
    });
    expect(run.status).toBe('SUCCEEDED');
    expect(run.calls['Get crawler']).toHaveLength(3);
    expect(run.states.filter((s) => s === 'Wait for crawler')).toHaveLength(3);
    expect(alerts(run.calls)).toEqual([]);
  });

  it('alerts with the crawler’s error message when the crawl failed, then fails', async () => {
    const run = await runLocally(definition(), {
      ...happy(),
      'Get crawler': () => ({
        Crawler: {
          State: 'READY',
          LastCrawl: { Status: 'FAILED', ErrorMessage: 'Insufficient Lake Formation permission(s) on rides' },
        },
      }),
    });
    const cause = `Crawler ${CRAWLER} failed: Insufficient Lake Formation permission(s) on rides`;
    expect(alerts(run.calls)).toEqual([
      {
        subject: 'Pipeline launchpad-dev-pipeline failed',
        execution: expect.stringContaining(EXECUTION_NAME),
        error: 'CrawlerFailed',
        cause,
      },
    ]);
    expect(run).toMatchObject({ status: 'FAILED', error: 'CrawlerFailed', cause });
    expect(run.states.slice(-3)).toEqual(['Crawl failed', 'Notify failure', 'Failed']);
    expect(run.calls['Raw to clean']).toBeUndefined();
  });

  it.each(Object.entries(JOBS))(
    'alerts with the job’s error when %s fails, then fails',
    async (state, job) => {
      const cause = {
        JobName: job,
        JobRunState: 'FAILED',
        ErrorMessage: 'AnalysisException: cannot resolve `fare_amount`',
      };
      const run = await runLocally(definition(), {
        ...happy(),
        [state]: () => {
          throw taskFailed(cause);
        },
      });
      const [alert] = alerts(run.calls);
      expect(alert?.error).toBe('States.TaskFailed');
      expect(alert?.cause).toContain('AnalysisException: cannot resolve `fare_amount`');
      expect(run).toMatchObject({
        status: 'FAILED',
        error: 'States.TaskFailed',
        cause: JSON.stringify(cause),
      });
      expect(run.states.slice(-2)).toEqual(['Notify failure', 'Failed']);
      expect(run.calls['Drop summary table']).toBeUndefined();
    },
  );

  it.each(QUERIES)('alerts with Athena’s reason when “%s” fails, then fails', async (state) => {
    const reason = 'TABLE_NOT_FOUND: line 1:77: Table launchpad_dev_curated.rides does not exist';
    const run = await runLocally(definition(), {
      ...happy(),
      [state]: () => {
        throw taskFailed({ QueryExecution: { Status: { State: 'FAILED', StateChangeReason: reason } } });
      },
    });
    expect(alerts(run.calls)).toHaveLength(1);
    expect(alerts(run.calls)[0]?.cause).toContain(reason);
    expect(run).toMatchObject({ status: 'FAILED', error: 'States.TaskFailed' });
    expect(run.cause).toContain(reason);
    expect(run.states.at(-1)).toBe('Failed');
  });

  it('alerts with the check’s cause when the curated table fails it, and keeps the old summary', async () => {
    const cause =
      'Data quality check of launchpad_dev_curated.rides failed: 2 ride ids appear more than once (most: ride-00000000ab ×2, ride-00000000cd ×2). 118 rows in 1 partitions; the counts per partition are in the execution’s output.';
    const run = await runLocally(definition(), {
      ...happy(),
      'Check data quality': () => lambdaAnswer({ ...QUALITY_PASSED, passed: false, cause, rides: 118 }),
    });
    expect(alerts(run.calls)).toEqual([expect.objectContaining({ error: 'DataQualityFailed', cause })]);
    expect(run).toMatchObject({ status: 'FAILED', error: 'DataQualityFailed', cause });
    expect(run.states.slice(-4)).toEqual([
      'Data quality passed?',
      'Data quality failed',
      'Notify failure',
      'Failed',
    ]);
    expect(run.calls['Drop summary table']).toBeUndefined();
  });

  it('alerts with the function’s error when the check cannot run', async () => {
    // A Python exception reaches Step Functions as its class name and a JSON cause with its message.
    const message =
      'The query of rides per partition FAILED in workgroup launchpad-dev-analytics (query q-9): Access denied';
    const run = await runLocally(definition(), {
      ...happy(),
      'Check data quality': () => {
        throw new TaskError(
          'QueryFailed',
          JSON.stringify({
            errorMessage: message,
            errorType: 'QueryFailed',
            requestId: 'r-1',
            stackTrace: [],
          }),
        );
      },
    });
    expect(run.calls['Check data quality']).toHaveLength(1);
    expect(alerts(run.calls)[0]?.cause).toContain(message);
    expect(run).toMatchObject({ status: 'FAILED', error: 'QueryFailed' });
    expect(run.cause).toContain(message);
  });

  /** Every Task state the happy path runs, with the Retry the definition gives it. */
  const retried = () =>
    HAPPY_PATH.filter((name) => definition().States[name].Type === 'Task').map((name) => {
      const [retry] = definition().States[name].Retry as { ErrorEquals: string[]; MaxAttempts: number }[];
      return [name, retry] as const;
    });

  it('retries each task’s throttling, then carries on as if nothing happened', async () => {
    expect(retried().map(([name]) => name)).toHaveLength(7);
    for (const [name, retry] of retried()) {
      const throttled = retry?.ErrorEquals.find((e) => /Throttl|TooManyRequests/.test(e)) ?? '';
      const standIns = happy();
      const succeed = standIns[name] as TaskStandIn;
      const run = await runLocally(definition(), {
        ...standIns,
        [name]: (input, attempt) => {
          if (attempt <= 2) throw new TaskError(throttled, 'Rate exceeded');
          return succeed(input, attempt);
        },
      });
      expect(run.status, name).toBe('SUCCEEDED');
      expect(run.calls[name], name).toHaveLength(3);
      expect(alerts(run.calls), name).toEqual([]);
    }
  });

  it('gives up after the Retry’s MaxAttempts, then alerts with the last error and fails', async () => {
    for (const [name, retry] of retried()) {
      const error = retry?.ErrorEquals.at(-1) ?? '';
      const run = await runLocally(definition(), {
        ...happy(),
        [name]: () => {
          throw new TaskError(error, `${name}: still failing`);
        },
      });
      expect(run.calls[name], name).toHaveLength(1 + (retry?.MaxAttempts ?? 0));
      expect(alerts(run.calls), name).toEqual([
        expect.objectContaining({ error, cause: `${name}: still failing` }),
      ]);
      expect(run, name).toMatchObject({ status: 'FAILED', error, cause: `${name}: still failing` });
    }
  });

  it('retries a throttled alert, so a failure is still reported', async () => {
    const run = await runLocally(definition(), {
      ...happy(),
      'Raw to clean': () => {
        throw taskFailed({ ErrorMessage: 'Out of memory' });
      },
      'Notify failure': (_input, attempt) => {
        if (attempt === 1) throw new TaskError('SNS.ThrottledException', 'Rate exceeded');
        return { MessageId: 'm-2' };
      },
    });
    expect(run.calls['Notify failure']).toHaveLength(2);
    expect(run).toMatchObject({ status: 'FAILED', error: 'States.TaskFailed' });
    expect(run.cause).toContain('Out of memory');
  });
});
