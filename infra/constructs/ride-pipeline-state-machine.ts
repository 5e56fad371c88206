import { Duration, Stack } from 'aws-cdk-lib';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type * as sns from 'aws-cdk-lib/aws-sns';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import { acknowledgeWildcardResource } from '../nag/acknowledge-wildcard-resource.ts';
import type { IAthenaWorkgroup } from './athena-workgroup.ts';
import { ATHENA_GET_CATALOG, ATHENA_RUN_QUERIES, GLUE_REBUILD_TABLES } from './perms.ts';
import { removalPolicyOf } from './removal-policy.ts';

/** Errors of each service worth trying again: throttling, concurrency limits, transient faults. */
export const RETRYABLE_ERRORS = {
  glue: [
    'Glue.ThrottlingException',
    'Glue.ConcurrentRunsExceededException',
    'Glue.OperationTimeoutException',
    'Glue.InternalServiceException',
  ],
  athena: ['Athena.TooManyRequestsException', 'Athena.InternalServerException'],
  sns: ['SNS.ThrottledException', 'SNS.InternalErrorException'],
  // Lambda's own faults and throttling (the function's concurrency), not errors the function raises.
  lambda: [
    'Lambda.TooManyRequestsException',
    'Lambda.ServiceException',
    'Lambda.AWSLambdaException',
    'Lambda.SdkClientException',
    'Lambda.ClientExecutionTimeoutException',
  ],
} as const;
/** Exponential backoff with full jitter: many retries spread out instead of hitting a limit together. */
const BACKOFF: Omit<sfn.RetryProps, 'errors'> = {
  interval: Duration.seconds(5),
  backoffRate: 2,
  maxAttempts: 5,
  maxDelay: Duration.minutes(2),
  jitterStrategy: sfn.JitterType.FULL,
};
const CRAWLER_POLL = Duration.seconds(30);

export interface RidePipelineStateMachineProps {
  /** Physical name, `${project}-${environment}-pipeline`. */
  readonly stateMachineName: string;
  /** The raw zone's crawler, by name. */
  readonly crawlerName: string;
  /** The raw → clean Glue job, by name. */
  readonly rawToCleanJob: string;
  /** The clean → curated Glue job, by name. */
  readonly cleanToCuratedJob: string;
  /** Where the queries run; its results bucket and key are granted with them. */
  readonly workgroup: IAthenaWorkgroup;
  /** Database the queries run in (the permissions CDK grants are scoped to it). */
  readonly databaseName: string;
  /** The bucket the CTAS reads (readPrefix) and writes (writePrefix). */
  readonly data: { readonly bucket: s3.IBucket; readonly readPrefix: string; readonly writePrefix: string };
  /** DROP statement run before the CTAS, so each run rebuilds the table. */
  readonly dropSql: string;
  /** CTAS with `{}` where the run's folder name goes (the execution name). */
  readonly ctasSqlTemplate: string;
  /**
   * The data-quality check of the curated table (pipeline/lambdas/data_quality), run after the Glue jobs:
   * it returns `passed`, and a `cause` that says what is wrong when it did not pass.
   */
  readonly qualityCheck: lambda.IFunction;
  /** Where a failed run is reported, with its error and cause. */
  readonly alerts: sns.ITopic;
  /** How long one execution may run. */
  readonly timeout: Duration;
  /** How long the execution logs are kept. */
  readonly logRetention: logs.RetentionDays;
}

/**
 * The pipeline as a standard state machine: crawl raw → raw→clean job → clean→curated job → check the
 * curated table's quality (Lambda) → rebuild the summary table (Athena CTAS). Every task retries its
 * service's throttling and concurrency errors with backoff and jitter; any other failure, a failed crawl
 * and a failed quality check publish to the alerts topic, then fail the execution.
 */
export class RidePipelineStateMachine extends Construct {
  readonly stateMachine: sfn.StateMachine;
  readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: RidePipelineStateMachineProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const crawlerArn = stack.formatArn({
      service: 'glue',
      resource: 'crawler',
      resourceName: props.crawlerName,
    });

