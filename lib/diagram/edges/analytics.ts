/** Athena workgroups write query results to their output location; QuickSight reads through a workgroup. */
import { valuesAt } from '../graph-context.ts';
import { type Extractor, WORKGROUPS } from './extractor.ts';
import { s3Locations } from './glue.ts';

export const workGroupEdges: Extractor = (res, ctx, emit) => {
  const output = valuesAt(res.properties, 'WorkGroupConfiguration.ResultConfiguration.OutputLocation');
  for (const bucket of output.flatMap((v) => s3Locations(res, v, ctx))) emit(res, bucket, 'writes', 'data');
};

export const quickSightDataSourceEdges: Extractor = (res, ctx, emit) => {
  const workGroups = valuesAt(res.properties, 'DataSourceParameters.AthenaParameters.WorkGroup');
  for (const workGroup of workGroups.flatMap((v) => ctx.named(res, v, WORKGROUPS))) {
    emit(workGroup, res, 'reads', 'data');
  }
};
