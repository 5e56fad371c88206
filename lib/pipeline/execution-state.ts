/**
 * One look at an execution: its status (GetPipelineExecution) and every action it ran or runs
 * (ListActionExecutions, all pages), in the shape the rest of the run works with.
 */
import {
  type ActionExecutionDetail,
  GetPipelineExecutionCommand,
  ListActionExecutionsCommand,
} from '@aws-sdk/client-codepipeline';
import type { PipelineClients } from './clients.ts';

export type ExecutionStatus =
  | 'InProgress'
  | 'Succeeded'
  | 'Failed'
  | 'Stopped'
  | 'Stopping'
  | 'Superseded'
  | 'Cancelled';

export type ActionStatus = 'InProgress' | 'Succeeded' | 'Failed' | 'Abandoned';

export interface ActionRun {
  /** actionExecutionId: a retried stage runs its actions again under new ids. */
  readonly id: string;
  readonly stage: string;
  readonly action: string;
  readonly status: ActionStatus;
  /** `CodeBuild`, `S3`, `Lambda`, … */
  readonly provider?: string;
  readonly startTime?: Date;
  readonly lastUpdateTime?: Date;
  /** The provider's id of the run: for CodeBuild, the build id. */
  readonly externalId?: string;
  readonly summary?: string;
  readonly url?: string;
  /** `JobFailed: Build terminated with state: FAILED`, from the action's error details. */
  readonly error?: string;
}

export interface ExecutionSnapshot {
  readonly status: ExecutionStatus;
  readonly statusSummary?: string;
  /** Oldest first. */
  readonly actions: readonly ActionRun[];
}

export const TERMINAL_STATUSES: ReadonlySet<ExecutionStatus> = new Set([
  'Succeeded',
  'Failed',
  'Stopped',
  'Stopping',
  'Superseded',
  'Cancelled',
]);

export async function readExecution(
  clients: PipelineClients,
  pipelineName: string,
  executionId: string,
  abortSignal?: AbortSignal,
): Promise<ExecutionSnapshot> {
  const { pipelineExecution } = await clients.codePipeline.send(
    new GetPipelineExecutionCommand({ pipelineName, pipelineExecutionId: executionId }),
    { abortSignal },
  );
  const details: ActionExecutionDetail[] = [];
  let nextToken: string | undefined;
  do {
    const page = await clients.codePipeline.send(
      new ListActionExecutionsCommand({
        pipelineName,
        filter: { pipelineExecutionId: executionId },
        nextToken,
      }),
      { abortSignal },
    );
    details.push(...(page.actionExecutionDetails ?? []));
    nextToken = page.nextToken;
  } while (nextToken);

  return {
    status: (pipelineExecution?.status ?? 'InProgress') as ExecutionStatus,
    statusSummary: pipelineExecution?.statusSummary,
    actions: details
      .filter((d) => d.pipelineExecutionId === undefined || d.pipelineExecutionId === executionId)
      .map(actionRunOf)
      .sort((a, b) => (a.startTime?.getTime() ?? 0) - (b.startTime?.getTime() ?? 0)),
  };
}

function actionRunOf(detail: ActionExecutionDetail): ActionRun {
  const result = detail.output?.executionResult;
  const error = result?.errorDetails;
  return {
    id: detail.actionExecutionId ?? `${detail.stageName}/${detail.actionName}`,
    stage: detail.stageName ?? '',
    action: detail.actionName ?? '',
    status: (detail.status ?? 'InProgress') as ActionStatus,
    provider: detail.input?.actionTypeId?.provider,
    startTime: detail.startTime,
    lastUpdateTime: detail.lastUpdateTime,
    externalId: result?.externalExecutionId,
    summary: result?.externalExecutionSummary,
    url: result?.externalExecutionUrl,
    error: error?.message ? (error.code ? `${error.code}: ${error.message}` : error.message) : undefined,
  };
}

/** From the action's start to its last update (its end, once it has ended). */
export function actionDurationMs(run: ActionRun): number | undefined {
  if (run.startTime === undefined || run.lastUpdateTime === undefined) return undefined;
  return Math.max(0, run.lastUpdateTime.getTime() - run.startTime.getTime());
}
