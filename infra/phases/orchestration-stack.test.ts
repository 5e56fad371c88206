import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { loadEnvironmentConfig } from '../../lib/config/load-config.ts';
import { type CloudFormationResource, resourcesOfType, stackOf } from '../../test/assembly.ts';
import { actionsOf, type Statement } from '../../test/iam.ts';
import { HAPPY_PATH, stateMachineDefinition } from '../../test/state-machine.ts';

// asl-validator is CommonJS without types: (definition) => { isValid, errors, errorsText() }.
const validateAsl = createRequire(import.meta.url)('asl-validator') as (definition: object) => {
  isValid: boolean;
  errorsText: (separator?: string) => string;
};

const stack = () => stackOf('dev', 'orchestration');
const only = (type: string): CloudFormationResource => {
  const found = resourcesOfType(stack(), type);
  expect(found, type).toHaveLength(1);
  return found[0]?.[1] as CloudFormationResource;
};
const definition = () => stateMachineDefinition(only('AWS::StepFunctions::StateMachine'), stack().template);
type State = Record<string, any>;
const states = (): Record<string, State> => definition().States;

describe('the pipeline state machine (dev)', () => {
  it('passes asl-validator', () => {
    const result = validateAsl(definition());
    expect(result.errorsText('\n')).toBe('');
    expect(result.isValid).toBe(true);
  });

  it('crawls, waits for the crawler, runs both Glue jobs, checks the data, then rebuilds the summary', () => {
    // The happy path: at the crawler's choice take READY, at the next one the default (not FAILED), at the
    // quality's choice passed = true.
    const order: string[] = [];
    let name: string | undefined = definition().StartAt;
    while (name && !order.includes(name)) {
      order.push(name);
      const state: State = states()[name] ?? {};
      const ok = state.Choices?.find((c: State) => c.StringEquals === 'READY' || c.BooleanEquals === true);
      name = state.Type === 'Choice' ? (ok?.Next ?? state.Default) : state.Next;
    }
    expect(order).toEqual(HAPPY_PATH);
    expect(states()['Raw to clean']?.Resource).toBe('arn:aws:states:::glue:startJobRun.sync');
    expect(states()['Raw to clean']?.Parameters.JobName).toBe('launchpad-dev-raw-to-clean');
    expect(states()['Build summary table (CTAS)']?.Resource).toBe(
      'arn:aws:states:::athena:startQueryExecution.sync',
    );
  });

  it('writes each run of the CTAS to a folder named by its execution', () => {
    const ctas = states()['Build summary table (CTAS)']?.Parameters ?? {};
    expect(ctas['QueryString.$']).toMatch(
      /^States\.Format\('CREATE TABLE "launchpad_dev_curated"\."city_daily_summary"/,
    );
    expect(ctas['QueryString.$']).toMatch(
      /summaries\/city_daily_summary\/run=\{\}\/.*, \$\$\.Execution\.Name\)$/,
    );
    expect(ctas.WorkGroup).toBe('launchpad-dev-analytics');
    expect(states()['Drop summary table']?.Parameters.QueryString).toBe(
      'DROP TABLE IF EXISTS `launchpad_dev_curated`.`city_daily_summary`',
    );
  });

  it('retries each task on its service’s throttling errors with backoff and full jitter', () => {
    const tasks = Object.entries(states()).filter(([, s]) => s.Type === 'Task');
    expect(tasks.length).toBeGreaterThanOrEqual(7);
    for (const [name, task] of tasks) {
      expect(task.Retry, name).toHaveLength(1);
      const [retry] = task.Retry;
      expect(retry, name).toMatchObject({ BackoffRate: 2, JitterStrategy: 'FULL', MaxDelaySeconds: 120 });
      expect(retry.ErrorEquals.join(' '), name).toMatch(/Throttl|TooManyRequests/);
      expect(retry.ErrorEquals, name).not.toContain('States.ALL');
    }
  });

  it('sends every other failure to the alerts topic, then fails the execution', () => {
    for (const [name, state] of Object.entries(states())) {
      if (state.Type !== 'Task' || name === 'Notify failure') continue;
      expect(state.Catch.at(-1), name).toEqual({
        ErrorEquals: ['States.ALL'],
        ResultPath: '$.failure',
        Next: 'Notify failure',
      });
    }
    expect(states()['Crawl failed']?.Next).toBe('Notify failure');
    expect(states()['Data quality failed']?.Next).toBe('Notify failure');
    // CDK appends `.$` to a key whose value is a path: a key written with its own `.$` ends up doubled.
    expect(JSON.stringify(definition())).not.toContain('.$.$"');
    expect(states()['Notify failure']).toMatchObject({
      Resource: 'arn:aws:states:::sns:publish',
      Next: 'Failed',
    });
    expect(states().Failed).toEqual({
      Type: 'Fail',
      ErrorPath: '$.failure.Error',
      CausePath: '$.failure.Cause',
    });
  });

  it('is a standard state machine with logging of every event, tracing and a timeout', () => {
    const props = only('AWS::StepFunctions::StateMachine').Properties ?? {};
    expect(props).toMatchObject({
      StateMachineName: 'launchpad-dev-pipeline',
      StateMachineType: 'STANDARD',
      TracingConfiguration: { Enabled: true },
      LoggingConfiguration: { Level: 'ALL', IncludeExecutionData: false },
    });
    const config = loadEnvironmentConfig('dev');
    expect(definition().TimeoutSeconds).toBe((2 * config.processing.timeoutMinutes + 60) * 60);
  });

  it('has no schedule in dev, where the config leaves it off', () => {
    expect(loadEnvironmentConfig('dev').orchestration.schedule).toBeNull();
    const rules = resourcesOfType(stack(), 'AWS::Events::Rule').map(([, r]) => r.Properties?.Name);
    expect(rules).not.toContain('launchpad-dev-pipeline-schedule');
  });
});

