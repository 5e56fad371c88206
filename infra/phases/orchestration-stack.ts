import { CfnOutput, Duration, Stack } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { fillPlaceholders, readSqlFiles } from '../../lib/sql/sql-files.ts';
import { AlertsTopic } from '../constructs/alerts-topic.ts';
import { ATHENA_WORKGROUP_PURPOSE, AthenaWorkgroup } from '../constructs/athena-workgroup.ts';
import { AuditTrail } from '../constructs/audit-trail.ts';
import { TABLE_PREFIX } from '../constructs/lake-catalog.ts';
import { PipelineAlarms } from '../constructs/pipeline-alarms.ts';
import { PipelineDashboard } from '../constructs/pipeline-dashboard.ts';
import type { PythonFunction } from '../constructs/python-function.ts';
import { RidePipelineStateMachine } from '../constructs/ride-pipeline-state-machine.ts';
import { singleLineSql } from '../constructs/single-line-sql.ts';
import type { FoundationStack } from './foundation-stack.ts';
import { Airflow } from './orchestration/airflow.ts';
import { DataQualityCheck } from './orchestration/data-quality-check.ts';
import { PipelineTriggers } from './orchestration/pipeline-triggers.ts';
import { logRetention, PhaseStack, type PhaseStackProps } from './phase-stack.ts';

/** The CTAS the state machine runs after the Glue jobs (pipeline/sql/ctas/<name>.sql). */
export const SUMMARY_TABLE = 'city_daily_summary';
/** Where the CTAS writes, in the curated bucket: one folder per table, one per run under it. */
const SUMMARIES_PREFIX = 'summaries/';
/** CloudTrail files are kept a year: audit questions look back further than the lake's lifecycle. */
const TRAIL_KEEP_DAYS = 365;

export interface OrchestrationStackProps extends PhaseStackProps {
  /** The foundation of this environment: the lake's key (its buckets are found by name). */
  readonly foundation: FoundationStack;
}

/**
 * Phase 5: the pipeline runs by itself and is watched. A Step Functions state machine (crawl → Glue
 * jobs → data-quality Lambda → Athena CTAS) on a schedule and/or on upload; alarms on every stage to an
 * SNS topic with the alarm e-mail; a dashboard; a CloudTrail trail with CIS alarms and an Athena table;
 * MWAA when opted in.
 */
export class OrchestrationStack extends PhaseStack {
  readonly pipeline: RidePipelineStateMachine;
  readonly alerts: AlertsTopic;
  /** The functions whose code the delivery pipeline ships: the data-quality check. */
  readonly functions: PythonFunction[];

  constructor(scope: Construct, props: OrchestrationStackProps) {
    super(scope, 'orchestration', props);
    const { config, names } = this;
    const retention = logRetention(config);
    const settings = config.orchestration;
    const curatedDb = names.glueDatabase('curated');
    // Earlier phases' buckets and workgroup by name: no cross-stack reference to them.
    const bucket = (id: string, purpose: string) =>
      s3.Bucket.fromBucketName(this, id, names.bucket(purpose, Stack.of(this).account));
    const curated = bucket('Curated', 'curated');
    const workgroup = AthenaWorkgroup.fromWorkgroupName(this, names.resource(ATHENA_WORKGROUP_PURPOSE), {
      resultsBucket: bucket('QueryResults', 'athena-results'),
      key: props.foundation.dataLake.key,
    });
    const jobs = {
      rawToClean: names.resource('raw-to-clean'),
      cleanToCurated: names.resource('clean-to-curated'),
    };
    const functionNames = ['api-ingest', 's3-validator', 'stream-consumer'].map((fn) => names.resource(fn));

    this.alerts = new AlertsTopic(this, 'Alerts', {
      topicName: names.resource('alerts'),
      email: config.alarmEmail,
      encrypt: config.encryption === 'kms',
    });

    const ctas = readSqlFiles('ctas').find((file) => file.name === SUMMARY_TABLE);
    if (!ctas)
      throw new Error(`pipeline/sql/ctas/${SUMMARY_TABLE}.sql is missing: the state machine runs it.`);
    const quality = new DataQualityCheck(this, {
      names,
      workgroup,
      database: curatedDb,
      curated,
      logRetention: retention,
    });
    this.functions = [quality.check];
    // `{}` is where States.Format puts the execution name: each run writes a folder of its own.
    const runFolder = curated.s3UrlForObject(`${SUMMARIES_PREFIX}${SUMMARY_TABLE}/run={}/`);
    this.pipeline = new RidePipelineStateMachine(this, 'Pipeline', {
      stateMachineName: names.resource('pipeline'),
      crawlerName: names.resource('raw-crawler'),
      rawToCleanJob: jobs.rawToClean,
      cleanToCuratedJob: jobs.cleanToCurated,
      workgroup,
      databaseName: curatedDb,
      data: { bucket: curated, readPrefix: TABLE_PREFIX, writePrefix: SUMMARIES_PREFIX },
      dropSql: `DROP TABLE IF EXISTS \`${curatedDb}\`.\`${SUMMARY_TABLE}\``,
      ctasSqlTemplate: fillPlaceholders(
        singleLineSql(ctas.sql),
        { curated_db: curatedDb, ctas_location: runFolder },
        ctas.file,
      ),
      qualityCheck: quality.check.function,
      alerts: this.alerts.topic,
      // Both jobs may run to their timeout; the crawler and the queries take minutes.
      timeout: Duration.minutes(2 * config.processing.timeoutMinutes + 60),
      logRetention: retention,
    });
    const stateMachine = this.pipeline.stateMachine;
    new PipelineTriggers(this, { names, settings, stateMachine });

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
    });
    const allAlarms = [...alarms.alarms];
    if (settings.cloudTrail) {
      const trail = new AuditTrail(this, 'Audit', {
        names,
        key: props.foundation.dataLake.key,
        alerts: this.alerts.topic,
        accessLogs: bucket('AccessLogs', 'access-logs'),
        lifecycle: config.lifecycle,
        keepDays: TRAIL_KEEP_DAYS,
        logRetention: retention,
        workgroupName: workgroup.workgroupName,
        queries: readSqlFiles('cloudtrail'),
        insights: config.orchestration.cloudTrailInsights,
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
        workgroupName: workgroup.workgroupName,
        stateMachine,
        metrics: alarms.metrics,
        alarms: allAlarms,
      });
    }
    if (config.costlyServices.mwaa) {
      new Airflow(this, { config, names, jobs, workgroup, database: curatedDb, alerts: this.alerts.topic });
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
