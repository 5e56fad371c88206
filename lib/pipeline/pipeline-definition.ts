/**
 * What the run needs from the pipeline's definition (GetPipeline): the S3 source action that reads the
 * artifact (its name goes into `sourceRevisions`), the stages in order (for the summary, stages that never
 * ran included) and whether the pipeline declares the COMMIT_SHA variable.
 */
import { GetPipelineCommand, type PipelineDeclaration } from '@aws-sdk/client-codepipeline';
import type { PipelineClients } from './clients.ts';

export const COMMIT_VARIABLE = 'COMMIT_SHA';

export interface PipelineDefinition {
  readonly name: string;
  readonly sourceActionName: string;
  /** Stage names with their action names, in run order. */
  readonly stages: readonly { readonly name: string; readonly actions: readonly string[] }[];
  readonly declaresCommitVariable: boolean;
}

export async function readPipelineDefinition(
  clients: PipelineClients,
  name: string,
  artifact: { readonly bucket: string; readonly key: string },
  abortSignal?: AbortSignal,
): Promise<PipelineDefinition> {
  const { pipeline } = await clients.codePipeline.send(new GetPipelineCommand({ name }), { abortSignal });
  if (pipeline === undefined) throw new Error(`GetPipeline gave no declaration for pipeline ${name}.`);
  return definitionOf(pipeline, artifact);
}

export function definitionOf(
  pipeline: PipelineDeclaration,
  artifact: { readonly bucket: string; readonly key: string },
): PipelineDefinition {
  const name = pipeline.name ?? '(unnamed)';
  const stages = (pipeline.stages ?? []).map((stage) => ({
    name: stage.name ?? '',
    actions: [...(stage.actions ?? [])]
      .sort((a, b) => (a.runOrder ?? 1) - (b.runOrder ?? 1))
      .map((action) => action.name ?? ''),
  }));
  const sources = (pipeline.stages ?? [])
    .flatMap((stage) => stage.actions ?? [])
    .filter((action) => action.actionTypeId?.category === 'Source');
  const reads = sources.find(
    (action) =>
      action.actionTypeId?.provider === 'S3' &&
      action.configuration?.S3Bucket === artifact.bucket &&
      action.configuration?.S3ObjectKey === artifact.key,
  );
  if (reads?.name === undefined) {
    const found = sources.map((action) => {
      const config = action.configuration ?? {};
      return action.actionTypeId?.provider === 'S3'
        ? `${action.name} (s3://${config.S3Bucket}/${config.S3ObjectKey})`
        : `${action.name} (${action.actionTypeId?.provider})`;
    });
    throw new Error(
      `Pipeline ${name} has no S3 source action reading s3://${artifact.bucket}/${artifact.key}; its source actions: ${found.join(', ') || 'none'}. Set artifact-bucket and source-key to what its source action reads.`,
    );
  }
  return {
    name,
    sourceActionName: reads.name,
    stages,
    declaresCommitVariable: (pipeline.variables ?? []).some((v) => v.name === COMMIT_VARIABLE),
  };
}
