/** Athena workgroups write query results to their output location; QuickSight reads through a workgroup. */
import { valuesAt } from '../graph-context.ts';
import { type Extractor, WORKGROUPS } from './extractor.ts';
import { s3Locations } from './glue.ts';

export const workGroupEdges: Extractor = (res, ctx, emit) => {
  const path = 'WorkGroupConfiguration.ResultConfiguration.OutputLocation';
  const output = valuesAt(res.properties, path);
  for (const bucket of output.flatMap((v) => s3Locations(res, v, ctx)))
    emit(res, bucket, 'writes', 'data', path);
};

export const quickSightDataSourceEdges: Extractor = (res, ctx, emit) => {
  const workGroups = valuesAt(res.properties, 'DataSourceParameters.AthenaParameters.WorkGroup');
  for (const workGroup of workGroups.flatMap((v) => ctx.named(res, v, WORKGROUPS))) {
    emit(workGroup, res, 'reads', 'data');
  }
};
