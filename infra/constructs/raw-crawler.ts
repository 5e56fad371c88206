import { ArnFormat, Stack, Validations } from 'aws-cdk-lib';
import * as glue from 'aws-cdk-lib/aws-glue';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { acknowledgeWildcardResource } from '../nag/acknowledge-wildcard-resource.ts';

export interface RawCrawlerProps {
  /** Physical name, `${project}-${environment}-raw-crawler`. */
  readonly crawlerName: string;
  /** Glue database the crawler writes tables into, e.g. launchpad_dev_raw. */
  readonly databaseName: string;
  /** The raw zone's bucket, found by name. */
  readonly bucket: s3.IBucket;
  /** Folders of the raw zone to crawl, e.g. ['stream/rides/', 'uploads/rides/']. */
  readonly paths: readonly string[];
  /** The data lake key. @default - the lake uses SSE-S3 */
  readonly key?: kms.IKey;
  /** `cron(...)`, or null to run it only when started. */
  readonly schedule: string | null;
}

/** Read-only Glue Data Catalog actions a crawler needs on its database, plus writing tables and partitions. */
const CATALOG_ACTIONS = [
  'glue:GetDatabase',
  'glue:GetTable',
  'glue:GetTables',
  'glue:CreateTable',
  'glue:UpdateTable',
  'glue:GetPartition',
  'glue:GetPartitions',
  'glue:BatchGetPartition',
  'glue:BatchCreatePartition',
  'glue:UpdatePartition',
  'glue:BatchUpdatePartition',
];

/**
 * A Glue crawler over the raw zone into a database of its own. It crawls new folders only (each run
 * reads just what arrived) and therefore logs schema changes instead of applying them: a full recrawl picks
 * them up (docs/guides/schema-evolution.md).
 */
export class RawCrawler extends Construct {
  readonly database: glue.CfnDatabase;
  readonly crawler: glue.CfnCrawler;
  readonly role: iam.Role;

  constructor(scope: Construct, id: string, props: RawCrawlerProps) {
    super(scope, id);
    const stack = Stack.of(this);
    this.database = new glue.CfnDatabase(this, 'Database', {
      catalogId: stack.account,
      databaseInput: { name: props.databaseName, description: 'Raw zone, as the crawler finds it' },
    });
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('glue.amazonaws.com'),
      description: `Lets ${props.crawlerName} read the raw zone and keep its catalog tables`,
    });
    const objects = props.paths.map((p) => props.bucket.arnForObjects(`${p}*`));
    this.role.addToPrincipalPolicy(
      new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: objects }),
    );
    this.role.addToPrincipalPolicy(
      new iam.PolicyStatement({ actions: ['s3:ListBucket'], resources: [props.bucket.bucketArn] }),
    );
    const catalog = stack.formatArn({ service: 'glue', resource: 'catalog' });
    const database = stack.formatArn({
      service: 'glue',
      resource: 'database',
      resourceName: props.databaseName,
    });
    const tables = stack.formatArn({
      service: 'glue',
      resource: 'table',
      resourceName: `${props.databaseName}/*`,
    });
    this.role.addToPrincipalPolicy(
      new iam.PolicyStatement({ actions: CATALOG_ACTIONS, resources: [catalog, database, tables] }),
    );
    const logs = stack.formatArn({
      service: 'logs',
      resource: 'log-group',
      resourceName: '/aws-glue/crawlers:*',
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });
    this.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [logs],
      }),
    );
    if (props.key) {
      this.role.addToPrincipalPolicy(
        new iam.PolicyStatement({
          actions: ['kms:Decrypt'],
          resources: [props.key.keyArn],
          conditions: { StringEquals: { 'kms:ViaService': `s3.${stack.region}.amazonaws.com` } },
        }),
      );
    }

    this.crawler = new glue.CfnCrawler(this, 'Crawler', {
      name: props.crawlerName,
      role: this.role.roleArn,
      databaseName: props.databaseName,
      description: 'Catalogs the ride events of the raw zone',
      targets: {
        s3Targets: props.paths.map((p) => ({
          path: `s3://${props.bucket.bucketName}/${p}`,
          exclusions: ['**/_SUCCESS', '**.tmp'],
        })),
      },
      recrawlPolicy: { recrawlBehavior: 'CRAWL_NEW_FOLDERS_ONLY' },
      // Crawling new folders only requires logging schema changes rather than applying them.
      schemaChangePolicy: { updateBehavior: 'LOG', deleteBehavior: 'LOG' },
      configuration: JSON.stringify({
        Version: 1.0,
        Grouping: { TableGroupingPolicy: 'CombineCompatibleSchemas' },
      }),
      schedule: props.schedule ? { scheduleExpression: props.schedule } : undefined,
    });
    this.crawler.addResourceDependency(this.database);

    for (const arn of [...objects, tables]) {
      acknowledgeWildcardResource(
        this.role,
        arn,
        'The crawler reads every object under its folders of the raw zone and keeps every table of its own database.',
      );
    }
    acknowledgeWildcardResource(
      this.role,
      logs,
      'Glue writes crawler logs to streams it names itself in /aws-glue/crawlers.',
    );
    Validations.of(this.crawler).acknowledge({
      id: 'AwsSolutions-GL1',
      reason:
        'CloudWatch Logs encrypts crawler logs at rest by default; a security configuration with a customer-managed key would add $1 a month per environment.',
    });
  }
}
