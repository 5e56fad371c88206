/**
 * Sample ride-hailing events for the pipeline (`npm run events`): a seeded generator that follows
 * pipeline/schemas/ride-event.schema.json, and the two ways of sending them besides a file: Kinesis
 * PutRecords and the ingestion API.
 */
export { ApiError, postEvents } from './api-sink.ts';
export { type GeneratedRecord, generateEvents, MAX_RECORDS, summarize } from './generate.ts';
export { checkClient, createKinesisClient, putRecords, StreamError } from './kinesis-sink.ts';
export { MALFORMED_KINDS } from './malformed.ts';
export { MAX_SEED } from './random.ts';
export * from './ride-event.ts';
