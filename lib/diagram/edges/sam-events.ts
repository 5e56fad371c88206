/**
 * A SAM function's `Events`: each event source the template declares → the function, `triggers`, as the
 * event source mappings, notifications and permissions SAM writes for them would draw.
 *
 * Event types and their source property: https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-property-function-eventsource.html
 */
import { isMap } from '../graph-context.ts';
import type { Extractor } from './extractor.ts';
import { anyNamed } from './streaming.ts';

/** Event type → the property that names its source resource. */
const SOURCE_PROPERTY: Readonly<Record<string, string>> = {
  S3: 'Bucket',
  SQS: 'Queue',
  Kinesis: 'Stream',
  DynamoDB: 'Stream',
  SNS: 'Topic',
  MSK: 'Stream',
  MQ: 'Broker',
  DocumentDB: 'Cluster',
  Api: 'RestApiId',
  HttpApi: 'ApiId',
  CloudWatchLogs: 'LogGroupName',
  EventBridgeRule: 'EventBusName',
  CloudWatchEvent: 'EventBusName',
};

export const samEventEdges: Extractor = (res, ctx, emit) => {
  const events = res.properties.Events;
  if (!isMap(events)) return;
  for (const event of Object.values(events)) {
    if (!isMap(event) || typeof event.Type !== 'string' || !isMap(event.Properties)) continue;
    const property = SOURCE_PROPERTY[event.Type];
    if (!property) continue;
    for (const source of anyNamed(res, event.Properties[property], ctx)) {
      if (source !== res) emit(source, res, 'triggers', 'trigger');
    }
  }
};
