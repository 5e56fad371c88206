/** CloudTrail destinations, alarm actions, log subscription filters. */
import { BUCKETS, valuesAt } from '../graph-context.ts';
import { type Extractor, LOG_GROUPS, TOPICS } from './extractor.ts';
import { anyNamed } from './streaming.ts';

/**
 * A trail `logs to` its bucket (`S3BucketName`) and log group (`CloudWatchLogsLogGroupArn`, folded into the
 * trail by default), `notifies` its topic, and `watches` the buckets and functions of its data events.
 */
export const trailEdges: Extractor = (res, ctx, emit) => {
  const p = res.properties;
  for (const bucket of ctx.named(res, p.S3BucketName, BUCKETS)) emit(res, bucket, 'logs to', 'data');
  for (const group of ctx.named(res, p.CloudWatchLogsLogGroupArn, LOG_GROUPS))
    emit(res, group, 'logs to', 'data');
  for (const topic of ctx.named(res, p.SnsTopicName, TOPICS)) emit(res, topic, 'notifies', 'trigger');
  for (const value of valuesAt(p, 'EventSelectors[].DataResources[].Values[]')) {
    const text = ctx.symbolic(res, value);
    const targets = text?.startsWith('arn:')
      ? ctx.byArn(text.replace(/\/$/, '/*'))
      : anyNamed(res, value, ctx);
    for (const target of targets) emit(res, target, 'watches', 'reference');
  }
};

/** An alarm `notifies` the targets of its actions. */
export const alarmEdges: Extractor = (res, ctx, emit) => {
  for (const list of ['AlarmActions', 'OKActions', 'InsufficientDataActions']) {
    for (const target of valuesAt(res.properties, `${list}[]`).flatMap((v) => anyNamed(res, v, ctx))) {
      emit(res, target, 'notifies', 'trigger');
    }
  }
};

/** A subscription filter makes its log group deliver to a stream, a function or a Firehose stream. */
export const subscriptionFilterEdges: Extractor = (res, ctx, emit) => {
  const groups = ctx.named(res, res.properties.LogGroupName, LOG_GROUPS);
  for (const target of anyNamed(res, res.properties.DestinationArn, ctx)) {
    for (const group of groups) emit(group, target, 'delivers to', 'data');
  }
};
