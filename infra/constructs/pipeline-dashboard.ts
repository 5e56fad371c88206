import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';

const PERIOD = Duration.minutes(5);
const WIDE = 12;

export interface PipelineDashboardProps {
  /** Physical name, `${project}-${environment}-pipeline`. */
  readonly dashboardName: string;
  /** Ingestion Lambda functions, by name: invocations and errors. */
  readonly functionNames: readonly string[];
  /** The Kinesis stream, by name: records in. */
  readonly streamName: string;
  /** The Firehose delivery stream, by name: records delivered to S3. */
  readonly deliveryStreamName: string;
  /** The Athena workgroup, by name: bytes scanned. */
  readonly workgroupName: string;
  /** The pipeline: executions started, succeeded and failed. */
  readonly stateMachine: sfn.IStateMachine;
  /** Metrics the alarms watch, by name (see PipelineAlarms.metrics). */
  readonly metrics: Readonly<Record<string, cloudwatch.IMetric>>;
  /** Shown with their state at the top. */
  readonly alarms: readonly cloudwatch.IAlarm[];
}

/** One page per environment, in the order data flows: ingest, deliver, transform, orchestrate, query. */
export class PipelineDashboard extends Construct {
  readonly dashboard: cloudwatch.Dashboard;

  constructor(scope: Construct, id: string, props: PipelineDashboardProps) {
    super(scope, id);
    const metric = (
      namespace: string,
      metricName: string,
      dimensionsMap: Record<string, string>,
      statistic = 'Sum',
    ) => new cloudwatch.Metric({ namespace, metricName, dimensionsMap, statistic, period: PERIOD });
    const graph = (title: string, left: cloudwatch.IMetric[], right: cloudwatch.IMetric[] = []) =>
      new cloudwatch.GraphWidget({ title, left, right, width: WIDE, height: 6 });
    const lambda = (metricName: string) =>
      props.functionNames.map((fn) =>
        metric('AWS/Lambda', metricName, { FunctionName: fn }).with({
          label: `${fn} ${metricName.toLowerCase()}`,
        }),
      );
    const pick = (name: string) => (props.metrics[name] ? [props.metrics[name]] : []);

    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', {
      dashboardName: props.dashboardName,
      defaultInterval: Duration.days(1),
      widgets: [
        [
          new cloudwatch.TextWidget({
            markdown: `# ${props.dashboardName}\nIngest → Clean → Transform → Store → Query. Alarms send to the alerts topic.`,
            width: 24,
            height: 2,
          }),
        ],
        [
          new cloudwatch.AlarmStatusWidget({
            title: 'Alarms',
            alarms: [...props.alarms],
            width: 24,
            height: 4,
          }),
        ],
        [
          graph('Ingest: function invocations and errors', lambda('Invocations'), [
            ...lambda('Errors'),
            ...pick('lambdaErrorLogs'),
          ]),
          graph(
            'Stream: records in and reader lag (ms)',
            [metric('AWS/Kinesis', 'IncomingRecords', { StreamName: props.streamName })],
            pick('iteratorAge'),
          ),
        ],
        [
          graph(
            'Deliver: Firehose records to S3 and data freshness (s)',
            [
              metric('AWS/Firehose', 'DeliveryToS3.Records', {
                DeliveryStreamName: props.deliveryStreamName,
              }),
            ],
            pick('firehoseFreshness'),
          ),
          graph('Transform: Glue job failures and error log lines', [
            ...pick('glueJobFailures'),
            ...pick('glueErrorLogs'),
            ...pick('dmsTaskFailures'),
          ]),
        ],
        [
          graph(
            'Orchestrate: pipeline executions',
            [props.stateMachine.metricStarted(), props.stateMachine.metricSucceeded()],
            pick('pipelineFailures'),
          ),
          // Athena publishes per query state and type: a search sums them for the workgroup.
          graph('Query: Athena bytes scanned', [
            new cloudwatch.MathExpression({
              expression: `SUM(SEARCH('{AWS/Athena,QueryState,QueryType,WorkGroup} MetricName="ProcessedBytes" WorkGroup="${props.workgroupName}"', 'Sum', 300))`,
              label: 'Bytes scanned',
              period: PERIOD,
            }),
          ]),
        ],
      ],
    });
  }
}
