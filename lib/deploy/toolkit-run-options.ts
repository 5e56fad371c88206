import type { AppSource } from './assembly-source.ts';
import type { AwsTarget } from './aws-target.ts';
import type { ProgressLog } from './toolkit-io-host.ts';

/** How the deploy and destroy engines reach the app and AWS, and where they report. */
export interface ToolkitRunOptions {
  /** Default: the repository's app (cdk.json) in `root`. */
  readonly source?: AppSource;
  /** The repository checkout. Default: the working directory. */
  readonly root?: string;
  readonly target?: AwsTarget;
  readonly log?: ProgressLog;
  /** Also print the toolkit's debug messages. */
  readonly verbose?: boolean;
  /** Time between two looks at a stack in progress. Default the toolkit's 2 s; tests go faster. */
  readonly pollIntervalMs?: number;
}
