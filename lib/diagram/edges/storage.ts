/** S3: event notifications (the bucket's own, and CDK's Custom::S3BucketNotifications), access logs, replication. */
import { BUCKETS, type GraphContext, isMap, type Res } from '../graph-context.ts';
import { type Emit, type Extractor, FUNCTIONS, QUEUES, TOPICS } from './extractor.ts';

/**
 * CloudFormation's `NotificationConfiguration` (`LambdaConfigurations[].Function`, `QueueConfigurations[].Queue`,
 * `TopicConfigurations[].Topic`) and the S3 API's, which CDK's custom resource passes on
 * (`LambdaFunctionConfigurations[].LambdaFunctionArn`, `QueueArn`, `TopicArn`).
 */
function notifications(
  bucket: Res,
  holder: Res,
  configuration: unknown,
  ctx: GraphContext,
  emit: Emit,
): void {
  if (!isMap(configuration)) return;
  const targets: [string, string, ReadonlySet<string>][] = [
    ['LambdaConfigurations', 'Function', FUNCTIONS],
    ['LambdaFunctionConfigurations', 'LambdaFunctionArn', FUNCTIONS],
    ['QueueConfigurations', 'Queue', QUEUES],
    ['QueueConfigurations', 'QueueArn', QUEUES],
    ['TopicConfigurations', 'Topic', TOPICS],
    ['TopicConfigurations', 'TopicArn', TOPICS],
  ];
  for (const [list, key, targetTypes] of targets) {
    const items = configuration[list];
    if (!Array.isArray(items)) continue;
    for (const item of items) {
      if (!isMap(item) || item[key] === undefined) continue;
      for (const target of ctx.named(holder, item[key], targetTypes))
        emit(bucket, target, 'triggers', 'trigger');
    }
  }
}

export const bucketEdges: Extractor = (res, ctx, emit) => {
  const p = res.properties;
  notifications(res, res, p.NotificationConfiguration, ctx, emit);
  const logging = p.LoggingConfiguration;
  if (isMap(logging)) {
    for (const target of ctx.buckets(res, logging.DestinationBucketName))
      emit(res, target, 'logs to', 'data', 'LoggingConfiguration.DestinationBucketName');
  }
  const replication = p.ReplicationConfiguration;
  if (isMap(replication) && Array.isArray(replication.Rules)) {
    for (const rule of replication.Rules) {
      const destination = isMap(rule) && isMap(rule.Destination) ? rule.Destination.Bucket : undefined;
      for (const target of ctx.buckets(res, destination))
        emit(res, target, 'replicates to', 'data', 'ReplicationConfiguration.Rules[].Destination.Bucket');
    }
  }
};

export const bucketNotificationsEdges: Extractor = (res, ctx, emit) => {
  for (const bucket of ctx.named(res, res.properties.BucketName, BUCKETS)) {
    notifications(bucket, res, res.properties.NotificationConfiguration, ctx, emit);
  }
};
