import type { PipelineRunReporter, StartedExecution } from '../run-pipeline.ts';

/** A reporter that keeps what a run showed, in order, for tests to read. */
export interface RecordingReporter extends PipelineRunReporter {
  readonly lines: string[];
  readonly groups: { readonly title: string; readonly lines: readonly string[] }[];
  readonly warnings: string[];
  started_: StartedExecution | undefined;
}

export function recordingReporter(onStarted?: (execution: StartedExecution) => void): RecordingReporter {
  const reporter: RecordingReporter = {
    lines: [],
    groups: [],
    warnings: [],
    started_: undefined,
    info: (message) => reporter.lines.push(message),
    warning: (message) => {
      reporter.warnings.push(message);
      reporter.lines.push(`warning: ${message}`);
    },
    group: (title, lines) => {
      reporter.groups.push({ title, lines });
      reporter.lines.push(`[group] ${title}`);
    },
    started: (execution) => {
      reporter.started_ = execution;
      onStarted?.(execution);
    },
  };
  return reporter;
}
