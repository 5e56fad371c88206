import { CustomResource, Duration } from 'aws-cdk-lib';
import type * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { acknowledgeCheckov, DEPLOY_TIME_FUNCTION } from '../nag/acknowledge-checkov.ts';
import type { IAthenaWorkgroup } from './athena-workgroup.ts';
import { ATHENA_START_QUERIES, GLUE_MANAGE_VIEWS } from './perms.ts';
import { PythonFunction } from './python-function.ts';
import { mayDestroyData } from './removal-policy.ts';

export interface DdlStatement {
  /** Names the statement in the custom resource, so a changed list runs what changed. */
  readonly name: string;
  /** The DDL, e.g. CREATE OR REPLACE VIEW. */
  readonly sql: string;
  /** Undoes the statement: run when the statement leaves the list, or on delete where allowed. */
  readonly dropSql: string;
}

export interface AthenaDdlProps {
  /** Physical name of the function that runs the statements. */
  readonly functionName: string;
  /** Where the statements run, with its results bucket. */
  readonly workgroup: IAthenaWorkgroup;
  /** Run in order on every deploy. */
  readonly statements: readonly DdlStatement[];
  /** Glue databases the statements create tables (views) in or read tables of. */
  readonly databaseNames: readonly string[];
  /** How long the function's logs are kept. */
  readonly logRetention: logs.RetentionDays;
}

/**
 * Athena DDL run on every deploy by a custom resource (pipeline/lambdas/athena_ddl): the views exist when
 * `cdk deploy` returns, and a statement that fails rolls the deployment back with Athena's reason. The
 * views are dropped with the stack only where the environment may destroy data.
 */
export class AthenaDdl extends Construct {
  readonly resource: CustomResource;
  readonly runner: PythonFunction;

  constructor(scope: Construct, id: string, props: AthenaDdlProps) {
    super(scope, id);
    const { workgroupName } = props.workgroup;
    this.runner = new PythonFunction(this, 'Runner', {
      functionName: props.functionName,
      handlerDir: 'athena_ddl',
      description: `Runs the Athena DDL (views) of ${workgroupName} on deploy`,
      logRetention: props.logRetention,
      timeout: Duration.minutes(5),
      memorySize: 128,
    });
    props.workgroup.grantQueries(this.runner.role, {
      athena: ATHENA_START_QUERIES,
      glue: GLUE_MANAGE_VIEWS,
      databases: props.databaseNames,
      results: true,
    });

    this.resource = new CustomResource(this, 'Statements', {
      serviceToken: this.runner.function.functionArn,
      resourceType: 'Custom::AthenaDdl',
      properties: {
        WorkGroup: workgroupName,
        DropOnDelete: String(mayDestroyData(this)),
        Statements: props.statements.map((s) => ({ Name: s.name, Sql: s.sql, DropSql: s.dropSql })),
      },
    });
    // The policy must exist before CloudFormation calls the function.
    this.resource.node.addDependency(this.runner.role);
    acknowledgeCheckov(this.runner.function, 'CKV_AWS_116', DEPLOY_TIME_FUNCTION);
  }
}
