import { cpSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { CfnOutput, DockerImage, Stack } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3assets from 'aws-cdk-lib/aws-s3-assets';
import type { Construct } from 'constructs';
import { STREAM_PREFIX } from '../constructs/firehose-to-lake.ts';
import { GlueEtlJob } from '../constructs/glue-etl-job.ts';
import { TABLE_PREFIX } from '../constructs/lake-catalog.ts';
import { removalPolicyOf } from '../constructs/removal-policy.ts';
import type { FoundationStack } from './foundation-stack.ts';
import { UPLOADS_PREFIX } from './ingestion/ingestion-functions.ts';
import { logRetention, PhaseStack, type PhaseStackProps } from './phase-stack.ts';
import { GlueJobRole, type ZoneFolder } from './processing/glue-job-role.ts';
import { glueJobSettings, type JobZone } from './processing/glue-job-settings.ts';

/** Where raw → clean keeps what it refuses, in the clean zone (pipeline/glue/jobs.json: --quarantine_path). */
const QUARANTINE_FOLDER = 'quarantine/rides/';

export const GLUE_DIR = path.resolve(import.meta.dirname, '../../pipeline/glue');

export interface ProcessingStackProps extends PhaseStackProps {
  /** The foundation of this environment: the lake's key (its buckets are found by name). */
  readonly foundation: FoundationStack;
}

/**
 * Phase 3: two Glue Spark jobs, each with a role of its own: raw → clean (type drift resolved,
 * duplicates dropped, partitioned Parquet, bookmarks) and clean → curated (a Delta Lake table kept by MERGE,
 * new columns merged into its schema). Their arguments and Delta settings come from pipeline/glue/jobs.json.
 */
export class ProcessingStack extends PhaseStack {
  readonly jobs: GlueEtlJob[];
  /** What the jobs read from S3 (scripts and the transforms zip), by their path in the delivery package. */
  readonly glueFiles: { readonly artifact: string; readonly asset: s3assets.Asset }[] = [];

  constructor(scope: Construct, props: ProcessingStackProps) {
    super(scope, 'processing', props);
    const { config, names } = this;
    const bucket = (purpose: JobZone) =>
      s3.Bucket.fromBucketName(this, purpose, names.bucket(purpose, Stack.of(this).account));
    const zones = { raw: bucket('raw'), clean: bucket('clean'), curated: bucket('curated') };
    const folder = (zone: JobZone, prefix: string): ZoneFolder => ({ bucket: zones[zone], prefix });
    // The scripts import `pipeline.glue.transforms`: the zip holds that package path and nothing else.
    const library = new s3assets.Asset(this, 'Transforms', {
      path: GLUE_DIR,
      bundling: {
        image: DockerImage.fromRegistry('public.ecr.aws/glue/aws-glue-libs:5'),
        local: { tryBundle: (outputDir) => packageTransforms(outputDir) },
      },
    });
    this.glueFiles.push({ artifact: 'glue/transforms.zip', asset: library });
    // The jobs' continuous logs in a group of this environment (Glue's default groups are shared by every
    // job of the account, never expire, and cannot carry this environment's metric filters).
    const jobLogs = new logs.LogGroup(this, 'JobLogs', {
      logGroupName: names.glueJobLogGroup,
      retention: logRetention(config),
      removalPolicy: removalPolicyOf(this),
    });
    const job = (id: string, purpose: string, description: string, access: JobAccess) => {
      const settings = glueJobSettings(purpose, zones);
      const file = path.basename(settings.scriptPath);
      const script = new s3assets.Asset(this, `${id}Script`, { path: settings.scriptPath });
      this.glueFiles.push({ artifact: `glue/${file}`, asset: script });
      // Spark's temporary files go to the zone the job writes, which it alone may touch.
      const temp = folder(access.tempZone, 'glue-temp/');
      const { role } = new GlueJobRole(this, `${id}Role`, {
        roleName: names.resource(`${purpose}-job`),
        jobName: names.resource(purpose),
        reads: access.reads,
        writes: [...access.writes, temp],
        databases: access.databases.map((zone) => names.glueDatabase(zone)),
        files: [script, library],
        key: props.foundation.dataLake.key,
      });
      return new GlueEtlJob(this, id, {
        jobName: names.resource(purpose),
        description,
        role,
        script,
        library,
        glueVersion: settings.glueVersion,
        settings: config.processing,
        tempDir: temp.bucket.s3UrlForObject(temp.prefix),
        logGroup: jobLogs,
        arguments: settings.arguments,
      });
    };
    const rawToClean = job(
      'RawToClean',
      'raw-to-clean',
      'Raw ride events → clean, partitioned Parquet (type drift, nulls, duplicates)',
      {
        reads: [folder('raw', STREAM_PREFIX), folder('raw', `${UPLOADS_PREFIX}rides/`)],
        // What the job refuses (unreadable lines, rejected events) is kept, not lost: --quarantine_path.
        writes: [folder('clean', TABLE_PREFIX), folder('clean', QUARANTINE_FOLDER)],
        tempZone: 'clean',
        databases: ['raw', 'clean'],
      },
    );
    const cleanToCurated = job(
      'CleanToCurated',
      'clean-to-curated',
      'Clean rides → curated Delta Lake table, one row per ride, by MERGE',
      {
        reads: [folder('clean', TABLE_PREFIX)],
        writes: [folder('curated', TABLE_PREFIX)],
        tempZone: 'curated',
        databases: ['clean', 'curated'],
      },
    );
    this.jobs = [rawToClean, cleanToCurated];

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

/** What one job reads and writes in the lake, and the Glue databases of those zones. */
interface JobAccess {
  readonly reads: readonly ZoneFolder[];
  readonly writes: readonly ZoneFolder[];
  /** Where Spark's temporary files go: the zone the job writes. */
  readonly tempZone: JobZone;
  readonly databases: readonly JobZone[];
}
