import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Annotations, ArnFormat, CustomResource, Duration, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as mwaa from 'aws-cdk-lib/aws-mwaa';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3assets from 'aws-cdk-lib/aws-s3-assets';
import { Construct } from 'constructs';
import type { ResourceNames } from '../../lib/config/resource-names.ts';
import { acknowledgeCheckov, DEPLOY_TIME_FUNCTION } from '../nag/acknowledge-checkov.ts';
import { acknowledgeWildcardResource } from '../nag/acknowledge-wildcard-resource.ts';
import { LakeBucket } from './lake-bucket.ts';
import { loggedVpc } from './logged-vpc.ts';
import { PythonFunction } from './python-function.ts';
import { removalPolicyOf } from './removal-policy.ts';

export const DAGS_DIR = path.resolve(import.meta.dirname, '../../pipeline/dags');
/** Airflow version MWAA runs; the DAGs and the Amazon provider names they import are written for it. */
export const AIRFLOW_VERSION = '2.10.3';
const DAGS_PREFIX = 'dags/';
/** Kept out of the DAGs folder: tests, their fakes, docs and the requirements (published on its own). */
const NOT_DAGS = [
  'test_*.py',
  'conftest.py',
  'testing',
  '__pycache__',
  '*.pyc',
  'README.md',
  'requirements.txt',
];
/** The components MWAA logs, each to a group `airflow-<environment>-<component>`. */
const LOG_COMPONENTS = ['DAGProcessing', 'Scheduler', 'Task', 'WebServer', 'Worker'] as const;
/** mw1.micro runs one scheduler-worker and one web server; larger classes autoscale workers. */
const CAPACITY = {
  'mw1.micro': { schedulers: 1, minWorkers: 1, maxWorkers: 1, minWebservers: 1, maxWebservers: 1 },
  'mw1.small': { schedulers: 2, minWorkers: 1, maxWorkers: 2, minWebservers: 1, maxWebservers: 1 },
} as const;

export interface MwaaEnvironmentProps {
  /** Names of this environment's resources. */
  readonly names: ResourceNames;
  /** mw1.micro (one scheduler-worker) or mw1.small (autoscaled workers). */
  readonly environmentClass: keyof typeof CAPACITY;
  /** The foundation's access-logs bucket, which receives the DAGs bucket's server access logs. */
  readonly accessLogs: s3.IBucket;
  /** Airflow Variables the DAGs read, exported as AIRFLOW_VAR_<NAME> by the startup script. */
  readonly variables: Readonly<Record<string, string>>;
  /** The data lake key, for the environment and its bucket. @default - AWS-owned keys, SSE-S3 */
  readonly key?: kms.IKey;
  /** How long the Airflow and VPC logs are kept. */
  readonly logRetention: logs.RetentionDays;
}

/**
 * Managed Airflow, opt-in (it bills every hour it exists): a VPC with two private subnets behind one NAT
 * gateway, a versioned DAGs bucket fed from pipeline/dags on every deploy, a startup script that sets the
 * DAG's variables, an execution role limited to this environment's resources, and its logs with retention.
 */
export class MwaaEnvironment extends Construct {
  readonly environment: mwaa.CfnEnvironment;
  readonly bucket: LakeBucket;
  /** Runs Airflow and the DAG's tasks: grant it what the tasks do. */
  readonly executionRole: iam.Role;

