import { stripVTControlCharacters } from 'node:util';
import type { IIoHost, IoMessage, IoRequest } from '@aws-cdk/toolkit-lib';

/** One line of progress for a person: the log of a workflow step, or a terminal. */
export type ProgressLog = (line: string) => void;

/** What the toolkit reported about one stack while deploying or destroying it. */
export interface StackProgress {
  readonly stackName: string;
  /** `dev/foundation`. */
  readonly path: string;
  /** Deployed with no change (the toolkit found the template, parameters and tags unchanged). */
  noOp?: boolean;
  /** The stack's outputs after its deployment. */
  outputs?: Record<string, string>;
  finished: boolean;
  startedAt: Date;
}

// The toolkit's message codes we act on (https://docs.aws.amazon.com/cdk/api/toolkit-lib/message-registry/).
const DEPLOY_START = 'CDK_TOOLKIT_I5100';
const DEPLOY_RESULT = 'CDK_TOOLKIT_I5900';
const DESTROY_START = 'CDK_TOOLKIT_I7100';
const DESTROY_RESULT = 'CDK_TOOLKIT_I7900';
/** The list action's result: the stack ids, which our own report shows better. */
const LIST_RESULT = 'CDK_TOOLKIT_I2901';
/** Bundling output of the app's synth arrives as error-level lines though it is only chatter. */
const SYNTH_CHATTER = 'CDK_ASSEMBLY_E1002';

interface StackArtifactLike {
  readonly stackName: string;
  readonly hierarchicalId: string;
}

/**
 * Routes the toolkit's messages to our progress log and keeps what the reports need (which stacks started,
 * finished, or had nothing to do). It answers every question the toolkit asks with yes: the pipeline is not
 * interactive, a change that broadens IAM was reviewed in its pull request, and a destroy was confirmed by
 * our own guard before the toolkit ever asks.
 */
export class ProgressIoHost implements IIoHost {
  readonly stacks: StackProgress[] = [];

  constructor(
    private readonly log: ProgressLog,
    private readonly options: { readonly verbose?: boolean } = {},
  ) {}

  /** The stack the toolkit is working on (one at a time: concurrency 1). */
  get current(): StackProgress | undefined {
    return this.stacks.findLast((s) => !s.finished);
  }

  async notify(msg: IoMessage<unknown>): Promise<void> {
    if (msg.code === DEPLOY_START || msg.code === DESTROY_START) {
      const stack = (msg.data as { stack?: StackArtifactLike } | undefined)?.stack;
      if (stack) {
        this.stacks.push({
          stackName: stack.stackName,
          path: stack.hierarchicalId,
          finished: false,
          startedAt: msg.time,
        });
      }
    } else if (msg.code === DEPLOY_RESULT) {
      const current = this.current;
      if (current) {
        const result = msg.data as { noOp?: boolean; outputs?: Record<string, string> } | undefined;
        current.noOp = result?.noOp === true;
        current.outputs = result?.outputs ?? {};
        current.finished = true;
      }
    } else if (msg.code === DESTROY_RESULT) {
      const current = this.current;
      if (current) current.finished = true;
    }
    if (!this.shouldPrint(msg)) return;
    const text = stripVTControlCharacters(msg.message).trim();
    if (text !== '') this.log(msg.level === 'warn' ? `Warning: ${text}` : text);
  }

  async requestResponse<T>(msg: IoRequest<unknown, T>): Promise<T> {
    // Confirmations (deploy IAM changes I5060, rollback I5050, destroy I7010) are yes/no questions.
    return (typeof msg.defaultResponse === 'boolean' ? true : msg.defaultResponse) as T;
  }

  private shouldPrint(msg: IoMessage<unknown>): boolean {
    if (msg.level === 'trace') return false;
    if (msg.level === 'debug') return this.options.verbose === true;
    if (msg.code === LIST_RESULT) return false;
    return msg.code !== SYNTH_CHATTER || this.options.verbose === true;
  }
}
