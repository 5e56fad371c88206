import { CfnOutput, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { fillPlaceholders, readSqlFiles } from '../../lib/sql/sql-files.ts';
import { airflowTaskStatements } from '../constructs/airflow-task-policy.ts';
import { AlertsTopic } from '../constructs/alerts-topic.ts';
import { ATHENA_WORKGROUP_PURPOSE } from '../constructs/analyst-policy.ts';
import { RESULTS_PREFIX } from '../constructs/athena-workgroup.ts';
import { AuditTrail } from '../constructs/audit-trail.ts';
import { TABLE_PREFIX } from '../constructs/lake-catalog.ts';
import { MwaaEnvironment } from '../constructs/mwaa-environment.ts';
import { PipelineAlarms } from '../constructs/pipeline-alarms.ts';
import { PipelineDashboard } from '../constructs/pipeline-dashboard.ts';
import { RidePipelineStateMachine } from '../constructs/ride-pipeline-state-machine.ts';
import { singleLineSql } from '../constructs/single-line-sql.ts';
import type { FoundationStack } from './foundation-stack.ts';
import { logRetention, PhaseStack, type PhaseStackProps } from './phase-stack.ts';

/** The CTAS the state machine runs after the Glue jobs (pipeline/sql/ctas/<name>.sql). */
export const SUMMARY_TABLE = 'city_daily_summary';
/** Where the CTAS writes, in the curated bucket: one folder per table, one per run under it. */
const SUMMARIES_PREFIX = 'summaries/';
/** CloudTrail files are kept a year: audit questions look back further than the lake's lifecycle. */
const TRAIL_KEEP_DAYS = 365;

export interface OrchestrationStackProps extends PhaseStackProps {
  readonly foundation: FoundationStack;
}

/**
 * Phase 5: the pipeline runs by itself and is watched. A Step Functions state machine (crawl → Glue
 * jobs → Athena CTAS) on a schedule and/or on upload; alarms on every stage to an SNS topic with the
 * alarm e-mail; a dashboard; a CloudTrail trail with CIS alarms and an Athena table; MWAA when opted in.
 */
export class OrchestrationStack extends PhaseStack {
  readonly pipeline: RidePipelineStateMachine;
  readonly alerts: AlertsTopic;

  constructor(scope: Construct, props: OrchestrationStackProps) {
    super(scope, 'orchestration', props);
    const { config, names } = this;
    const removalPolicy = config.removalPolicy === 'destroy' ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN;
    const retention = logRetention(config);
    const settings = config.orchestration;
    const workgroupName = names.resource(ATHENA_WORKGROUP_PURPOSE);
    const curatedDb = names.glueDatabase('curated');
    const curated = s3.Bucket.fromBucketName(
      this,
      'Curated',
      names.bucket('curated', Stack.of(this).account),
    );
    const jobs = {
      rawToClean: names.resource('raw-to-clean'),
      cleanToCurated: names.resource('clean-to-curated'),
    };
    const functionNames = ['api-ingest', 's3-validator', 'stream-consumer'].map((fn) => names.resource(fn));

    this.alerts = new AlertsTopic(this, 'Alerts', {
      topicName: names.resource('alerts'),
      email: config.alarmEmail,
      encrypt: config.encryption === 'kms',
      removalPolicy,
    });

    const ctas = readSqlFiles('ctas').find((file) => file.name === SUMMARY_TABLE);
    if (!ctas)
      throw new Error(`pipeline/sql/ctas/${SUMMARY_TABLE}.sql is missing: the state machine runs it.`);
    // `{}` is where States.Format puts the execution name: each run writes a folder of its own.
    const runFolder = curated.s3UrlForObject(`${SUMMARIES_PREFIX}${SUMMARY_TABLE}/run={}/`);
    this.pipeline = new RidePipelineStateMachine(this, 'Pipeline', {
      stateMachineName: names.resource('pipeline'),
      crawlerName: names.resource('raw-crawler'),
      rawToCleanJob: jobs.rawToClean,
      cleanToCuratedJob: jobs.cleanToCurated,
      workgroupName,
      databaseName: curatedDb,
      results: {
        bucket: s3.Bucket.fromBucketName(
          this,
          'QueryResults',
          names.bucket('athena-results', Stack.of(this).account),
        ),
        prefix: RESULTS_PREFIX,
      },
      data: { bucket: curated, readPrefix: TABLE_PREFIX, writePrefix: SUMMARIES_PREFIX },
      key: props.foundation.dataLake.key,
      dropSql: `DROP TABLE IF EXISTS \`${curatedDb}\`.\`${SUMMARY_TABLE}\``,
      ctasSqlTemplate: fillPlaceholders(
        singleLineSql(ctas.sql),
        { curated_db: curatedDb, ctas_location: runFolder },
        ctas.file,
      ),
      alerts: this.alerts.topic,
      // Both jobs may run to their timeout; the crawler and the queries take minutes.
      timeout: Duration.minutes(2 * config.processing.timeoutMinutes + 60),
      logRetention: retention,
      removalPolicy,
    });
    const stateMachine = this.pipeline.stateMachine;

    if (settings.schedule) {
      new events.Rule(this, 'Schedule', {
        ruleName: names.resource('pipeline-schedule'),
        description: `Starts ${stateMachine.stateMachineName} on ${settings.schedule}`,
        schedule: events.Schedule.expression(settings.schedule),
        targets: [new targets.SfnStateMachine(stateMachine)],
      });
    }
    if (settings.runOnRawArrival) {
      new events.Rule(this, 'OnUpload', {
        ruleName: names.resource('pipeline-on-upload'),
        description: 'Starts the pipeline when a file is uploaded to the raw bucket under uploads/',
        eventPattern: {
          source: ['aws.s3'],
          detailType: ['Object Created'],
          detail: {
            bucket: { name: [names.bucket('raw', Stack.of(this).account)] },
            object: { key: [{ prefix: 'uploads/' }] },
          },
        },
        targets: [new targets.SfnStateMachine(stateMachine)],
      });
    }

    const alarms = new PipelineAlarms(this, 'Alarms', {
      prefix: names.prefix,
      alerts: this.alerts.topic,
      functionNames,
      streamName: names.resource('rides'),
      deliveryStreamName: names.resource('rides-to-raw'),
      glueJobNames: Object.values(jobs),
      glueJobLogGroup: names.glueJobLogGroup,
      stateMachine,
      dmsTask: config.costlyServices.dms ? names.resource('dms') : undefined,
      logRetention: retention,
      removalPolicy,
    });
    const allAlarms = [...alarms.alarms];
    if (settings.cloudTrail) {
      const trail = new AuditTrail(this, 'Audit', {
        names,
        alerts: this.alerts.topic,
        accessLogs: s3.Bucket.fromBucketName(
          this,
          'AccessLogs',
          names.bucket('access-logs', Stack.of(this).account),
        ),
        lifecycle: config.lifecycle,
        keepDays: TRAIL_KEEP_DAYS,
        logRetention: retention,
        removalPolicy,
        workgroupName,
        queries: readSqlFiles('cloudtrail'),
      });
      allAlarms.push(...trail.alarms);
      new CfnOutput(this, 'TrailBucketName', {
        value: trail.bucket.bucketName,
        description: 'CloudTrail files',
      });
    }
    if (settings.dashboard) {
      new PipelineDashboard(this, 'Dashboard', {
        dashboardName: names.resource('pipeline'),
        functionNames,
        streamName: names.resource('rides'),
        deliveryStreamName: names.resource('rides-to-raw'),
        workgroupName,
        stateMachine,
        metrics: alarms.metrics,
        alarms: allAlarms,
      });
    }
    if (config.costlyServices.mwaa) {
      const airflow = new MwaaEnvironment(this, 'Airflow', {
        names,
        environmentClass: settings.mwaaEnvironmentClass,
        accessLogs: s3.Bucket.fromBucketName(
          this,
          'AirflowAccessLogs',
          names.bucket('access-logs', Stack.of(this).account),
        ),
        variables: {
          LAUNCHPAD_ENVIRONMENT: config.environment,
          RAW_CRAWLER: names.resource('raw-crawler'),
          RAW_TO_CLEAN_JOB: jobs.rawToClean,
          CLEAN_TO_CURATED_JOB: jobs.cleanToCurated,
          VALIDATOR_FUNCTION: names.resource('s3-validator'),
          ATHENA_WORKGROUP: workgroupName,
          CURATED_DATABASE: curatedDb,
          ALERT_TOPIC_ARN: this.alerts.topic.topicArn,
        },
        taskStatements: airflowTaskStatements(this, {
          crawler: names.resource('raw-crawler'),
          jobs: Object.values(jobs),
          validator: names.resource('s3-validator'),
          workgroup: workgroupName,
          database: curatedDb,
          results: names.bucket('athena-results', Stack.of(this).account),
          alerts: this.alerts.topic.topicArn,
          key: props.foundation.dataLake.key?.keyArn,
        }),
        key: props.foundation.dataLake.key,
        logRetention: retention,
        removalPolicy,
      });
      new CfnOutput(this, 'AirflowEnvironmentName', {
        value: airflow.environment.ref,
        description: 'MWAA environment: aws mwaa create-web-login-token --name <name> opens the Airflow UI',
      });
    }

    new CfnOutput(this, 'StateMachineArn', {
      value: stateMachine.stateMachineArn,
      description: 'Start a pipeline run: aws stepfunctions start-execution --state-machine-arn <arn>',
    });
    new CfnOutput(this, 'AlertsTopicArn', {
      value: this.alerts.topic.topicArn,
      description: 'Alarms publish here',
    });
  }
}
