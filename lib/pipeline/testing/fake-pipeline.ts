/**
 * A CodePipeline for tests and the demo, served by the scripted JSON server (moto has no executions): it
 * answers GetPipeline, Start/Get/StopPipelineExecution and ListActionExecutions from a script of "ticks",
 * one tick applied per GetPipelineExecution. Its CodeBuild actions run real builds in moto (StartBuild) and
 * write their log lines to moto's CloudWatch Logs, so the engine finds them the way it does in AWS: the
 * build id from the action execution, the log stream from CodeBuild.
 */
import {
  type CloudWatchLogsClient,
  CreateLogStreamCommand,
  PutLogEventsCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { type CodeBuildClient, StartBuildCommand } from '@aws-sdk/client-codebuild';
import { HeadObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import {
  awsError,
  ok,
  type ScriptedAnswer,
  type ScriptedJsonServer,
} from '../../aws/testing/scripted-json-server.ts';
import type { ActionStatus, ExecutionStatus } from '../execution-state.ts';

export const TARGET = (operation: string) => `CodePipeline_20150709.${operation}`;

export interface FakeAction {
  readonly name: string;
  readonly provider: 'S3' | 'CodeBuild' | 'Lambda';
  /** The CodeBuild project (created in moto by the caller). */
  readonly project?: string;
}

export interface FakeStage {
  readonly name: string;
  readonly actions: readonly FakeAction[];
}

/** `Stage/Action`. */
type ActionRef = string;

export type Step =
  | { readonly start: ActionRef }
  | { readonly log: ActionRef; readonly lines: readonly string[] }
  | { readonly succeed: ActionRef; readonly summary?: string }
  | { readonly fail: ActionRef; readonly code?: string; readonly message: string }
  | { readonly end: Exclude<ExecutionStatus, 'InProgress'>; readonly summary?: string };

export interface FakePipelineOptions {
  readonly name: string;
  readonly bucket: string;
  readonly key: string;
  readonly stages: readonly FakeStage[];
  /** Declared pipeline variables. Default COMMIT_SHA. */
  readonly variables?: readonly string[];
  /** What each GetPipelineExecution does before it answers; after the last tick nothing changes. */
  readonly ticks: readonly (readonly Step[])[];
  /** Action executions per ListActionExecutions page. Default 2, so the engine must follow nextToken. */
  readonly pageSize?: number;
  /** Seconds of execution time per tick, for realistic durations. Default: real time. */
  readonly secondsPerTick?: number;
}

interface ActionExecution {
  actionExecutionId: string;
  stageName: string;
  actionName: string;
  status: ActionStatus;
  provider: string;
  startTime: number;
  lastUpdateTime: number;
  externalExecutionId?: string;
  externalExecutionSummary?: string;
  externalExecutionUrl?: string;
  errorDetails?: { code: string; message: string };
  logStream?: { group: string; stream: string };
}

export interface FakeExecution {
  readonly id: string;
  readonly request: Record<string, unknown>;
  status: ExecutionStatus;
  statusSummary?: string;
  tick: number;
  readonly actions: ActionExecution[];
  readonly startedAt: number;
  stopRequest?: Record<string, unknown>;
}

export interface FakePipeline {
  readonly executions: FakeExecution[];
  /** Build ids started in moto, in order. */
  readonly builds: string[];
}

export interface FakePipelineServices {
  readonly s3: S3Client;
  readonly codeBuild: CodeBuildClient;
  readonly logs: CloudWatchLogsClient;
}

/** Installs the pipeline's handlers on `server` (replacing any earlier fake's). */
export function installFakePipeline(
  server: ScriptedJsonServer,
  services: FakePipelineServices,
  options: FakePipelineOptions,
): FakePipeline {
  const fake: FakePipeline = { executions: [], builds: [] };
  const byToken = new Map<string, FakeExecution>();
  const pageSize = options.pageSize ?? 2;
  const find = (body: Record<string, unknown>) =>
    fake.executions.find((e) => e.id === body.pipelineExecutionId);
  const notFound = (id: unknown) =>
    awsError(400, 'PipelineExecutionNotFoundException', `Execution ${String(id)} not found`);
  const sourceAction = options.stages[0]?.actions[0]?.name ?? 'Source';
  const time = (execution: FakeExecution) =>
    options.secondsPerTick === undefined
      ? Date.now() / 1000
      : execution.startedAt + execution.tick * options.secondsPerTick;

  const declaration = {
    name: options.name,
    pipelineType: 'V2',
    executionMode: 'QUEUED',
    variables: (options.variables ?? ['COMMIT_SHA']).map((name) => ({ name, defaultValue: 'unknown' })),
    stages: options.stages.map((stage) => ({
      name: stage.name,
      actions: stage.actions.map((action) => ({
        name: action.name,
        runOrder: 1,
        actionTypeId: {
          category: action.provider === 'S3' ? 'Source' : action.provider === 'Lambda' ? 'Invoke' : 'Build',
          owner: 'AWS',
          provider: action.provider,
          version: '1',
        },
        configuration:
          action.provider === 'S3'
            ? { S3Bucket: options.bucket, S3ObjectKey: options.key, PollForSourceChanges: 'false' }
            : { ProjectName: action.project ?? action.name },
      })),
    })),
  };

  async function apply(execution: FakeExecution, step: Step): Promise<void> {
    const now = time(execution);
    const action = (ref: ActionRef) => {
      const [stage, name] = ref.split('/');
      const found = [...execution.actions]
        .reverse()
        .find((a) => a.stageName === stage && a.actionName === name);
      if (!found) throw new Error(`The script uses ${ref} before starting it.`);
      return found;
    };
    if ('start' in step) {
      const [stageName = '', actionName = ''] = step.start.split('/');
      const declared = options.stages
        .find((s) => s.name === stageName)
        ?.actions.find((a) => a.name === actionName);
      if (!declared) throw new Error(`The script starts ${step.start}, which the pipeline does not declare.`);
      const run: ActionExecution = {
        actionExecutionId: `ae-${execution.actions.length + 1}-${execution.id.slice(0, 8)}`,
        stageName,
        actionName,
        status: 'InProgress',
        provider: declared.provider,
        startTime: now,
        lastUpdateTime: now,
      };
      if (declared.provider === 'CodeBuild') {
        const project = declared.project ?? actionName;
        const { build } = await services.codeBuild.send(new StartBuildCommand({ projectName: project }));
        const buildId = build?.id ?? '';
        fake.builds.push(buildId);
        run.externalExecutionId = buildId;
        run.externalExecutionUrl = `https://console.aws.amazon.com/codebuild/home#/builds/${encodeURIComponent(buildId)}/view/new`;
        // CodeBuild's default log location: /aws/codebuild/<project>, a stream named for the build's uuid.
        run.logStream = { group: `/aws/codebuild/${project}`, stream: buildId.split(':')[1] ?? '' };
        await services.logs.send(
          new CreateLogStreamCommand({
            logGroupName: run.logStream.group,
            logStreamName: run.logStream.stream,
          }),
        );
      }
      if (declared.provider === 'S3') {
        const source = execution.request.sourceRevisions as { revisionValue: string }[] | undefined;
        run.externalExecutionId = source?.[0]?.revisionValue;
        run.externalExecutionSummary = `Amazon S3 version id: ${run.externalExecutionId}`;
      }
      execution.actions.push(run);
    } else if ('log' in step) {
      const run = action(step.log);
      if (!run.logStream) throw new Error(`${step.log} is not a CodeBuild action: it has no log.`);
      const at = Date.now();
      await services.logs.send(
        new PutLogEventsCommand({
          logGroupName: run.logStream.group,
          logStreamName: run.logStream.stream,
          logEvents: step.lines.map((line, i) => ({ timestamp: at + i, message: `${line}\n` })),
        }),
      );
    } else if ('succeed' in step) {
      Object.assign(
        action(step.succeed),
        { status: 'Succeeded', lastUpdateTime: now },
        step.summary ? { externalExecutionSummary: step.summary } : {},
      );
    } else if ('fail' in step) {
      Object.assign(action(step.fail), {
        status: 'Failed',
        lastUpdateTime: now,
        externalExecutionSummary: 'Build terminated with state: FAILED',
        errorDetails: { code: step.code ?? 'JobFailed', message: step.message },
      });
    } else {
      execution.status = step.end;
      execution.statusSummary = step.summary;
    }
  }

  const answerExecution = (execution: FakeExecution): ScriptedAnswer =>
    ok({
      pipelineExecution: {
        pipelineName: options.name,
        pipelineVersion: 1,
        pipelineExecutionId: execution.id,
        status: execution.status,
        statusSummary: execution.statusSummary,
        executionMode: 'QUEUED',
        variables: execution.request.variables,
      },
    });

  Object.assign(server.handlers, {
    [TARGET('GetPipeline')]: (body: Record<string, unknown>) =>
      body.name === options.name
        ? ok({ pipeline: declaration, metadata: {} })
        : awsError(
            400,
            'PipelineNotFoundException',
            `Account does not have a pipeline with name '${String(body.name)}'`,
          ),
    [TARGET('StartPipelineExecution')]: async (body: Record<string, unknown>) => {
      if (body.name !== options.name) {
        return awsError(
          400,
          'PipelineNotFoundException',
          `Account does not have a pipeline with name '${String(body.name)}'`,
        );
      }
      const token = body.clientRequestToken as string | undefined;
      const earlier = token === undefined ? undefined : byToken.get(token);
      if (earlier) return ok({ pipelineExecutionId: earlier.id });
      const problem = await validateStart(body);
      if (problem) return awsError(400, 'ValidationException', problem);
      const execution: FakeExecution = {
        id: crypto.randomUUID(),
        request: body,
        status: 'InProgress',
        tick: 0,
        actions: [],
        startedAt: Date.now() / 1000,
      };
      fake.executions.push(execution);
      if (token !== undefined) byToken.set(token, execution);
      return ok({ pipelineExecutionId: execution.id });
    },
    [TARGET('GetPipelineExecution')]: async (body: Record<string, unknown>) => {
      const execution = find(body);
      if (!execution) return notFound(body.pipelineExecutionId);
      if (execution.stopRequest && execution.status === 'Stopping') {
        execution.status = 'Stopped';
      } else if (execution.status === 'InProgress') {
        for (const step of options.ticks[execution.tick] ?? []) await apply(execution, step);
        execution.tick++;
      }
      return answerExecution(execution);
    },
    [TARGET('ListActionExecutions')]: (body: Record<string, unknown>) => {
      const filter = body.filter as { pipelineExecutionId?: string } | undefined;
      const execution = fake.executions.find((e) => e.id === filter?.pipelineExecutionId);
      if (!execution) return notFound(filter?.pipelineExecutionId);
      const start = Number(body.nextToken ?? 0);
      // Newest first, as CodePipeline lists them.
      const all = [...execution.actions].reverse();
      const page = all.slice(start, start + pageSize);
      return ok({
        actionExecutionDetails: page.map((a) => ({
          pipelineExecutionId: execution.id,
          actionExecutionId: a.actionExecutionId,
          pipelineVersion: 1,
          stageName: a.stageName,
          actionName: a.actionName,
          startTime: a.startTime,
          lastUpdateTime: a.lastUpdateTime,
          status: a.status,
          input: { actionTypeId: { category: 'Build', owner: 'AWS', provider: a.provider, version: '1' } },
          output: {
            executionResult: {
              externalExecutionId: a.externalExecutionId,
              externalExecutionSummary: a.externalExecutionSummary,
              externalExecutionUrl: a.externalExecutionUrl,
              errorDetails: a.errorDetails,
            },
          },
        })),
        nextToken: start + pageSize < all.length ? String(start + pageSize) : undefined,
      });
    },
    [TARGET('StopPipelineExecution')]: (body: Record<string, unknown>) => {
      const execution = find(body);
      if (!execution) return notFound(body.pipelineExecutionId);
      if (execution.status !== 'InProgress') {
        return awsError(400, 'PipelineExecutionNotStoppableException', `Execution is ${execution.status}`);
      }
      execution.stopRequest = body;
      execution.status = body.abandon === true ? 'Stopped' : 'Stopping';
      return ok({ pipelineExecutionId: execution.id });
    },
  });

  /** What CodePipeline itself would refuse: an unknown source action, an undeclared variable, a missing version. */
  async function validateStart(body: Record<string, unknown>): Promise<string | undefined> {
    const declared = new Set(options.variables ?? ['COMMIT_SHA']);
    for (const v of (body.variables as { name: string }[] | undefined) ?? []) {
      if (!declared.has(v.name)) return `Pipeline variable ${v.name} is not declared`;
    }
    for (const revision of (body.sourceRevisions as Record<string, string>[] | undefined) ?? []) {
      if (revision.actionName !== sourceAction) return `No source action named ${revision.actionName}`;
      if (revision.revisionType !== 'S3_OBJECT_VERSION_ID')
        return `Unexpected revision type ${revision.revisionType}`;
      try {
        await services.s3.send(
          new HeadObjectCommand({
            Bucket: options.bucket,
            Key: options.key,
            VersionId: revision.revisionValue,
          }),
        );
      } catch {
        return `No version ${revision.revisionValue} of s3://${options.bucket}/${options.key}`;
      }
    }
    return undefined;
  }

  return fake;
}
