/**
 * Sample ride-hailing events for the pipeline (`npm run events`): a seeded generator that follows
 * pipeline/schemas/ride-event.schema.json, and the two ways of sending them besides a file: Kinesis
 * PutRecords and the ingestion API.
 */
export {
  ApiError,
  type ApiProgress,
  type PostOptions,
  type PostResult,
  postEvents,
  retryAfterMs,
} from './api-sink.ts';
export { CITIES, type City, destination, haversineKm } from './cities.ts';
export {
  type GeneratedRecord,
  type GenerateOptions,
  generateEvents,
  MAX_RECORDS,
  type RecordKind,
  summarize,
} from './generate.ts';
export {
  batchRecords,
  checkClient,
  createKinesisClient,
  KINESIS_LIMITS,
  putRecords,
  StreamError,
  type StreamProgress,
  type StreamRecord,
} from './kinesis-sink.ts';
export { MALFORMED_KINDS, type MalformedKind } from './malformed.ts';
export { createRandom, MAX_SEED, type Random } from './random.ts';
export * from './ride-event.ts';
export { serializeEvent } from './serialize.ts';
