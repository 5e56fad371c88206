/**
 * DMS: the source endpoint → the task (`reads`), the task → the target endpoint (`writes`), and each
 * endpoint's data store: an S3 target endpoint `delivers to` its bucket (`S3Settings.BucketName`), an S3
 * source endpoint `reads` it; Kinesis targets likewise; a database named by reference in `ServerName`.
 */
import { BUCKETS, type Res } from '../graph-context.ts';
import { type Emit, type Extractor, STREAMS, types } from './extractor.ts';
import { anyNamed } from './streaming.ts';

const ENDPOINTS = types('AWS::DMS::Endpoint');
const INSTANCES = types('AWS::DMS::ReplicationInstance');

export const replicationTaskEdges: Extractor = (res, ctx, emit) => {
  const p = res.properties;
  for (const source of ctx.named(res, p.SourceEndpointArn, ENDPOINTS)) emit(source, res, 'reads', 'data');
  for (const target of ctx.named(res, p.TargetEndpointArn, ENDPOINTS)) emit(res, target, 'writes', 'data');
  for (const instance of ctx.named(res, p.ReplicationInstanceArn, INSTANCES)) {
    emit(res, instance, 'runs on', 'reference');
  }
};

export const endpointEdges: Extractor = (res, ctx, emit) => {
  const p = res.properties;
  const isTarget = String(p.EndpointType ?? '').toLowerCase() === 'target';
  const link = (store: Res, e: Emit) => {
    if (isTarget) e(res, store, 'delivers to', 'data');
    else e(store, res, 'reads', 'data');
  };
  const s3 = p.S3Settings as Record<string, unknown> | undefined;
  for (const bucket of ctx.named(res, s3?.BucketName, BUCKETS)) link(bucket, emit);
  const kinesis = p.KinesisSettings as Record<string, unknown> | undefined;
  for (const stream of ctx.named(res, kinesis?.StreamArn, STREAMS)) link(stream, emit);
  for (const database of anyNamed(res, p.ServerName, ctx)) link(database, emit);
};
