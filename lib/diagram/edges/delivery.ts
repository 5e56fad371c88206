/** CodePipeline: its artifact bucket, its sources and the builds, functions and executions it starts. */
import { BUCKETS, isMap, type Res, valuesAt } from '../graph-context.ts';
import type { EdgeKind } from '../graph-types.ts';
import { type Extractor, FUNCTIONS, STATE_MACHINES, types } from './extractor.ts';

/** Provider → the configuration key naming the resource, which way the edge goes, its label and kind. */
const ACTIONS: Readonly<Record<string, [string, ReadonlySet<string>, 'in' | 'out', string, EdgeKind]>> = {
  'Source/S3': ['S3Bucket', BUCKETS, 'in', 'triggers', 'trigger'],
  'Source/CodeCommit': ['RepositoryName', types('AWS::CodeCommit::Repository'), 'in', 'triggers', 'trigger'],
  'Source/CodeStarSourceConnection': [
    'ConnectionArn',
    types('AWS::CodeStarConnections::Connection'),
    'in',
    'triggers',
    'trigger',
  ],
  CodeBuild: ['ProjectName', types('AWS::CodeBuild::Project'), 'out', 'starts', 'trigger'],
  Lambda: ['FunctionName', FUNCTIONS, 'out', 'invokes', 'trigger'],
  StepFunctions: ['StateMachineArn', STATE_MACHINES, 'out', 'starts', 'trigger'],
  'Deploy/S3': ['BucketName', BUCKETS, 'out', 'writes', 'data'],
};

export const pipelineEdges: Extractor = (res, ctx, emit) => {
  const p = res.properties;
  const stores = [
    ...valuesAt(p, 'ArtifactStore.Location'),
    ...valuesAt(p, 'ArtifactStores[].ArtifactStore.Location'),
  ];
  for (const bucket of stores.flatMap((v) => ctx.named(res, v, BUCKETS))) emit(res, bucket, 'writes', 'data');
  for (const action of valuesAt(p, 'Stages[].Actions[]')) {
    if (!isMap(action) || !isMap(action.ActionTypeId) || !isMap(action.Configuration)) continue;
    const { Category: category, Provider: provider } = action.ActionTypeId;
    const rule = ACTIONS[`${category}/${provider}`] ?? ACTIONS[String(provider)];
    if (!rule) continue;
    const [key, targetTypes, direction, label, kind] = rule;
    for (const target of ctx.named(res, action.Configuration[key], targetTypes) as Res[]) {
      if (direction === 'in') emit(target, res, label, kind);
      else emit(res, target, label, kind);
    }
  }
};
