import { CustomResource, Duration, type RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { acknowledgeWildcardResource } from '../nag/acknowledge-wildcard-resource.ts';
import { RESULTS_PREFIX } from './athena-workgroup.ts';
import { PythonFunction } from './python-function.ts';

export interface DdlStatement {
  readonly name: string;
  readonly sql: string;
  /** Undoes the statement: run when the statement leaves the list, or on delete where allowed. */
  readonly dropSql: string;
}

export interface AthenaDdlProps {
  readonly functionName: string;
  readonly workgroupName: string;
  readonly statements: readonly DdlStatement[];
  /** Glue databases the statements create tables (views) in or read tables of. */
  readonly databaseNames: readonly string[];
  readonly resultsBucket: s3.IBucket;
  readonly key?: kms.IKey;
  /** Drop the views when the stack is deleted (where the catalog is not retained). */
  readonly dropOnDelete: boolean;
  readonly logRetention: logs.RetentionDays;
  readonly removalPolicy: RemovalPolicy;
}

/**
 * Athena DDL run on every deploy by a custom resource (pipeline/lambdas/athena_ddl): the views exist when
 * `cdk deploy` returns, and a statement that fails rolls the deployment back with Athena's reason.
 */
export class AthenaDdl extends Construct {
  readonly resource: CustomResource;
  readonly runner: PythonFunction;

  constructor(scope: Construct, id: string, props: AthenaDdlProps) {
    super(scope, id);
    const stack = Stack.of(this);
    this.runner = new PythonFunction(this, 'Runner', {
      functionName: props.functionName,
      handlerDir: 'athena_ddl',
      description: `Runs the Athena DDL (views) of ${props.workgroupName} on deploy`,
      logRetention: props.logRetention,
      removalPolicy: props.removalPolicy,
      timeout: Duration.minutes(5),
      memorySize: 128,
    });
    const tables = props.databaseNames.map((db) =>
      stack.formatArn({ service: 'glue', resource: 'table', resourceName: `${db}/*` }),
    );
    const results = props.resultsBucket.arnForObjects(`${RESULTS_PREFIX}*`);
    const statements = [
      new iam.PolicyStatement({
        sid: 'RunQueries',
        actions: ['athena:StartQueryExecution', 'athena:GetQueryExecution'],
        resources: [
          stack.formatArn({ service: 'athena', resource: 'workgroup', resourceName: props.workgroupName }),
        ],
      }),
      new iam.PolicyStatement({
        sid: 'ManageViews',
        actions: [
          'glue:GetDatabase',
          'glue:GetTable',
          'glue:GetTables',
          'glue:CreateTable',
          'glue:UpdateTable',
          'glue:DeleteTable',
        ],
        resources: [
          stack.formatArn({ service: 'glue', resource: 'catalog' }),
          ...props.databaseNames.map((db) =>
            stack.formatArn({ service: 'glue', resource: 'database', resourceName: db }),
          ),
          ...tables,
        ],
      }),
      new iam.PolicyStatement({
        sid: 'WriteResults',
        actions: ['s3:PutObject', 's3:GetObject', 's3:AbortMultipartUpload'],
        resources: [results],
      }),
      new iam.PolicyStatement({
        sid: 'FindResultsBucket',
        actions: ['s3:GetBucketLocation', 's3:ListBucket'],
        resources: [props.resultsBucket.bucketArn],
      }),
    ];
    if (props.key) {
      statements.push(
        new iam.PolicyStatement({
          sid: 'EncryptResults',
          actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
          resources: [props.key.keyArn],
        }),
      );
    }
    for (const statement of statements) this.runner.role.addToPrincipalPolicy(statement);
    for (const table of tables) {
      acknowledgeWildcardResource(
        this.runner.role,
        table,
        'Views are tables of this database; their names come from pipeline/sql/views.',
      );
    }
    acknowledgeWildcardResource(
      this.runner.role,
      results,
      'Athena names each result object by query id under athena/.',
    );

    this.resource = new CustomResource(this, 'Statements', {
      serviceToken: this.runner.function.functionArn,
      resourceType: 'Custom::AthenaDdl',
      properties: {
        WorkGroup: props.workgroupName,
        DropOnDelete: String(props.dropOnDelete),
        Statements: props.statements.map((s) => ({ Name: s.name, Sql: s.sql, DropSql: s.dropSql })),
      },
    });
    // The policy must exist before CloudFormation calls the function.
    this.resource.node.addDependency(this.runner.role);
  }
}
