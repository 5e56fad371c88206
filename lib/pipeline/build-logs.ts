/**
 * Streams the CloudWatch Logs of the CodeBuild builds an execution runs into the run's log. The build id is
 * the CodeBuild action's external execution id; BatchGetBuilds gives its log group and stream; GetLogEvents
 * with the forward token gives the lines not shown yet. Each look hands over the new lines of a build as
 * one folded group, so the stage and action lines stay visible between them.
 */
import { GetLogEventsCommand, type GetLogEventsCommandOutput } from '@aws-sdk/client-cloudwatch-logs';
import { BatchGetBuildsCommand, type Build } from '@aws-sdk/client-codebuild';
import { describeSdkError } from '../aws/sdk-error.ts';
import type { PipelineClients } from './clients.ts';
import type { ActionRun } from './execution-state.ts';

export interface LogLocation {
  readonly group: string;
  readonly stream: string;
}

interface FollowedBuild {
  readonly run: ActionRun;
  location?: LogLocation;
  /** Why there are no logs to show (logging off, no stream), told once. */
  noLogs?: string;
  nextToken?: string;
  linesShown: number;
  /** Every line up to the end of the build has been shown. */
  drained: boolean;
}

export interface LogGroupSink {
  group(title: string, lines: readonly string[]): void;
  info(message: string): void;
}

/** Pages of GetLogEvents per build and look: a noisy build catches up over a few looks, not in one burst. */
const MAX_PAGES_PER_LOOK = 5;

export class BuildLogFollower {
  private readonly builds = new Map<string, FollowedBuild>();

  constructor(
    private readonly clients: PipelineClients,
    private readonly sink: LogGroupSink,
  ) {}

  /**
   * Shows the new lines of every CodeBuild action in `runs`; returns how many lines it showed. The logs are
   * a view on the execution, not its outcome: a read that still fails after the SDK's retries (throttling,
   * 5xx, timeouts) is told, and the next look takes up from where this one stopped, so following the
   * execution goes on.
   */
  async follow(runs: readonly ActionRun[], abortSignal?: AbortSignal): Promise<number> {
    try {
      return await this.look(runs, abortSignal);
    } catch (error) {
      if (abortSignal?.aborted) throw error;
      this.sink.info(
        `  (build logs could not be read this time: ${describeSdkError(error).summary}; the next look tries again)`,
      );
      return 0;
    }
  }

  private async look(runs: readonly ActionRun[], abortSignal?: AbortSignal): Promise<number> {
    for (const run of runs) {
      if (run.provider !== 'CodeBuild' || !run.externalId) continue;
      const known = this.builds.get(run.externalId);
      if (known) Object.assign(known, { run });
      else this.builds.set(run.externalId, { run, linesShown: 0, drained: false });
    }
    await this.locate(abortSignal);
    let shown = 0;
    for (const [buildId, build] of this.builds) {
      if (build.drained || build.location === undefined) continue;
      const lines = await this.readNewLines(build, abortSignal);
      if (lines.length > 0) {
        const first = build.linesShown + 1;
        build.linesShown += lines.length;
        this.sink.group(
          `${build.run.stage} / ${build.run.action} · build ${buildId} · log lines ${first}–${build.linesShown}`,
          lines,
        );
        shown += lines.length;
      } else if (build.run.status !== 'InProgress') {
        // Ended, and a look after its end found nothing new.
        build.drained = true;
        if (build.linesShown === 0 && !build.noLogs) {
          this.sink.info(
            `  (no log lines in ${build.location.group} ${build.location.stream} for ${build.run.stage} / ${build.run.action})`,
          );
        }
      }
    }
    return shown;
  }

  /** BatchGetBuilds, once per build, for where its logs go. */
  private async locate(abortSignal?: AbortSignal): Promise<void> {
    const pending = [...this.builds].filter(([, b]) => b.location === undefined && b.noLogs === undefined);
    // BatchGetBuilds takes at most 100 ids.
    for (let i = 0; i < pending.length; i += 100) {
      const batch = pending.slice(i, i + 100);
      const { builds = [] } = await this.clients.codeBuild.send(
        new BatchGetBuildsCommand({ ids: batch.map(([id]) => id) }),
        { abortSignal },
      );
      for (const [id, followed] of batch) {
        const build = builds.find((b) => b.id === id);
        const location = build === undefined ? undefined : logLocation(build);
        if (location) followed.location = location;
        else {
          followed.noLogs =
            build === undefined
              ? `CodeBuild does not know build ${id}`
              : `build ${id} does not send its logs to CloudWatch Logs`;
          followed.drained = true;
          this.sink.info(`  (no build log to show: ${followed.noLogs})`);
        }
      }
    }
  }

  private async readNewLines(build: FollowedBuild, abortSignal?: AbortSignal): Promise<string[]> {
    const location = build.location as LogLocation;
    const lines: string[] = [];
    for (let page = 0; page < MAX_PAGES_PER_LOOK; page++) {
      let answer: GetLogEventsCommandOutput;
      try {
        answer = await this.clients.logs.send(
          new GetLogEventsCommand({
            logGroupName: location.group,
            logStreamName: location.stream,
            startFromHead: true,
            nextToken: build.nextToken,
          }),
          { abortSignal },
        );
      } catch (error) {
        // The stream appears with the build's first line: until then there is nothing to read.
        if ((error as Error).name === 'ResourceNotFoundException') return lines;
        throw error;
      }
      for (const event of answer.events ?? []) {
        // CodeBuild's lines end with their own newline; a message may also hold several lines.
        lines.push(...(event.message ?? '').replace(/\r?\n$/, '').split(/\r?\n/));
      }
      const unchanged = answer.nextForwardToken === undefined || answer.nextForwardToken === build.nextToken;
      if (answer.nextForwardToken !== undefined) build.nextToken = answer.nextForwardToken;
      // The same token back means the end of the stream for now.
      if (unchanged || (answer.events ?? []).length === 0) break;
    }
    return lines;
  }
}

/**
 * Where a build's logs are: the group and stream CodeBuild reports, else the ones named in its log ARN,
 * else CodeBuild's default (`/aws/codebuild/<project>`, the stream named for the build's id after the colon).
 */
export function logLocation(build: Build): LogLocation | undefined {
  const logs = build.logs;
  if (logs?.cloudWatchLogs?.status === 'DISABLED') return undefined;
  if (logs?.groupName && logs.streamName) return { group: logs.groupName, stream: logs.streamName };
  const arn = /:log-group:([^:]+):log-stream:(.+)$/.exec(logs?.cloudWatchLogsArn ?? '');
  if (arn?.[1] && arn[2] && arn[1] !== 'null' && arn[2] !== 'null') return { group: arn[1], stream: arn[2] };
  const [project, uuid] = (build.id ?? '').split(':');
  if (!project || !uuid) return undefined;
  const group = logs?.cloudWatchLogs?.groupName ?? `/aws/codebuild/${project}`;
  const prefix = logs?.cloudWatchLogs?.streamName;
  return { group, stream: prefix ? `${prefix}/${uuid}` : uuid };
}
