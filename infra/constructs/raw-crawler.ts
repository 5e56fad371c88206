import { ArnFormat, Stack, Validations } from 'aws-cdk-lib';
import * as glue from 'aws-cdk-lib/aws-glue';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { acknowledgeCheckov } from '../nag/acknowledge-checkov.ts';
import { acknowledgeWildcardResource } from '../nag/acknowledge-wildcard-resource.ts';
import { GLUE_SECURITY_CONFIGURATION } from './glue-etl-job.ts';
import { LakeBucketGrants } from './lake-bucket-grants.ts';
import { LakeCatalog } from './lake-catalog.ts';
import { GLUE_CRAWL_TABLES, LAKE_CRAWL } from './perms.ts';

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
    const lake = LakeBucketGrants.fromBucket(props.bucket, props.key);
    for (const folder of props.paths) lake.grant(this.role, LAKE_CRAWL, `${folder}*`);
    LakeCatalog.grantTables(this.role, GLUE_CRAWL_TABLES, [props.databaseName]);
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

    for (const folder of props.paths) {
      acknowledgeWildcardResource(
        this.role,
        props.bucket.arnForObjects(`${folder}*`),
        'The crawler reads every object under its folders of the raw zone.',
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
    acknowledgeCheckov(this.crawler, 'CKV_AWS_195', GLUE_SECURITY_CONFIGURATION);
  }
}