describe('the data-quality function (dev)', () => {
  const fn = () => {
    const [[, found] = []] = resourcesOfType(stack(), 'AWS::Lambda::Function').filter(
      ([, r]) => r.Properties?.FunctionName === 'launchpad-dev-data-quality',
    );
    return found?.Properties ?? {};
  };
  /** The statements of the inline policies of the function's role. */
  const statements = (): Statement[] => {
    const [roleId] = (fn().Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'];
    return resourcesOfType(stack(), 'AWS::IAM::Policy')
      .filter(([, p]) => JSON.stringify(p.Properties?.Roles).includes(`"${roleId}"`))
      .flatMap(
        ([, p]) => (p.Properties?.PolicyDocument as { Statement?: Statement[] } | undefined)?.Statement ?? [],
      );
  };

  it('is invoked by the state machine with its execution, and finds the curated table from its settings', () => {
    expect(states()['Check data quality']).toMatchObject({
      Resource: 'arn:aws:states:::lambda:invoke',
      Parameters: {
        FunctionName: 'arn:aws:lambda:us-east-1:123456789012:function:launchpad-dev-data-quality',
        Payload: { 'execution.$': '$$.Execution.Id' },
      },
    });
    expect(fn().Environment).toEqual({
      Variables: { WORKGROUP: 'launchpad-dev-analytics', DATABASE: 'launchpad_dev_curated', TABLE: 'rides' },
    });
  });

  it('may run queries and read the curated table, and change nothing in the lake', () => {
    const actions = statements().flatMap(actionsOf);
    expect(actions).toEqual(expect.arrayContaining(['athena:StartQueryExecution', 'athena:GetQueryResults']));
    const writes = statements().filter((s) => actionsOf(s).includes('s3:PutObject'));
    expect(writes.map((s) => JSON.stringify(s.Resource))).toEqual([
      expect.stringMatching(/launchpad-dev-athena-results-.*\/athena\/\*/),
    ]);
    expect(actions.filter((a) => /^glue:(Create|Update|Delete)|^s3:Delete/.test(a))).toEqual([]);
    const glue = statements().find((s) => actionsOf(s).includes('glue:GetTable'));
    expect(JSON.stringify(glue?.Resource)).not.toMatch(/database\/(?!launchpad_dev_curated)/);
  });
});

describe('alarms and observability (dev)', () => {
  const alarms = () => resourcesOfType(stack(), 'AWS::CloudWatch::Alarm').map(([, r]) => r.Properties ?? {});
  const topicRef = () => {
    const [[id] = []] = resourcesOfType(stack(), 'AWS::SNS::Topic');
    return { Ref: id };
  };

  it('sends every alarm to the alerts topic', () => {
    expect(alarms().length).toBeGreaterThan(10);
    for (const alarm of alarms()) expect(alarm.AlarmActions, String(alarm.AlarmName)).toEqual([topicRef()]);
  });

  it('watches every stage: functions, stream, Firehose, Glue jobs, the state machine and CloudTrail', () => {
    const names = alarms().map((a) => a.AlarmName);
    for (const fn of ['api-ingest', 's3-validator', 'stream-consumer']) {
      expect(names).toContain(`launchpad-dev-${fn}-errors`);
      expect(names).toContain(`launchpad-dev-${fn}-throttles`);
    }
    expect(names).toEqual(
      expect.arrayContaining([
        'launchpad-dev-lambda-error-logs',
        'launchpad-dev-stream-iterator-age',
        'launchpad-dev-firehose-freshness',
        'launchpad-dev-firehose-delivery',
        'launchpad-dev-glue-job-failures',
        'launchpad-dev-pipeline-failures',
        'launchpad-dev-root-account-usage',
        'launchpad-dev-unauthorized-api-calls',
        'launchpad-dev-iam-policy-changes',
      ]),
    );
  });

  it('counts Glue job failures from EventBridge with a metric filter, and error lines in the logs', () => {
    const [[, rule] = []] = resourcesOfType(stack(), 'AWS::Events::Rule').filter(
      ([, r]) => r.Properties?.Name === 'launchpad-dev-glue-job-states',
    );
    expect(rule?.Properties?.EventPattern).toEqual({
      source: ['aws.glue'],
      'detail-type': ['Glue Job State Change'],
      detail: { jobName: ['launchpad-dev-raw-to-clean', 'launchpad-dev-clean-to-curated'] },
    });
    const filters = resourcesOfType(stack(), 'AWS::Logs::MetricFilter').map(([, r]) => r.Properties ?? {});
    const byMetric = (name: string) =>
      filters.find((f) => JSON.stringify(f.MetricTransformations).includes(`"${name}"`));
    expect(byMetric('GlueJobFailures')?.FilterPattern).toMatch(/\$\.detail\.state = "FAILED"/);
    expect(byMetric('GlueErrorLogLines')?.LogGroupName).toBe('/aws-glue/launchpad-dev/jobs');
    expect(filters.filter((f) => String(f.LogGroupName).startsWith('/aws/lambda/'))).toHaveLength(3);
  });

  it('mails the alerts to the address in config', () => {
    expect(only('AWS::SNS::Subscription').Properties).toMatchObject({
      Protocol: 'email',
      Endpoint: loadEnvironmentConfig('dev').alarmEmail,
    });
  });

  it('keeps a multi-region trail with file validation, in CloudWatch Logs and in a table with projection', () => {
    expect(only('AWS::CloudTrail::Trail').Properties).toMatchObject({
      IsMultiRegionTrail: true,
      IncludeGlobalServiceEvents: true,
      EnableLogFileValidation: true,
      IsLogging: true,
    });
    const [[, table] = []] = resourcesOfType(stack(), 'AWS::Glue::Table');
    const input = table?.Properties?.TableInput as Record<string, any>;
    expect(input.Name).toBe('cloudtrail_logs');
    expect(input.Parameters).toMatchObject({
      'projection.enabled': 'true',
      'projection.timestamp.format': 'yyyy/MM/dd',
    });
    const queries = resourcesOfType(stack(), 'AWS::Athena::NamedQuery').map(
      ([, r]) => r.Properties?.Database,
    );
    expect(new Set(queries)).toEqual(new Set(['launchpad_dev_audit']));
  });

  it('gives every log group a retention', () => {
    for (const [id, group] of resourcesOfType(stack(), 'AWS::Logs::LogGroup')) {
      expect(group.Properties?.RetentionInDays, id).toBe(loadEnvironmentConfig('dev').logRetentionDays);
    }
  });
});
