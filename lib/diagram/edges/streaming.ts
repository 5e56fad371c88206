/** Lambda event sources and destinations, Firehose sources and destinations, SQS dead-letter queues. */
import { type GraphContext, isMap, type Res, valuesAt } from '../graph-context.ts';
import { type Extractor, FUNCTIONS, LOG_GROUPS, QUEUES } from './extractor.ts';

/** What a value names, of any type: references, else a literal ARN. */
export function anyNamed(res: Res, value: unknown, ctx: GraphContext): Res[] {
  const refs = ctx.refs(res, value);
  if (refs.length > 0) return refs;
  const text = ctx.symbolic(res, value);
  return text?.startsWith('arn:') ? ctx.byArn(text) : [];
}

/** Kinesis, SQS, DynamoDB-stream or MSK source → the function, `triggers`; failures → their destination. */
export const eventSourceMappingEdges: Extractor = (res, ctx, emit) => {
  const p = res.properties;
  const functions = ctx.named(res, p.FunctionName, FUNCTIONS);
  for (const source of anyNamed(res, p.EventSourceArn, ctx)) {
    for (const fn of functions) emit(source, fn, 'triggers', 'trigger');
  }
  for (const destination of valuesAt(p, 'DestinationConfig.OnFailure.Destination')) {
    for (const target of anyNamed(res, destination, ctx)) {
      for (const fn of functions) emit(fn, target, 'dead-letters to', 'data');
    }
  }
};

export const functionEdges: Extractor = (res, ctx, emit) => {
  for (const target of valuesAt(res.properties, 'DeadLetterConfig.TargetArn').flatMap((v) =>
    anyNamed(res, v, ctx),
  )) {
    emit(res, target, 'dead-letters to', 'data');
  }
};

export const eventInvokeConfigEdges: Extractor = (res, ctx, emit) => {
  const functions = ctx.named(res, res.properties.FunctionName, FUNCTIONS);
  const outcomes: [string, string][] = [
    ['DestinationConfig.OnSuccess.Destination', 'delivers to'],
    ['DestinationConfig.OnFailure.Destination', 'dead-letters to'],
  ];
  for (const [path, label] of outcomes) {
    for (const target of valuesAt(res.properties, path).flatMap((v) => anyNamed(res, v, ctx))) {
      for (const fn of functions) emit(fn, target, label, 'data');
    }
  }
};

export const queueEdges: Extractor = (res, ctx, emit) => {
  const redrive = res.properties.RedrivePolicy;
  const target = isMap(redrive) ? redrive.deadLetterTargetArn : undefined;
  for (const dlq of ctx.named(res, target, QUEUES)) emit(res, dlq, 'dead-letters to', 'data');
};

/**
 * Source: `KinesisStreamSourceConfiguration.KinesisStreamARN` (or an MSK cluster) → the stream, `reads`.
 * Destinations: every `*DestinationConfiguration`'s bucket (`delivers to`), its S3 backup or staging
 * bucket (`backs up to`), its cluster or domain (`delivers to`), its log group (`logs to`) and the
 * transformation function of its processors (`invokes`).
 */
export const deliveryStreamEdges: Extractor = (res, ctx, emit) => {
  const p = res.properties;
  for (const path of [
    'KinesisStreamSourceConfiguration.KinesisStreamARN',
    'MSKSourceConfiguration.MSKClusterARN',
  ]) {
    for (const source of valuesAt(p, path).flatMap((v) => anyNamed(res, v, ctx))) {
      emit(source, res, 'reads', 'data');
    }
  }
  for (const [key, destination] of Object.entries(p)) {
    if (!key.endsWith('DestinationConfiguration') || !isMap(destination)) continue;
    const s3Destination =
      key === 'ExtendedS3DestinationConfiguration' || key === 'S3DestinationConfiguration';
    for (const bucket of ctx.buckets(res, destination.BucketARN))
      emit(res, bucket, 'delivers to', 'data', `${key}.BucketARN`);
    for (const path of ['S3BackupConfiguration.BucketARN', 'S3Configuration.BucketARN']) {
      for (const bucket of valuesAt(destination, path).flatMap((v) => ctx.buckets(res, v))) {
        emit(res, bucket, s3Destination ? 'backs up to' : 'stages in', 'data');
      }
    }
    for (const field of ['DomainARN', 'ClusterJDBCURL', 'ClusterEndpoint', 'CollectionEndpoint']) {
      for (const target of anyNamed(res, destination[field], ctx)) emit(res, target, 'delivers to', 'data');
    }
    for (const path of [
      'CloudWatchLoggingOptions.LogGroupName',
      'S3BackupConfiguration.CloudWatchLoggingOptions.LogGroupName',
    ]) {
      for (const group of valuesAt(destination, path).flatMap((v) => ctx.named(res, v, LOG_GROUPS))) {
        emit(res, group, 'logs to', 'data');
      }
    }
    for (const processor of valuesAt(destination, 'ProcessingConfiguration.Processors[]')) {
      for (const parameter of valuesAt(processor, 'Parameters[]')) {
        if (!isMap(parameter) || parameter.ParameterName !== 'LambdaArn') continue;
        for (const fn of ctx.named(res, parameter.ParameterValue, FUNCTIONS))
          emit(res, fn, 'invokes', 'trigger');
      }
    }
  }
};

/** MWAA reads its DAGs from `SourceBucketArn`. */
export const airflowEdges: Extractor = (res, ctx, emit) => {
  for (const bucket of ctx.buckets(res, res.properties.SourceBucketArn)) emit(bucket, res, 'reads', 'data');
};
