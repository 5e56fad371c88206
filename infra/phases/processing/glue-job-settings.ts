import { readFileSync } from 'node:fs';
import path from 'node:path';
import type * as s3 from 'aws-cdk-lib/aws-s3';

const REPOSITORY = path.resolve(import.meta.dirname, '../../..');
/**
 * The Glue jobs as pipeline/glue/transforms/jobs.py defines them, the one definition of their arguments and
 * Delta Lake settings: `python3 -m pipeline.glue.transforms.jobs > pipeline/glue/jobs.json` writes it, and
 * pipeline/glue/test_jobs_file.py fails when it differs from the module.
 */
export const GLUE_JOBS_FILE = path.join(REPOSITORY, 'pipeline/glue/jobs.json');
/** `s3://<raw bucket>/`: where the zone's bucket goes in an argument. */
const BUCKET_PLACEHOLDER = /^s3:\/\/<(\w+) bucket>\/(.*)$/;

/** A lake zone a job reads or writes. */
export type JobZone = 'raw' | 'clean' | 'curated';

/** One job of jobs.json, for the buckets of this environment. */
export interface GlueJobSettings {
  /** Absolute path of the job script. */
  readonly scriptPath: string;
  /** Glue version the scripts are written for. */
  readonly glueVersion: string;
  /** DefaultArguments (`--name` keys): the script's arguments and Glue's own (bookmarks, Delta). */
  readonly arguments: Readonly<Record<string, string>>;
}

interface JobsFileEntry {
  readonly script: string;
  readonly glueVersion: string;
  readonly defaultArguments: Readonly<Record<string, string>>;
}

/** The settings of the job `purpose` (`raw-to-clean`, `clean-to-curated`), its bucket placeholders filled in. */
export function glueJobSettings(
  purpose: string,
  buckets: Readonly<Record<JobZone, s3.IBucket>>,
): GlueJobSettings {
  const file = path.relative(process.cwd(), GLUE_JOBS_FILE);
  const jobs = JSON.parse(readFileSync(GLUE_JOBS_FILE, 'utf8')) as Record<string, JobsFileEntry | undefined>;
  const job = jobs[purpose];
  if (!job) {
    throw new Error(
      `${file}: no job "${purpose}". Add it to pipeline/glue/transforms/jobs.py, then run python3 -m pipeline.glue.transforms.jobs > ${file}`,
    );
  }
  const fill = (name: string, value: string): string => {
    const [, zone, key] = value.match(BUCKET_PLACEHOLDER) ?? [];
    if (zone === undefined || key === undefined) return value;
    const bucket = buckets[zone as JobZone];
    if (!bucket) {
      throw new Error(
        `${file}: /${purpose}/defaultArguments/${name} names the bucket "${zone}"; expected one of ${Object.keys(buckets).join(', ')}`,
      );
    }
    return bucket.s3UrlForObject(key);
  };
  return {
    scriptPath: path.join(REPOSITORY, job.script),
    glueVersion: job.glueVersion,
    arguments: Object.fromEntries(
      Object.entries(job.defaultArguments).map(([name, value]) => [name, fill(name, value)]),
    ),
  };
}
