import { Duration, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { removalPolicyOf } from './removal-policy.ts';

/** Namespace of the metrics this project makes from logs. */
export const LOG_METRICS_NAMESPACE = 'Launchpad/Logs';
const FIVE_MINUTES = Duration.minutes(5);
/** Kinesis records older than this when read mean the consumer is falling behind. */
const ITERATOR_AGE_LIMIT = Duration.minutes(5);
/**
 * Records wait for the buffer interval (BUFFER_INTERVAL, 60 s), plus the retries of a failed write
 * (DELIVERY_RETRY, 5 minutes), before Firehose writes them: data older than 15 minutes means delivery is stuck.
 */
export const FRESHNESS_LIMIT = Duration.minutes(15);

export interface PipelineAlarmsProps {
  /** `${project}-${environment}`: starts every alarm's name, and is the Environment dimension of log metrics. */
  readonly prefix: string;
  /** Where every alarm sends its state changes. */
  readonly alerts: sns.ITopic;
  /** Ingestion Lambda functions, by name (their log groups are /aws/lambda/<name>). */
  readonly functionNames: readonly string[];
  /** The Kinesis stream, by name: its consumer must keep up. */
  readonly streamName: string;
  /** The Firehose delivery stream, by name: its data must stay fresh. */
  readonly deliveryStreamName: string;
  /** The Glue jobs, by name: a failed or timed-out run alarms. */
  readonly glueJobNames: readonly string[];
  /** The log group of the jobs' continuous logs, where error lines are counted. */
  readonly glueJobLogGroup: string;
  /** The pipeline: a failed, timed-out or aborted execution alarms. */
  readonly stateMachine: sfn.IStateMachine;
  /** DMS replication task identifier. @default - DMS is off: no alarm on it */
  readonly dmsTask?: string;
  /** How long the log group of Glue and DMS state changes keeps them. */
  readonly logRetention: logs.RetentionDays;
}

/**
 * What wakes someone up: alarms on every stage of the pipeline, all sending to the alerts topic. Glue job
 * and DMS task state changes come from EventBridge into a log group of their own, where metric filters
 * count the failures, so they alarm (and show on the dashboard) like everything else.
 */
export class PipelineAlarms extends Construct {
  readonly alarms: cloudwatch.Alarm[] = [];
  readonly stateChanges: logs.LogGroup;
  readonly metrics: Readonly<Record<string, cloudwatch.IMetric>>;

  constructor(
    scope: Construct,
    id: string,
    private readonly props: PipelineAlarmsProps,
  ) {
    super(scope, id);
    const { prefix } = props;
    const metrics: Record<string, cloudwatch.IMetric> = {};

    for (const fn of props.functionNames) {
      const dimensionsMap = { FunctionName: fn };
      const lambda = (metricName: string) =>
        new cloudwatch.Metric({
          namespace: 'AWS/Lambda',
          metricName,
          dimensionsMap,
          statistic: 'Sum',
          period: FIVE_MINUTES,
        });
      this.alarm(
        `${fn}-errors`,
        lambda('Errors'),
        1,
        `${fn} raised an error (uncaught exception or timeout)`,
      );
      this.alarm(
        `${fn}-throttles`,
        lambda('Throttles'),
        1,
        `${fn} was throttled: raise its reserved concurrency or the account limit`,
      );
    }
    // Errors the handlers catch and log as JSON ({"level": "ERROR"}): invisible to the Errors metric.
    const errorLogs = new cloudwatch.Metric({
      namespace: LOG_METRICS_NAMESPACE,
      metricName: 'LambdaErrorLogLines',
      dimensionsMap: { Environment: prefix },
      statistic: 'Sum',
      period: FIVE_MINUTES,
    });
    props.functionNames.forEach((fn, index) => {
      new logs.MetricFilter(this, `ErrorLogs${index}`, {
        logGroup: logs.LogGroup.fromLogGroupName(this, `FunctionLogs${index}`, `/aws/lambda/${fn}`),
        filterPattern: logs.FilterPattern.stringValue('$.level', '=', 'ERROR'),
        metricNamespace: LOG_METRICS_NAMESPACE,
        metricName: 'LambdaErrorLogLines',
        metricValue: '1',
        dimensions: { Environment: prefix },
      });
    });
    this.alarm(`${prefix}-lambda-error-logs`, errorLogs, 1, 'An ingestion function logged an ERROR line');
    metrics.lambdaErrorLogs = errorLogs;

    const iteratorAge = new cloudwatch.Metric({
      namespace: 'AWS/Kinesis',
      metricName: 'GetRecords.IteratorAgeMilliseconds',
      dimensionsMap: { StreamName: props.streamName },
      statistic: 'Maximum',
      period: FIVE_MINUTES,
    });
    this.alarm(
      `${prefix}-stream-iterator-age`,
      iteratorAge,
      ITERATOR_AGE_LIMIT.toMilliseconds(),
      `Readers of ${props.streamName} are more than 5 minutes behind`,
      3,
    );
    const firehose = (metricName: string, statistic: string) =>
      new cloudwatch.Metric({
        namespace: 'AWS/Firehose',
        metricName,
        dimensionsMap: { DeliveryStreamName: props.deliveryStreamName },
        statistic,
        period: FIVE_MINUTES,
      });
    this.alarm(
      `${prefix}-firehose-freshness`,
      firehose('DeliveryToS3.DataFreshness', 'Maximum'),
      FRESHNESS_LIMIT.toSeconds(),
      `${props.deliveryStreamName} holds records older than 15 minutes: delivery to S3 is failing`,
    );
    this.alarm(
      `${prefix}-firehose-delivery`,
      firehose('DeliveryToS3.Success', 'Minimum'),
      1,
      `${props.deliveryStreamName} failed to deliver to S3`,
      1,
      cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
    );
    metrics.iteratorAge = iteratorAge;
    metrics.firehoseFreshness = firehose('DeliveryToS3.DataFreshness', 'Maximum');

    this.stateChanges = this.stateChangeLog(props);
    const failures = (metricName: string, filterPattern: logs.IFilterPattern, description: string) => {
      new logs.MetricFilter(this, metricName, {
        logGroup: this.stateChanges,
        filterPattern,
        metricNamespace: LOG_METRICS_NAMESPACE,
        metricName,
        metricValue: '1',
        dimensions: { Environment: prefix },
      });
      const metric = new cloudwatch.Metric({
        namespace: LOG_METRICS_NAMESPACE,
        metricName,
        dimensionsMap: { Environment: prefix },
        statistic: 'Sum',
        period: FIVE_MINUTES,
      });
      this.alarm(
        `${prefix}-${metricName.replaceAll(/([a-z])([A-Z])/g, '$1-$2').toLowerCase()}`,
        metric,
        1,
        description,
      );
      return metric;
    };
    metrics.glueJobFailures = failures(
      'GlueJobFailures',
      logs.FilterPattern.all(
        logs.FilterPattern.stringValue('$.source', '=', 'aws.glue'),
        logs.FilterPattern.any(
          ...['FAILED', 'TIMEOUT', 'ERROR'].map((state) =>
            logs.FilterPattern.stringValue('$.detail.state', '=', state),
          ),
        ),
      ),
      'A Glue job of the pipeline failed, timed out or errored',
    );
    if (props.dmsTask) {
      metrics.dmsTaskFailures = failures(
        'DmsTaskFailures',
        logs.FilterPattern.all(
          logs.FilterPattern.stringValue('$.source', '=', 'aws.dms'),
          logs.FilterPattern.stringValue('$.detail.category', '=', 'Failure'),
        ),
        `DMS replication task ${props.dmsTask} failed`,
      );
    }
    // Glue's own metric of log lines at ERROR level in the jobs' continuous logs.
    const glueErrorLogs = new cloudwatch.Metric({
      namespace: LOG_METRICS_NAMESPACE,
      metricName: 'GlueErrorLogLines',
      dimensionsMap: { Environment: prefix },
      statistic: 'Sum',
      period: FIVE_MINUTES,
    });
    new logs.MetricFilter(this, 'GlueErrorLogs', {
      logGroup: logs.LogGroup.fromLogGroupName(this, 'GlueJobLogs', props.glueJobLogGroup),
      filterPattern: logs.FilterPattern.anyTerm(' ERROR '),
      metricNamespace: LOG_METRICS_NAMESPACE,
      metricName: 'GlueErrorLogLines',
      metricValue: '1',
      dimensions: { Environment: prefix },
    });
    metrics.glueErrorLogs = glueErrorLogs;

    const sfnFailures = new cloudwatch.MathExpression({
      expression: 'FILL(failed, 0) + FILL(timedOut, 0) + FILL(aborted, 0)',
      usingMetrics: {
        failed: props.stateMachine.metricFailed({ period: FIVE_MINUTES }),
        timedOut: props.stateMachine.metricTimedOut({ period: FIVE_MINUTES }),
        aborted: props.stateMachine.metricAborted({ period: FIVE_MINUTES }),
      },
      label: 'Executions failed, timed out or aborted',
      period: FIVE_MINUTES,
    });
    this.alarm(
      `${prefix}-pipeline-failures`,
      sfnFailures,
      1,
      'The pipeline state machine did not finish an execution',
    );
    metrics.pipelineFailures = sfnFailures;
    this.metrics = metrics;
  }

  private alarm(
    name: string,
    metric: cloudwatch.IMetric,
    threshold: number,
    description: string,
    evaluationPeriods = 1,
    comparisonOperator = cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
  ): void {
    const alarm = new cloudwatch.Alarm(this, name, {
      alarmName: name,
      alarmDescription: description,
      metric,
      threshold,
      evaluationPeriods,
      comparisonOperator,
      // No data means nothing happened (no invocations, no deliveries): not a problem.
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    alarm.addAlarmAction(new actions.SnsAction(this.props.alerts));
    alarm.addOkAction(new actions.SnsAction(this.props.alerts));
    this.alarms.push(alarm);
  }

  /** Glue job and DMS task state changes → /aws/events/<prefix>-state-changes (EventBridge writes JSON). */
  private stateChangeLog(props: PipelineAlarmsProps): logs.LogGroup {
    const stack = Stack.of(this);
    const group = new logs.LogGroup(this, 'StateChanges', {
      logGroupName: `/aws/events/${props.prefix}-state-changes`,
      retention: props.logRetention,
      removalPolicy: removalPolicyOf(this),
    });
    // EventBridge writes to log groups allowed by a resource policy (CDK's target would add a function for it).
    new logs.CfnResourcePolicy(this, 'EventsWrite', {
      policyName: `${props.prefix}-state-changes`,
      policyDocument: JSON.stringify(
        stack.resolve(
          new iam.PolicyDocument({
            statements: [
              new iam.PolicyStatement({
                principals: [
                  new iam.ServicePrincipal('events.amazonaws.com'),
                  new iam.ServicePrincipal('delivery.logs.amazonaws.com'),
                ],
                actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
                resources: [group.logGroupArn],
              }),
            ],
          }).toJSON(),
        ),
      ),
    });
    const target: events.IRuleTarget = { bind: () => ({ arn: group.logGroupArn }) };
    new events.Rule(this, 'GlueJobStates', {
      ruleName: `${props.prefix}-glue-job-states`,
      description: 'State changes of the pipeline Glue jobs, counted by metric filters',
      eventPattern: {
        source: ['aws.glue'],
        detailType: ['Glue Job State Change'],
        detail: { jobName: [...props.glueJobNames] },
      },
      targets: [target],
    });
    if (props.dmsTask) {
      new events.Rule(this, 'DmsTaskStates', {
        ruleName: `${props.prefix}-dms-task-states`,
        description: 'State changes of the DMS replication task',
        eventPattern: { source: ['aws.dms'], detailType: ['DMS Replication Task State Change'] },
        targets: [target],
      });
    }
    return group;
  }
}
