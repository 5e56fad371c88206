/** Glue: jobs (script, S3 arguments, connections), crawlers (targets, database), triggers, tables. */
import type { GraphContext, Res } from '../graph-context.ts';
import { valuesAt } from '../graph-context.ts';
import {
  type Extractor,
  GLUE_CONNECTIONS,
  GLUE_CRAWLERS,
  GLUE_DATABASES,
  GLUE_JOBS,
  TABLES,
} from './extractor.ts';

/** Buckets a value points at as an S3 location: a reference to a bucket, or text starting with `s3://`. */
export function s3Locations(res: Res, value: unknown, ctx: GraphContext): Res[] {
  const text = ctx.symbolic(res, value);
  if (text !== undefined && !/^s3[an]?:\/\//.test(text)) return [];
  return ctx.buckets(res, value);
}

const CODE_ARGUMENT = /extra-py-files|extra-jars|extra-files|python-modules|scriptLocation/i;
const OUTPUT_ARGUMENT = /output|target|dest|sink|write|result|out|temp|tmp|spark-event-logs/i;
const INPUT_ARGUMENT = /input|source|src|from|read|raw|landing/i;

/**
 * The script's bucket (`script`, dotted), `DefaultArguments` that are S3 locations: inputs (`--input_path`,
 * `--source`, ...) read, outputs (`--output_path`, `--target`, `--TempDir`, ...) written, code
 * (`--extra-py-files`, ...) like the script, anything else `uses`; and the connections.
 */
export const glueJobEdges: Extractor = (res, ctx, emit) => {
  const p = res.properties;
  for (const bucket of valuesAt(p, 'Command.ScriptLocation').flatMap((v) => s3Locations(res, v, ctx))) {
    emit(bucket, res, 'script', 'reference', 'Command.ScriptLocation');
  }
  const args = p.DefaultArguments;
  if (args && typeof args === 'object' && !Array.isArray(args)) {
    for (const [key, value] of Object.entries(args as Record<string, unknown>)) {
      const buckets = s3Locations(res, value, ctx);
      for (const bucket of buckets) {
        const evidence = `DefaultArguments.${key}`;
        if (CODE_ARGUMENT.test(key)) emit(bucket, res, 'script', 'reference', evidence);
        else if (OUTPUT_ARGUMENT.test(key)) emit(res, bucket, 'writes', 'data', evidence);
        else if (INPUT_ARGUMENT.test(key)) emit(bucket, res, 'reads', 'data', evidence);
        else emit(res, bucket, 'uses', 'reference', evidence);
      }
    }
  }
  for (const connection of valuesAt(p, 'Connections.Connections[]').flatMap((v) =>
    ctx.named(res, v, GLUE_CONNECTIONS),
  )) {
    emit(res, connection, 'uses', 'reference');
  }
};

/** Crawled S3 paths, DynamoDB tables and catalog tables `read`; the database it writes tables into `catalogs`. */
export const glueCrawlerEdges: Extractor = (res, ctx, emit) => {
  const p = res.properties;
  const paths = [
    'Targets.S3Targets[].Path',
    'Targets.DeltaTargets[].DeltaTables[]',
    'Targets.IcebergTargets[].Paths[]',
    'Targets.HudiTargets[].Paths[]',
  ];
  for (const path of paths) {
    for (const bucket of valuesAt(p, path).flatMap((v) => s3Locations(res, v, ctx)))
      emit(bucket, res, 'reads', 'data', path);
  }
  for (const table of valuesAt(p, 'Targets.DynamoDBTargets[].Path').flatMap((v) =>
    ctx.named(res, v, TABLES),
  )) {
    emit(table, res, 'reads', 'data');
  }
  for (const database of valuesAt(p, 'Targets.CatalogTargets[].DatabaseName').flatMap((v) =>
    ctx.named(res, v, GLUE_DATABASES),
  )) {
    emit(database, res, 'reads', 'data');
  }
  const connections = [
    'S3Targets',
    'JdbcTargets',
    'MongoDBTargets',
    'DeltaTargets',
    'IcebergTargets',
    'HudiTargets',
  ];
  for (const list of connections) {
    for (const connection of valuesAt(p, `Targets.${list}[].ConnectionName`).flatMap((v) =>
      ctx.named(res, v, GLUE_CONNECTIONS),
    )) {
      emit(res, connection, 'uses', 'reference');
    }
  }
  for (const database of ctx.named(res, p.DatabaseName, GLUE_DATABASES))
    emit(res, database, 'catalogs', 'data', 'DatabaseName');
};

/** A trigger `starts` its actions' jobs and crawlers; the jobs and crawlers of its predicate `trigger` it. */
export const glueTriggerEdges: Extractor = (res, ctx, emit) => {
  const p = res.properties;
  const targets = (path: string) => [
    ...valuesAt(p, `${path}.JobName`).flatMap((v) => ctx.named(res, v, GLUE_JOBS)),
    ...valuesAt(p, `${path}.CrawlerName`).flatMap((v) => ctx.named(res, v, GLUE_CRAWLERS)),
  ];
  for (const target of targets('Actions[]')) emit(res, target, 'starts', 'trigger');
  for (const source of targets('Predicate.Conditions[]')) emit(source, res, 'triggers', 'trigger');
};

/** A table `describes` the data at its storage location. */
export const glueTableEdges: Extractor = (res, ctx, emit) => {
  for (const bucket of valuesAt(res.properties, 'TableInput.StorageDescriptor.Location').flatMap((v) =>
    s3Locations(res, v, ctx),
  )) {
    emit(res, bucket, 'describes', 'reference');
  }
};
