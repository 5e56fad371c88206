/** SNS subscriptions, EventBridge rules, schedules and pipes. */
import { BUCKETS, type GraphContext, isMap, type Res, valuesAt } from '../graph-context.ts';
import { type Emit, type Extractor, FUNCTIONS, TOPICS } from './extractor.ts';
import { anyNamed } from './streaming.ts';

function subscription(
  topic: Res,
  holder: Res,
  endpoint: unknown,
  protocol: unknown,
  ctx: GraphContext,
  emit: Emit,
): void {
  for (const target of anyNamed(holder, endpoint, ctx)) {
    if (protocol === 'lambda' || FUNCTIONS.has(target.type)) emit(topic, target, 'triggers', 'trigger');
    else emit(topic, target, 'delivers to', 'data');
  }
}

/** A topic `delivers to` its SQS and Firehose subscribers and `triggers` its Lambda subscribers. */
export const subscriptionEdges: Extractor = (res, ctx, emit) => {
  for (const topic of ctx.named(res, res.properties.TopicArn, TOPICS)) {
    subscription(topic, res, res.properties.Endpoint, res.properties.Protocol, ctx, emit);
  }
};

export const topicEdges: Extractor = (res, ctx, emit) => {
  for (const item of valuesAt(res.properties, 'Subscription[]')) {
    if (isMap(item)) subscription(res, res, item.Endpoint, item.Protocol, ctx, emit);
  }
};

/** A rule `triggers` its targets; what its event pattern names (a bucket's events) `triggers` the rule. */
export const ruleEdges: Extractor = (res, ctx, emit) => {
  for (const target of valuesAt(res.properties, 'Targets[].Arn').flatMap((v) => anyNamed(res, v, ctx))) {
    emit(res, target, 'triggers', 'trigger');
  }
  for (const dlq of valuesAt(res.properties, 'Targets[].DeadLetterConfig.Arn').flatMap((v) =>
    anyNamed(res, v, ctx),
  )) {
    emit(res, dlq, 'dead-letters to', 'data');
  }
  for (const source of ctx.refs(res, res.properties.EventPattern)) emit(source, res, 'triggers', 'trigger');
  // S3 sends object events to EventBridge by bucket name: `detail.bucket.name` names the buckets that trigger it.
  for (const bucket of ctx.namedEach(
    res,
    valuesAt(res.properties, 'EventPattern.detail.bucket.name[]'),
    BUCKETS,
  )) {
    emit(bucket, res, 'triggers', 'trigger', 'EventPattern.detail.bucket.name');
  }
};

export const scheduleEdges: Extractor = (res, ctx, emit) => {
  for (const target of valuesAt(res.properties, 'Target.Arn').flatMap((v) => anyNamed(res, v, ctx))) {
    emit(res, target, 'triggers', 'trigger');
  }
};

/** A pipe `reads` its source, `invokes` its enrichment and `delivers to` its target. */
export const pipeEdges: Extractor = (res, ctx, emit) => {
  const p = res.properties;
  for (const source of anyNamed(res, p.Source, ctx)) emit(source, res, 'reads', 'data');
  for (const enrichment of anyNamed(res, p.Enrichment, ctx)) emit(res, enrichment, 'invokes', 'trigger');
  for (const target of anyNamed(res, p.Target, ctx)) emit(res, target, 'delivers to', 'data');
};
