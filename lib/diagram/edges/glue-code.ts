/**
 * The Glue jobs whose code is an S3 object: their script (`Command.ScriptLocation`) or a library
 * (`--extra-py-files`). A principal allowed to put that object ships the job's code (the delivery
 * pipeline's deploy project), though the object sits in a bucket no template owns (CDK's assets bucket).
 */
import { type GraphContext, type Res, valuesAt } from '../graph-context.ts';

const indexes = new WeakMap<GraphContext, Map<string, Res[]>>();

/** `s3://bucket/key` of each job's code → the jobs, as symbolic text (pseudo parameters as symbols). */
function codeIndex(ctx: GraphContext): Map<string, Res[]> {
  let index = indexes.get(ctx);
  if (index) return index;
  index = new Map();
  for (const job of ctx.resources.filter((r) => r.type === 'AWS::Glue::Job')) {
    const locations = [
      ...valuesAt(job.properties, 'Command.ScriptLocation'),
      ...valuesAt(job.properties, 'DefaultArguments.--extra-py-files'),
    ];
    for (const location of locations) {
      for (const url of (ctx.symbolic(job, location) ?? '').split(',')) {
        if (url.startsWith('s3://')) index.set(url, [...(index.get(url) ?? []), job]);
      }
    }
  }
  indexes.set(ctx, index);
  return index;
}

/** Jobs whose code is the object an IAM resource entry names exactly (`arn:…:s3:::bucket/key`, no wildcard). */
export function jobsWithCodeAt(from: Res, entry: unknown, ctx: GraphContext): Res[] {
  const object = /^arn:[^:]*:s3:::([^*?]+\/[^*?]+)$/.exec(ctx.symbolic(from, entry) ?? '')?.[1];
  return object ? (codeIndex(ctx).get(`s3://${object}`) ?? []) : [];
}
