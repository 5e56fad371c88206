import { cpSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { DockerImage, Duration, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { acknowledgeCheckov } from '../nag/acknowledge-checkov.ts';
import { acknowledgeWildcardResource } from '../nag/acknowledge-wildcard-resource.ts';
import { removalPolicyOf } from './removal-policy.ts';

/** Where the Lambda handlers live: pipeline/lambdas/<name>/handler.py, shared code in common/. */
export const LAMBDAS_DIR = path.resolve(import.meta.dirname, '../../pipeline/lambdas');
const SHARED = 'common';
/** Not shipped: tests, fixtures and caches. */
const LEFT_OUT = /^(test_.*\.py|conftest\.py|__pycache__|events|.*\.pyc)$/;

export interface PythonFunctionProps {
  /** Physical name, `${project}-${environment}-<purpose>`: the delivery pipeline updates the function by it. */
  readonly functionName: string;
  /** Folder under pipeline/lambdas/ with handler.py. */
  readonly handlerDir: string;
  /** What the function does, shown in the console. */
  readonly description: string;
  /** Environment variables of the handler. @default - none */
  readonly environment?: Record<string, string>;
  /** How long the function's logs are kept. */
  readonly logRetention: logs.RetentionDays;
  /** Concurrent executions reserved (and capped) for the function. @default - unreserved: the account's pool */
  readonly reservedConcurrency?: number;
  /** How long one invocation may run. @default Duration.seconds(30) */
  readonly timeout?: Duration;
  /** Memory in MB (CPU grows with it). @default 256 */
  readonly memorySize?: number;
  /**
   * Where asynchronous invocations that failed every retry are kept. Give one to a function that events
   * invoke asynchronously. @default - none: the caller (API, stream, CloudFormation) gets the error
   */
  readonly deadLetterQueue?: sqs.IQueue;
}

/**
 * A Python 3.12 function on Graviton (arm64: about 20 % cheaper per GB-second) packaged from
 * pipeline/lambdas/<handlerDir> plus the shared common/ package, with its own role and log group: the role
 * may write to that log group and nothing else until the caller grants more.
 */
export class PythonFunction extends Construct {
  readonly function: lambda.Function;
  readonly role: iam.Role;
  readonly logGroup: logs.LogGroup;
  /** The plain name (no token), for stacks that find the function by name. */
  readonly functionName: string;
  readonly handlerDir: string;

  constructor(scope: Construct, id: string, props: PythonFunctionProps) {
    super(scope, id);
    this.functionName = props.functionName;
    this.handlerDir = props.handlerDir;
    this.logGroup = new logs.LogGroup(this, 'Logs', {
      logGroupName: `/aws/lambda/${props.functionName}`,
      retention: props.logRetention,
      removalPolicy: removalPolicyOf(this),
    });
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Runs ${props.functionName}`,
    });
    this.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [`${this.logGroup.logGroupArn}`],
      }),
    );
    this.function = new lambda.Function(this, 'Function', {
      functionName: props.functionName,
      description: props.description,
      runtime: lambda.Runtime.PYTHON_3_12,
      architecture: lambda.Architecture.ARM_64,
      handler: 'handler.handler',
      code: lambda.Code.fromAsset(path.join(LAMBDAS_DIR, props.handlerDir), {
        bundling: {
          // Copying needs no container: bundle on the machine that synthesizes.
          image: DockerImage.fromRegistry('public.ecr.aws/sam/build-python3.12'),
          local: { tryBundle: (outputDir) => bundle(props.handlerDir, outputDir) },
        },
      }),
      role: this.role,
      logGroup: this.logGroup,
      environment: props.environment,
      timeout: props.timeout ?? Duration.seconds(30),
      memorySize: props.memorySize ?? 256,
      reservedConcurrentExecutions: props.reservedConcurrency,
      deadLetterQueue: props.deadLetterQueue,
    });
    // The log group ARN CDK renders ends in `:*` (all its streams).
    acknowledgeWildcardResource(
      this.role,
      this.logGroup.logGroupArn,
      'Log streams of this function’s own log group; their names are chosen by Lambda at run time.',
    );
    Validations.of(this.function).acknowledge({
      id: 'AwsSolutions-L1',
      reason:
        'Python 3.12 is the runtime the roadmap and the Glue jobs share; move all pipeline code together.',
    });
    acknowledgeCheckov(
      this.function,
      'CKV_AWS_117',
      'The function calls only public AWS endpoints (S3, Kinesis, CloudWatch, Athena) and reaches nothing private; in a VPC it would need a NAT gateway ($33 a month) or interface endpoints to reach them.',
    );
    if (props.environment) {
      acknowledgeCheckov(
        this.function,
        'CKV_AWS_173',
        'Its environment variables hold resource names and settings, no secrets; Lambda encrypts them at rest with its AWS-managed key.',
      );
    }
    if (props.reservedConcurrency === undefined) {
      acknowledgeCheckov(
        this.function,
        'CKV_AWS_115',
        'Reserved concurrency is taken from the account pool, of which Lambda keeps 10 unreserved, and new accounts have only 10: set ingestion.lambdaReservedConcurrency in config where the account allows it.',
      );
    }
  }
}

function bundle(handlerDir: string, outputDir: string): boolean {
  for (const dir of [handlerDir, SHARED]) {
    const source = path.join(LAMBDAS_DIR, dir);
    const target = dir === SHARED ? path.join(outputDir, SHARED) : outputDir;
    for (const entry of readdirSync(source)) {
      if (LEFT_OUT.test(entry)) continue;
      cpSync(path.join(source, entry), path.join(target, entry), { recursive: true });
    }
  }
  return true;
}
