import { Duration } from 'aws-cdk-lib';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import type { ResourceNames } from '../../../lib/config/resource-names.ts';
import type { IAthenaWorkgroup } from '../../constructs/athena-workgroup.ts';
import { TABLE_NAME, TABLE_PREFIX } from '../../constructs/lake-catalog.ts';
import { ATHENA_FETCH_RESULTS, ATHENA_GET_CATALOG, GLUE_READ_TABLES } from '../../constructs/perms.ts';
import { PythonFunction } from '../../constructs/python-function.ts';
import { acknowledgeCheckov } from '../../nag/acknowledge-checkov.ts';

export interface DataQualityCheckProps {
  /** Names of this environment's resources. */
  readonly names: ResourceNames;
  /** The workgroup the check's queries run in, with its results bucket and the lake's key. */
  readonly workgroup: IAthenaWorkgroup;
  /** The curated database, which holds the rides table. */
  readonly database: string;
  /** The curated bucket: the table's data under its prefix. */
  readonly curated: s3.IBucket;
  /** How long the function's logs are kept. */
  readonly logRetention: logs.RetentionDays;
}

/**
 * The Lambda step of the pipeline: pipeline/lambdas/data_quality checks the curated rides table with two
 * Athena queries (rows, null keys, duplicate ride ids, counts per partition). Its role may run queries in
 * the workgroup and read that one table, nothing more. A named part of the orchestration stack, defined
 * in the stack's own scope (see PipelineTriggers).
 */
export class DataQualityCheck {
  readonly check: PythonFunction;

  constructor(stack: Construct, props: DataQualityCheckProps) {
    const { names, workgroup, database } = props;
    this.check = new PythonFunction(stack, 'DataQualityFunction', {
      functionName: names.resource('data-quality'),
      handlerDir: 'data_quality',
      description: `Checks ${database}.${TABLE_NAME} after the Glue jobs: rows, null keys, duplicate ride ids`,
      environment: { WORKGROUP: workgroup.workgroupName, DATABASE: database, TABLE: TABLE_NAME },
      logRetention: props.logRetention,
      // Two queries on a small table take seconds; a queued workgroup can take minutes.
      timeout: Duration.minutes(5),
    });
    acknowledgeCheckov(
      this.check.function,
      'CKV_AWS_116',
      'The state machine invokes it synchronously and catches its errors into an alert; a dead-letter queue only receives failed asynchronous invocations.',
    );
    workgroup.grantQueries(this.check.role, {
      athena: ATHENA_FETCH_RESULTS,
      dataCatalog: ATHENA_GET_CATALOG,
      glue: GLUE_READ_TABLES,
      databases: [database],
      results: true,
      reads: [{ bucket: props.curated, prefix: TABLE_PREFIX }],
    });
  }
}