  constructor(scope: Construct, id: string, props: MwaaEnvironmentProps) {
    super(scope, id);
    const { names } = props;
    const environmentName = names.resource('airflow');

    const vpc = loggedVpc(this, 'Vpc', {
      vpcName: environmentName,
      natGateways: 1,
      subnetConfiguration: [
        { name: 'public', subnetType: ec2.SubnetType.PUBLIC, cidrMask: 24 },
        { name: 'private', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, cidrMask: 24 },
      ],
      logRetention: props.logRetention,
    });
    const securityGroup = new ec2.SecurityGroup(this, 'SecurityGroup', {
      vpc,
      description: 'MWAA: its components talk to each other; outbound to AWS through the NAT gateway',
      allowAllOutbound: true,
    });
    // MWAA requires a self-referencing rule: scheduler, workers and web server reach one another.
    securityGroup.addIngressRule(securityGroup, ec2.Port.allTraffic(), 'MWAA components among themselves');

    this.bucket = new LakeBucket(this, 'Bucket', {
      bucketName: names.bucket('airflow', Stack.of(this).account),
      encryptionKey: props.key,
      accessLogs: { bucket: props.accessLogs, prefix: 'airflow/' },
      lifecycleRules: [{ id: 'tidy-versions', noncurrentVersionExpiration: Duration.days(30) }],
    });
    Annotations.of(this.bucket).acknowledgeWarning(
      '@aws-cdk/aws-s3:accessLogsPolicyNotAdded',
      "The foundation's access-logs bucket accepts the logs of every bucket of this environment.",
    );
    const versions = this.publish(props);

    for (const component of LOG_COMPONENTS) {
      new logs.LogGroup(this, `${component}Logs`, {
        logGroupName: `airflow-${environmentName}-${component}`,
        retention: props.logRetention,
        removalPolicy: removalPolicyOf(this),
      });
    }
    this.executionRole = this.createExecutionRole(environmentName, props);
    const role = this.executionRole;
    const capacity = CAPACITY[props.environmentClass];
    const logging = { enabled: true, logLevel: 'INFO' };
    this.environment = new mwaa.CfnEnvironment(this, 'Environment', {
      name: environmentName,
      airflowVersion: AIRFLOW_VERSION,
      environmentClass: props.environmentClass,
      ...capacity,
      executionRoleArn: role.roleArn,
      sourceBucketArn: this.bucket.bucketArn,
      dagS3Path: DAGS_PREFIX.slice(0, -1),
      requirementsS3Path: 'requirements.txt',
      requirementsS3ObjectVersion: versions.getAttString('requirements.txt'),
      startupScriptS3Path: 'startup.sh',
      startupScriptS3ObjectVersion: versions.getAttString('startup.sh'),
      kmsKey: props.key?.keyArn,
      webserverAccessMode: 'PUBLIC_ONLY',
      networkConfiguration: {
        securityGroupIds: [securityGroup.securityGroupId],
        subnetIds: vpc.privateSubnets.map((subnet) => subnet.subnetId),
      },
      loggingConfiguration: {
        dagProcessingLogs: logging,
        schedulerLogs: logging,
        taskLogs: logging,
        webserverLogs: logging,
        workerLogs: logging,
      },
      weeklyMaintenanceWindowStart: 'SUN:03:00',
    });
    this.environment.node.addDependency(versions, role);
  }