    const notify = new tasks.SnsPublish(this, 'Notify failure', {
      topic: props.alerts,
      subject: sfn.JsonPath.format('Pipeline {} failed', sfn.JsonPath.stateMachineName),
      message: sfn.TaskInput.fromObject({
        execution: sfn.JsonPath.executionId,
        error: sfn.JsonPath.stringAt('$.failure.Error'),
        cause: sfn.JsonPath.stringAt('$.failure.Cause'),
      }),
      resultPath: sfn.JsonPath.DISCARD,
    });
    notify.addRetry({ errors: [...RETRYABLE_ERRORS.sns], ...BACKOFF });
    const failed = new sfn.Fail(this, 'Failed', {
      errorPath: '$.failure.Error',
      causePath: '$.failure.Cause',
    });
    notify.next(failed);
    const guard = <T extends sfn.TaskStateBase>(task: T, retryable: readonly string[]): T => {
      task.addRetry({ errors: [...retryable], ...BACKOFF });
      task.addCatch(notify, { errors: [sfn.Errors.ALL], resultPath: '$.failure' });
      return task;
    };

    const startCrawler = guard(
      new tasks.CallAwsService(this, 'Start crawler', {
        service: 'glue',
        action: 'startCrawler',
        parameters: { Name: props.crawlerName },
        iamResources: [crawlerArn],
        resultPath: sfn.JsonPath.DISCARD,
      }),
      RETRYABLE_ERRORS.glue,
    );
    const waitForCrawler = new sfn.Wait(this, 'Wait for crawler', {
      time: sfn.WaitTime.duration(CRAWLER_POLL),
    });
    // A crawler already running (a schedule, a person) is waited for, not an error.
    startCrawler.addCatch(waitForCrawler, {
      errors: ['Glue.CrawlerRunningException'],
      resultPath: sfn.JsonPath.DISCARD,
    });
    const getCrawler = guard(
      new tasks.CallAwsService(this, 'Get crawler', {
        service: 'glue',
        action: 'getCrawler',
        parameters: { Name: props.crawlerName },
        iamResources: [crawlerArn],
        resultSelector: { 'state.$': '$.Crawler.State', 'lastCrawl.$': '$.Crawler.LastCrawl' },
        resultPath: '$.crawler',
      }),
      RETRYABLE_ERRORS.glue,
    );
    // A key whose value is a JsonPath token gets its `.$` from CDK: a key written 'Cause.$' would become
    // 'Cause.$.$', a literal key to Step Functions, and the notify state would find no Cause.
    const crawlFailed = new sfn.Pass(this, 'Crawl failed', {
      parameters: {
        Error: 'CrawlerFailed',
        Cause: sfn.JsonPath.format(
          'Crawler {} failed: {}',
          props.crawlerName,
          sfn.JsonPath.stringAt('$.crawler.lastCrawl.ErrorMessage'),
        ),
      },
      resultPath: '$.failure',
    });
    crawlFailed.next(notify);

    const job = (name: string, jobName: string) =>
      guard(
        new tasks.GlueStartJobRun(this, name, {
          glueJobName: jobName,
          integrationPattern: sfn.IntegrationPattern.RUN_JOB,
          resultSelector: { 'id.$': '$.Id', 'state.$': '$.JobRunState', 'seconds.$': '$.ExecutionTime' },
          resultPath: `$.jobs.${name.replaceAll(/\W/g, '')}`,
        }),
        RETRYABLE_ERRORS.glue,
      );
    // Athena's optimized integration as a custom state: CDK's task grants S3 on `*` (s3:CreateBucket
    // among them), while a CTAS needs exactly the curated objects it reads and the folder it writes.
    /** `dynamic`: the query string is an intrinsic function (States.Format) evaluated at run time. */
    const query = (name: string, queryString: string, dynamic = false) => {
      const state = new sfn.CustomState(this, name, {
        stateJson: {
          Type: 'Task',
          Resource: `arn:${stack.partition}:states:::athena:startQueryExecution.sync`,
          Parameters: {
            [dynamic ? 'QueryString.$' : 'QueryString']: queryString,
            WorkGroup: props.workgroup.workgroupName,
            QueryExecutionContext: { Database: props.databaseName },
          },
          ResultSelector: { 'id.$': '$.QueryExecution.QueryExecutionId' },
          ResultPath: null,
        },
      });
      state.addRetry({ errors: [...RETRYABLE_ERRORS.athena], ...BACKOFF });
      state.addCatch(notify, { errors: [sfn.Errors.ALL], resultPath: '$.failure' });
      return state;
    };

