import { Annotations, Aws, Duration, Stack } from 'aws-cdk-lib';
import * as athena from 'aws-cdk-lib/aws-athena';
import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as glue from 'aws-cdk-lib/aws-glue';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import type { ResourceNames } from '../../lib/config/resource-names.ts';
import type { SqlFile } from '../../lib/sql/sql-files.ts';
import { fillPlaceholders } from '../../lib/sql/sql-files.ts';
import { acknowledgeCheckov } from '../nag/acknowledge-checkov.ts';
import { LakeBucket } from './lake-bucket.ts';
import { LOG_METRICS_NAMESPACE } from './pipeline-alarms.ts';
import { removalPolicyOf } from './removal-policy.ts';

export const TRAIL_TABLE = 'cloudtrail_logs';
/** Regions a multi-region trail writes folders for; partition projection enumerates them. */
const REGIONS = [
  'us-east-1',
  'us-east-2',
  'us-west-1',
  'us-west-2',
  'ca-central-1',
  'ca-west-1',
  'sa-east-1',
  'mx-central-1',
  'eu-west-1',
  'eu-west-2',
  'eu-west-3',
  'eu-central-1',
  'eu-central-2',
  'eu-north-1',
  'eu-south-1',
  'eu-south-2',
  'ap-south-1',
  'ap-south-2',
  'ap-southeast-1',
  'ap-southeast-2',
  'ap-southeast-3',
  'ap-southeast-4',
  'ap-southeast-5',
  'ap-southeast-7',
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-northeast-3',
  'ap-east-1',
  'me-south-1',
  'me-central-1',
  'il-central-1',
  'af-south-1',
];
/** The CIS AWS Foundations Benchmark's CloudTrail metric filters this project alarms on. */
const CIS_FILTERS = {
  RootAccountUsage: {
    pattern:
      '{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }',
    description: 'The root user of the account was used',
  },
  UnauthorizedApiCalls: {
    pattern: '{ ($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*") }',
    description: 'API calls were refused (unauthorized operation or access denied)',
  },
  IamPolicyChanges: {
    pattern: `{ ${[
      'DeleteGroupPolicy',
      'DeleteRolePolicy',
      'DeleteUserPolicy',
      'PutGroupPolicy',
      'PutRolePolicy',
      'PutUserPolicy',
      'CreatePolicy',
      'DeletePolicy',
      'CreatePolicyVersion',
      'DeletePolicyVersion',
      'AttachRolePolicy',
      'DetachRolePolicy',
      'AttachUserPolicy',
      'DetachUserPolicy',
      'AttachGroupPolicy',
      'DetachGroupPolicy',
    ]
      .map((name) => `($.eventName = ${name})`)
      .join(' || ')} }`,
    description: 'An IAM policy was created, changed, attached or detached',
  },
} as const;
const USER_IDENTITY =
  'struct<type:string,principalid:string,arn:string,accountid:string,invokedby:string,accesskeyid:string,username:string,' +
  'sessioncontext:struct<attributes:struct<mfaauthenticated:string,creationdate:string>,' +
  'sessionissuer:struct<type:string,principalid:string,arn:string,accountid:string,username:string>,sourceidentity:string>>';
const TRAIL_COLUMNS: glue.CfnTable.ColumnProperty[] = (
  [
    ['eventversion', 'string'],
    ['useridentity', USER_IDENTITY],
    ['eventtime', 'string'],
    ['eventsource', 'string'],
    ['eventname', 'string'],
    ['awsregion', 'string'],
    ['sourceipaddress', 'string'],
    ['useragent', 'string'],
    ['errorcode', 'string'],
    ['errormessage', 'string'],
    ['requestparameters', 'string'],
    ['responseelements', 'string'],
    ['additionaleventdata', 'string'],
    ['requestid', 'string'],
    ['eventid', 'string'],
    ['resources', 'array<struct<arn:string,accountid:string,type:string>>'],
    ['eventtype', 'string'],
    ['apiversion', 'string'],
    ['readonly', 'string'],
    ['recipientaccountid', 'string'],
    ['serviceeventdetails', 'string'],
    ['sharedeventid', 'string'],
    ['vpcendpointid', 'string'],
    ['eventcategory', 'string'],
    ['tlsdetails', 'struct<tlsversion:string,ciphersuite:string,clienthostheader:string>'],
  ] as const
).map(([name, type]) => ({ name, type }));