  /** The DAGs (loose files under dags/), the requirements and the startup script, published on every deploy. */
  private publish(props: MwaaEnvironmentProps): CustomResource {
    const dags = new s3assets.Asset(this, 'Dags', { path: DAGS_DIR, exclude: NOT_DAGS });
    const publisher = new PythonFunction(this, 'Publisher', {
      functionName: props.names.resource('airflow-publish'),
      handlerDir: 's3_publish',
      description: 'Publishes pipeline/dags to the Airflow bucket on deploy',
      logRetention: props.logRetention,
      timeout: Duration.minutes(2),
      memorySize: 256,
    });
    const dagObjects = this.bucket.arnForObjects(`${DAGS_PREFIX}*`);
    publisher.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['s3:GetObject'],
        resources: [dags.bucket.arnForObjects(dags.s3ObjectKey)],
      }),
    );
    publisher.role.addToPrincipalPolicy(
      new iam.PolicyStatement({ actions: ['s3:ListBucket'], resources: [this.bucket.bucketArn] }),
    );
    publisher.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['s3:PutObject', 's3:DeleteObject'],
        resources: [
          dagObjects,
          this.bucket.arnForObjects('startup.sh'),
          this.bucket.arnForObjects('requirements.txt'),
        ],
      }),
    );
    if (props.key) {
      publisher.role.addToPrincipalPolicy(
        new iam.PolicyStatement({
          actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
          resources: [props.key.keyArn],
        }),
      );
    }
    acknowledgeWildcardResource(publisher.role, dagObjects, 'The DAG files, whatever pipeline/dags holds.');
    acknowledgeCheckov(publisher.function, 'CKV_AWS_116', DEPLOY_TIME_FUNCTION);
    const startup = [
      '#!/bin/sh',
      '# Written by the CDK stack: the Airflow Variables of ride_pipeline.py (see pipeline/dags/README.md).',
      ...Object.entries(props.variables).map(([name, value]) => `export AIRFLOW_VAR_${name}='${value}'`),
      '',
    ].join('\n');
    const resource = new CustomResource(this, 'Published', {
      serviceToken: publisher.function.functionArn,
      resourceType: 'Custom::S3Publish',
      properties: {
        SourceBucket: dags.s3BucketName,
        SourceKey: dags.s3ObjectKey,
        DestinationBucket: this.bucket.bucketName,
        Prefix: DAGS_PREFIX,
        Files: {
          'requirements.txt': readFileSync(path.join(DAGS_DIR, 'requirements.txt'), 'utf8'),
          'startup.sh': startup,
        },
      },
    });
    resource.node.addDependency(publisher.role);
    return resource;
  }

  /** What Airflow needs to run (its bucket, logs, metrics, queue); the caller grants what the DAG's tasks do. */
  private createExecutionRole(environmentName: string, props: MwaaEnvironmentProps): iam.Role {
    const stack = Stack.of(this);
    const role = new iam.Role(this, 'ExecutionRole', {
      roleName: environmentName,
      assumedBy: new iam.CompositePrincipal(
        new iam.ServicePrincipal('airflow.amazonaws.com'),
        new iam.ServicePrincipal('airflow-env.amazonaws.com'),
      ),
      description: `Runs Airflow and the DAG tasks of ${environmentName}`,
    });
    const logGroups = stack.formatArn({
      service: 'logs',
      resource: 'log-group',
      resourceName: `airflow-${environmentName}-*`,
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });
    const celeryQueues = `arn:${stack.partition}:sqs:${stack.region}:*:airflow-celery-*`;
    const statements = [
      new iam.PolicyStatement({
        sid: 'PublishMetrics',
        actions: ['airflow:PublishMetrics'],
        resources: [
          stack.formatArn({ service: 'airflow', resource: 'environment', resourceName: environmentName }),
        ],
      }),
      new iam.PolicyStatement({
        sid: 'ReadDags',
        actions: [
          's3:GetObject',
          's3:GetObjectVersion',
          's3:ListBucket',
          's3:GetBucketLocation',
          's3:GetBucketVersioning',
          's3:GetBucketPublicAccessBlock',
          's3:GetEncryptionConfiguration',
        ],
        resources: [this.bucket.bucketArn, this.bucket.arnForObjects('*')],
      }),
      new iam.PolicyStatement({
        sid: 'CheckAccountPublicAccess',
        actions: ['s3:GetAccountPublicAccessBlock'],
        resources: ['*'],
      }),
      new iam.PolicyStatement({
        sid: 'WriteLogs',
        actions: [
          'logs:CreateLogStream',
          'logs:CreateLogGroup',
          'logs:PutLogEvents',
          'logs:GetLogEvents',
          'logs:GetLogRecord',
          'logs:GetLogGroupFields',
          'logs:GetQueryResults',
        ],
        resources: [logGroups],
      }),
      new iam.PolicyStatement({
        sid: 'FindLogGroups',
        actions: ['logs:DescribeLogGroups', 'cloudwatch:PutMetricData'],
        resources: ['*'],
      }),
      new iam.PolicyStatement({
        sid: 'CeleryQueue',
        actions: [
          'sqs:ChangeMessageVisibility',
          'sqs:DeleteMessage',
          'sqs:GetQueueAttributes',
          'sqs:GetQueueUrl',
          'sqs:ReceiveMessage',
          'sqs:SendMessage',
        ],
        resources: [celeryQueues],
      }),
    ];
    if (props.key) {
      statements.push(
        new iam.PolicyStatement({
          sid: 'EnvironmentKey',
          actions: ['kms:Decrypt', 'kms:DescribeKey', 'kms:GenerateDataKey', 'kms:Encrypt'],
          resources: [props.key.keyArn],
        }),
      );
    } else {
      // The Celery queue lives in an account of MWAA's, encrypted with a key MWAA owns: reachable only through SQS.
      statements.push(
        new iam.PolicyStatement({
          sid: 'QueueKey',
          actions: ['kms:Decrypt', 'kms:DescribeKey', 'kms:GenerateDataKey', 'kms:Encrypt'],
          notResources: [`arn:${stack.partition}:kms:*:${stack.account}:key/*`],
          conditions: { StringLike: { 'kms:ViaService': [`sqs.${stack.region}.amazonaws.com`] } },
        }),
      );
    }
    for (const statement of statements) role.addToPolicy(statement);
    acknowledgeWildcardResource(
      role,
      this.bucket.arnForObjects('*'),
      'Airflow reads every file of its own bucket.',
    );
    acknowledgeWildcardResource(
      role,
      logGroups,
      `MWAA names its log groups airflow-${environmentName}-<component>.`,
    );
    acknowledgeWildcardResource(
      role,
      celeryQueues,
      'MWAA creates its Celery queue, named airflow-celery-*, in an AWS-owned account.',
    );
    acknowledgeWildcardResource(
      role,
      '*',
      'GetAccountPublicAccessBlock, DescribeLogGroups and PutMetricData have no resource-level permissions.',
    );
    return role;
  }
}