    // A check that ran and found bad data is a result, not an error of the function: the Choice sends it
    // to the alert with the function's own words, while the function's errors are retried or caught.
    const checkQuality = new tasks.LambdaInvoke(this, 'Check data quality', {
      lambdaFunction: props.qualityCheck,
      payload: sfn.TaskInput.fromObject({ execution: sfn.JsonPath.executionId }),
      retryOnServiceExceptions: false,
      resultSelector: {
        passed: sfn.JsonPath.objectAt('$.Payload.passed'),
        cause: sfn.JsonPath.stringAt('$.Payload.cause'),
        rides: sfn.JsonPath.numberAt('$.Payload.rides'),
        partitions: sfn.JsonPath.objectAt('$.Payload.partitions'),
      },
      resultPath: '$.quality',
    });
    guard(checkQuality, RETRYABLE_ERRORS.lambda);
    const qualityFailed = new sfn.Pass(this, 'Data quality failed', {
      parameters: { Error: 'DataQualityFailed', Cause: sfn.JsonPath.stringAt('$.quality.cause') },
      resultPath: '$.failure',
    });
    qualityFailed.next(notify);

    const rebuildSummary = query('Drop summary table', props.dropSql)
      .next(
        query(
          'Build summary table (CTAS)',
          sfn.JsonPath.format(props.ctasSqlTemplate, sfn.JsonPath.executionName),
          true,
        ),
      )
      .next(new sfn.Succeed(this, 'Done'));
    const transform = job('Raw to clean', props.rawToCleanJob)
      .next(job('Clean to curated', props.cleanToCuratedJob))
      .next(checkQuality)
      .next(
        new sfn.Choice(this, 'Data quality passed?')
          .when(sfn.Condition.booleanEquals('$.quality.passed', true), rebuildSummary)
          .otherwise(qualityFailed),
      );
    const definition = startCrawler
      .next(waitForCrawler)
      .next(getCrawler)
      .next(
        new sfn.Choice(this, 'Crawler finished?')
          .when(
            sfn.Condition.stringEquals('$.crawler.state', 'READY'),
            new sfn.Choice(this, 'Crawl succeeded?')
              .when(sfn.Condition.stringEquals('$.crawler.lastCrawl.Status', 'FAILED'), crawlFailed)
              .otherwise(transform),
          )
          .otherwise(waitForCrawler),
      );

    this.logGroup = new logs.LogGroup(this, 'Logs', {
      logGroupName: `/aws/vendedlogs/states/${props.stateMachineName}`,
      retention: props.logRetention,
      removalPolicy: removalPolicyOf(this),
    });
    this.stateMachine = new sfn.StateMachine(this, 'StateMachine', {
      stateMachineName: props.stateMachineName,
      stateMachineType: sfn.StateMachineType.STANDARD,
      comment:
        'Ingest → Clean → Transform → Check → Store → Query: crawl, two Glue jobs, a data-quality Lambda, Athena CTAS',
      definitionBody: sfn.DefinitionBody.fromChainable(definition),
      timeout: props.timeout,
      tracingEnabled: true,
      logs: { destination: this.logGroup, level: sfn.LogLevel.ALL, includeExecutionData: false },
    });
    this.grantQueries(props);
    acknowledgeWildcardResource(
      this.stateMachine.role,
      `${props.qualityCheck.functionArn}:*`,
      'Versions and aliases of the data-quality function: CDK’s LambdaInvoke grants the function with any qualifier.',
    );
  }

  /** What the queries need: the workgroup, the catalog of one database, the data they read and write. */
  private grantQueries(props: RidePipelineStateMachineProps): void {
    const { data } = props;
    props.workgroup.grantQueries(this.stateMachine, {
      athena: ATHENA_RUN_QUERIES,
      dataCatalog: ATHENA_GET_CATALOG,
      glue: GLUE_REBUILD_TABLES,
      databases: [props.databaseName],
      results: true,
      reads: [{ bucket: data.bucket, prefix: data.readPrefix }],
      writes: [{ bucket: data.bucket, prefix: data.writePrefix }],
    });
    acknowledgeWildcardResource(
      this.stateMachine.role,
      '*',
      'Log delivery (logs:*LogDelivery, DescribeLogGroups, DescribeResourcePolicies, PutResourcePolicy) and X-Ray (PutTraceSegments, PutTelemetryRecords, GetSampling*) have no resource-level permissions; CDK adds exactly these for logging and tracing.',
    );
  }
}