export interface AuditTrailProps {
  /** Names of this environment's resources. */
  readonly names: ResourceNames;
  /** Where the CIS alarms send their state changes. */
  readonly alerts: sns.ITopic;
  /** The data lake key: the trail's files are encrypted with it. @default - SSE-S3, as the environment's buckets */
  readonly key?: kms.IKey;
  /** The foundation's access-logs bucket, which receives the trail bucket's server access logs. */
  readonly accessLogs: s3.IBucket;
  /** When the trail's files move to Infrequent Access and old versions expire. */
  readonly lifecycle: {
    readonly transitionToInfrequentAccessDays: number;
    readonly noncurrentVersionExpirationDays: number;
  };
  /** Days the trail's files are kept. */
  readonly keepDays: number;
  /** How long the trail's CloudWatch Logs copy is kept. */
  readonly logRetention: logs.RetentionDays;
  /** Workgroup of the saved queries. */
  readonly workgroupName: string;
  /** pipeline/sql/cloudtrail: saved queries over the trail table. */
  readonly queries: readonly SqlFile[];
  /**
   * CloudTrail Insights of both types (API call rate, API error rate): billed per event analyzed.
   * @default false
   */
  readonly insights?: boolean;
}

/**
 * "Who did what": a multi-region trail of management events, with log-file validation, into a bucket of
 * its own and into CloudWatch Logs, where the CIS metric filters raise alarms; and the trail as an Athena
 * table (partition projection by region and day) with saved queries that answer audit questions. Opt-in,
 * CloudTrail Insights flag unusual call and error rates against the trail's own baseline.
 */
export class AuditTrail extends Construct {
  readonly trail: cloudtrail.Trail;
  readonly bucket: LakeBucket;
  readonly alarms: cloudwatch.Alarm[] = [];

