import { cpSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { ArnFormat, CfnOutput, DockerImage, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3assets from 'aws-cdk-lib/aws-s3-assets';
import type { Construct } from 'constructs';
import { GlueEtlJob } from '../constructs/glue-etl-job.ts';
import { acknowledgeWildcardResource } from '../nag/acknowledge-wildcard-resource.ts';
import type { FoundationStack } from './foundation-stack.ts';
import { logRetention, PhaseStack, type PhaseStackProps } from './phase-stack.ts';

export const GLUE_DIR = path.resolve(import.meta.dirname, '../../pipeline/glue');
/** Delta Lake in Glue 4.0: the format flag and the Spark settings the MERGE job needs. */
export const DELTA_CONF = [
  'spark.sql.extensions=io.delta.sql.DeltaSparkSessionExtension',
  'spark.sql.catalog.spark_catalog=org.apache.spark.sql.delta.catalog.DeltaCatalog',
  'spark.databricks.delta.schema.autoMerge.enabled=true',
].join(' --conf ');

export interface ProcessingStackProps extends PhaseStackProps {
  readonly foundation: FoundationStack;
}

/**
 * Phase 3: two Glue Spark jobs run as the foundation's ETL role: raw → clean (type drift resolved,
 * duplicates dropped, partitioned Parquet, bookmarks) and clean → curated (a Delta Lake table kept by MERGE,
 * new columns merged into its schema).
 */
export class ProcessingStack extends PhaseStack {
  readonly jobs: GlueEtlJob[];
  /** What the jobs read from S3 (scripts and the transforms zip), by their path in the delivery package. */
  readonly glueFiles: { readonly artifact: string; readonly asset: s3assets.Asset }[] = [];

  constructor(scope: Construct, props: ProcessingStackProps) {
    super(scope, 'processing', props);
    const { config, names } = this;
    const bucket = (purpose: string) =>
      s3.Bucket.fromBucketName(this, purpose, names.bucket(purpose, Stack.of(this).account));
    const [raw, clean, curated] = [bucket('raw'), bucket('clean'), bucket('curated')];
    // The foundation's ETL role already reads raw and writes clean and curated; this stack adds what Glue needs.
    const role = iam.Role.fromRoleName(this, 'EtlRole', names.resource('etl'), { mutable: true });
    // The scripts import `pipeline.glue.transforms`: the zip holds that package path and nothing else.
    const library = new s3assets.Asset(this, 'Transforms', {
      path: GLUE_DIR,
      bundling: {
        image: DockerImage.fromRegistry('public.ecr.aws/glue/aws-glue-libs:5'),
        local: { tryBundle: (outputDir) => packageTransforms(outputDir) },
      },
    });
    this.glueFiles.push({ artifact: 'glue/transforms.zip', asset: library });
    const script = (id: string, file: string) => {
      const asset = new s3assets.Asset(this, id, { path: path.join(GLUE_DIR, file) });
      this.glueFiles.push({ artifact: `glue/${file}`, asset });
      return asset;
    };
    const tempDir = clean.s3UrlForObject('glue-temp/');
    // The jobs' continuous logs in a group of this environment (Glue's default groups are shared by every
    // job of the account, never expire, and cannot carry this environment's metric filters).
    const jobLogs = new logs.LogGroup(this, 'JobLogs', {
      logGroupName: names.glueJobLogGroup,
      retention: logRetention(config),
      removalPolicy: config.removalPolicy === 'destroy' ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN,
    });

    const rawToClean = new GlueEtlJob(this, 'RawToClean', {
      jobName: names.resource('raw-to-clean'),
      description: 'Raw ride events → clean, partitioned Parquet (type drift, nulls, duplicates)',
      role,
      script: script('RawToCleanScript', 'raw_to_clean.py'),
      library,
      settings: config.processing,
      tempDir,
      logGroup: jobLogs,
      arguments: { raw_path: raw.s3UrlForObject(''), clean_path: clean.s3UrlForObject('rides/') },
    });
    const cleanToCurated = new GlueEtlJob(this, 'CleanToCurated', {
      jobName: names.resource('clean-to-curated'),
      description: 'Clean rides → curated Delta Lake table, one row per ride, by MERGE',
      role,
      script: script('CleanToCuratedScript', 'clean_to_curated.py'),
      library,
      settings: config.processing,
      tempDir,
      logGroup: jobLogs,
      arguments: {
        clean_path: clean.s3UrlForObject('rides/'),
        curated_path: curated.s3UrlForObject('rides/'),
        'datalake-formats': 'delta',
        conf: DELTA_CONF,
      },
    });
    this.jobs = [rawToClean, cleanToCurated];
    const logGroups = this.formatArn({
      service: 'logs',
      resource: 'log-group',
      resourceName: '/aws-glue/*',
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });
    const assetObjects = [library, ...this.jobs.map((j) => j.script)].map((a) =>
      a.bucket.arnForObjects(a.s3ObjectKey),
    );
    new iam.Policy(this, 'GluePolicy', {
      policyName: names.resource('etl-glue'),
      roles: [role],
      statements: [
        new iam.PolicyStatement({
          sid: 'JobLogs',
          actions: [
            'logs:CreateLogGroup',
            'logs:CreateLogStream',
            'logs:PutLogEvents',
            'logs:AssociateKmsKey',
          ],
          resources: [logGroups],
        }),
        new iam.PolicyStatement({
          sid: 'JobMetrics',
          actions: ['cloudwatch:PutMetricData'],
          resources: ['*'],
          conditions: { StringEquals: { 'cloudwatch:namespace': 'Glue' } },
        }),
        new iam.PolicyStatement({
          sid: 'ScriptsAndLibraries',
          actions: ['s3:GetObject'],
          resources: assetObjects,
        }),
        new iam.PolicyStatement({
          sid: 'Catalog',
          actions: [
            'glue:GetDatabase',
            'glue:GetDatabases',
            'glue:GetTable',
            'glue:GetTables',
            'glue:GetPartitions',
          ],
          resources: [
            this.formatArn({ service: 'glue', resource: 'catalog' }),
            this.formatArn({
              service: 'glue',
              resource: 'database',
              resourceName: names.glueDatabasePattern,
            }),
            this.formatArn({
              service: 'glue',
              resource: 'table',
              resourceName: `${names.glueDatabasePattern}/*`,
            }),
          ],
        }),
      ],
    });
    acknowledgeWildcardResource(
      this,
      logGroups,
      'Glue writes each run’s logs to groups and streams it names under /aws-glue/.',
    );
    acknowledgeWildcardResource(
      this,
      '*',
      'PutMetricData has no resource-level permissions; the condition limits it to the Glue namespace.',
    );
    acknowledgeWildcardResource(
      this,
      this.formatArn({ service: 'glue', resource: 'database', resourceName: names.glueDatabasePattern }),
      `Glue ARNs select databases by name: ${names.glueDatabasePattern} matches only the ${config.environment} databases.`,
    );
    acknowledgeWildcardResource(
      this,
      this.formatArn({ service: 'glue', resource: 'table', resourceName: `${names.glueDatabasePattern}/*` }),
      `Tables of the ${config.environment} databases only.`,
    );

    new CfnOutput(this, 'RawToCleanJobName', {
      value: rawToClean.job.ref,
      description: 'Glue job raw → clean',
    });
    new CfnOutput(this, 'CleanToCuratedJobName', {
      value: cleanToCurated.job.ref,
      description: 'Glue job clean → curated (Delta)',
    });
  }
}

/** Copies pipeline/__init__.py, pipeline/glue/__init__.py and the transforms modules (no tests) for the zip. */
function packageTransforms(outputDir: string): boolean {
  const pipeline = path.dirname(GLUE_DIR);
  const target = path.join(outputDir, 'pipeline/glue/transforms');
  mkdirSync(target, { recursive: true });
  cpSync(path.join(pipeline, '__init__.py'), path.join(outputDir, 'pipeline/__init__.py'));
  cpSync(path.join(GLUE_DIR, '__init__.py'), path.join(outputDir, 'pipeline/glue/__init__.py'));
  for (const file of readdirSync(path.join(GLUE_DIR, 'transforms'))) {
    if (file.endsWith('.py') && !file.startsWith('test_'))
      cpSync(path.join(GLUE_DIR, 'transforms', file), path.join(target, file));
  }
  return true;
}