  constructor(scope: Construct, id: string, props: AuditTrailProps) {
    super(scope, id);
    const { names } = props;
    const stack = Stack.of(this);
    this.bucket = new LakeBucket(this, 'Bucket', {
      bucketName: names.bucket('cloudtrail', Stack.of(this).account),
      accessLogs: { bucket: props.accessLogs, prefix: 'cloudtrail/' },
      lifecycleRules: [
        {
          id: 'tier-and-expire',
          transitions: [
            {
              storageClass: s3.StorageClass.INFREQUENT_ACCESS,
              transitionAfter: Duration.days(props.lifecycle.transitionToInfrequentAccessDays),
            },
          ],
          expiration: Duration.days(props.keepDays),
          noncurrentVersionExpiration: Duration.days(props.lifecycle.noncurrentVersionExpirationDays),
        },
      ],
    });
    Annotations.of(this.bucket).acknowledgeWarning(
      '@aws-cdk/aws-s3:accessLogsPolicyNotAdded',
      "The foundation's access-logs bucket accepts the logs of every bucket of this environment.",
    );
    const logGroup = new logs.LogGroup(this, 'Logs', {
      logGroupName: `/aws/cloudtrail/${names.prefix}`,
      retention: props.logRetention,
      removalPolicy: removalPolicyOf(this),
    });
    const trailName = names.resource('trail');
    if (props.key) allowTrail(props.key, trailName);
    this.trail = new cloudtrail.Trail(this, 'Trail', {
      trailName,
      encryptionKey: props.key,
      bucket: this.bucket,
      enableFileValidation: true,
      isMultiRegionTrail: true,
      includeGlobalServiceEvents: true,
      managementEvents: cloudtrail.ReadWriteType.ALL,
      sendToCloudWatchLogs: true,
      cloudWatchLogGroup: logGroup,
      // "Detect anomalies": Insights events land beside the trail's events, under AWSLogs/<account>/CloudTrail-Insight/.
      insightTypes: props.insights
        ? [cloudtrail.InsightType.API_CALL_RATE, cloudtrail.InsightType.API_ERROR_RATE]
        : undefined,
    });
    // CDK's bucket policy lets the CloudTrail service write whatever trail asks: only this trail may.
    this.bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'OnlyThisTrailWrites',
        effect: iam.Effect.DENY,
        principals: [new iam.ServicePrincipal('cloudtrail.amazonaws.com')],
        actions: ['s3:GetBucketAcl', 's3:PutObject'],
        resources: [this.bucket.bucketArn, this.bucket.arnForObjects('*')],
        conditions: { StringNotEquals: { 'aws:SourceArn': trailArn(trailName) } },
      }),
    );
    if (!props.key) {
      acknowledgeCheckov(
        this.trail,
        'CKV_AWS_35',
        'The environment encrypts with "s3-managed": the trail files get SSE-S3 like every bucket of it; encryption "kms" encrypts them with the data lake key.',
      );
    }

    for (const [metricName, { pattern, description }] of Object.entries(CIS_FILTERS)) {
      new logs.MetricFilter(this, metricName, {
        logGroup,
        filterPattern: logs.FilterPattern.literal(pattern),
        metricNamespace: LOG_METRICS_NAMESPACE,
        metricName,
        metricValue: '1',
        dimensions: { Environment: names.prefix },
      });
      const alarm = new cloudwatch.Alarm(this, `${metricName}Alarm`, {
        alarmName: `${names.prefix}-${metricName.replaceAll(/([a-z])([A-Z])/g, '$1-$2').toLowerCase()}`,
        alarmDescription: `${description} (CloudTrail, CIS benchmark filter)`,
        metric: new cloudwatch.Metric({
          namespace: LOG_METRICS_NAMESPACE,
          metricName,
          dimensionsMap: { Environment: names.prefix },
          statistic: 'Sum',
          period: Duration.minutes(5),
        }),
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });
      alarm.addAlarmAction(new actions.SnsAction(props.alerts));
      this.alarms.push(alarm);
    }

    const database = new glue.CfnDatabase(this, 'Database', {
      catalogId: stack.account,
      databaseInput: {
        name: names.glueDatabase('audit'),
        description: `CloudTrail of ${names.prefix}, for Athena`,
      },
    });
    database.applyRemovalPolicy(removalPolicyOf(this));
    const location = this.bucket.s3UrlForObject(`AWSLogs/${stack.account}/CloudTrail/`);
    const table = new glue.CfnTable(this, 'Table', {
      catalogId: stack.account,
      databaseName: database.ref,
      tableInput: {
        name: TRAIL_TABLE,
        description: 'CloudTrail events; partitions projected by region and day (timestamp = yyyy/MM/dd)',
        tableType: 'EXTERNAL_TABLE',
        parameters: {
          EXTERNAL: 'TRUE',
          classification: 'cloudtrail',
          'projection.enabled': 'true',
          'projection.region.type': 'enum',
          'projection.region.values': REGIONS.join(','),
          'projection.timestamp.type': 'date',
          'projection.timestamp.format': 'yyyy/MM/dd',
          'projection.timestamp.range': '2025/01/01,NOW',
          'projection.timestamp.interval': '1',
          'projection.timestamp.interval.unit': 'DAYS',
          'storage.location.template': `${location}\${region}/\${timestamp}`,
        },
        partitionKeys: [
          { name: 'region', type: 'string', comment: 'Region folder of the trail' },
          { name: 'timestamp', type: 'string', comment: 'Day folder, yyyy/MM/dd' },
        ],
        storageDescriptor: {
          location,
          columns: TRAIL_COLUMNS,
          inputFormat: 'com.amazon.emr.cloudtrail.CloudTrailInputFormat',
          outputFormat: 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat',
          serdeInfo: { serializationLibrary: 'org.apache.hive.hcatalog.data.JsonSerDe' },
        },
      },
    });
    const values = { audit_db: names.glueDatabase('audit') };
    for (const query of props.queries) {
      const saved = new athena.CfnNamedQuery(this, `Query-${query.name}`, {
        name: query.name,
        description: query.description,
        database: values.audit_db,
        workGroup: props.workgroupName,
        queryString: fillPlaceholders(query.sql, values, query.file),
      });
      saved.addResourceDependency(table);
    }
  }
}

/**
 * Lets CloudTrail encrypt this trail's files with the key (its documented key policy, narrowed to the one
 * trail); reading them back goes through IAM, like every use of the key by people.
 */
function allowTrail(key: kms.IKey, trailName: string): void {
  const arn = trailArn(trailName);
  const cloudTrail = new iam.ServicePrincipal('cloudtrail.amazonaws.com');
  key.addToResourcePolicy(
    new iam.PolicyStatement({
      sid: 'CloudTrailEncryptsTheAuditTrail',
      principals: [cloudTrail],
      actions: ['kms:GenerateDataKey'],
      resources: ['*'],
      conditions: {
        StringEquals: { 'aws:SourceArn': arn },
        StringLike: { 'kms:EncryptionContext:aws:cloudtrail:arn': arn },
      },
    }),
  );
  key.addToResourcePolicy(
    new iam.PolicyStatement({
      sid: 'CloudTrailDescribesTheKey',
      principals: [cloudTrail],
      actions: ['kms:DescribeKey'],
      resources: ['*'],
      conditions: { StringEquals: { 'aws:SourceArn': arn } },
    }),
  );
}

/** The trail's ARN, known before the trail exists (its name is fixed): policies that name it need no reference. */
function trailArn(trailName: string): string {
  return `arn:${Aws.PARTITION}:cloudtrail:${Aws.REGION}:${Aws.ACCOUNT_ID}:trail/${trailName}`;
}
