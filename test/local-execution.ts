// The polyfill first: the library needs Promise.withResolvers, which plain Node 20 lacks.
import './promise-with-resolvers.ts';
import { ExecutionError, StateMachine, type StateMachineDefinition } from 'aws-local-stepfunctions';

/**
 * What a Task state's stand-in does with one attempt's input (its Parameters applied): return the service's
 * answer, or throw a TaskError as the service integration would fail. `attempt` counts from 1.
 */
export type TaskStandIn = (input: any, attempt: number) => unknown;

/** A failure as Step Functions reports it for a task: an error name (what Retry and Catch match) and a cause. */
export class TaskError extends Error {
  constructor(error: string, cause: string) {
    super(cause);
    this.name = error;
  }
}

export interface LocalExecution {
  readonly status: 'SUCCEEDED' | 'FAILED';
  /** The execution's output when it succeeded. */
  readonly output?: any;
  /** The execution's error and cause when it failed. */
  readonly error?: string;
  readonly cause?: string;
  /** Every state entered, in order (a state retried is entered once). */
  readonly states: string[];
  /** The input of every attempt of each Task state, in order. */
  readonly calls: Record<string, any[]>;
}

export const EXECUTION_NAME = 'run-2026-12-01';

// The library validates a definition (asl-validator) when a StateMachine is made, which takes longer than
// an execution: one machine per definition, run as often as the scenarios need.
const machines = new WeakMap<object, StateMachine>();
function machineOf(definition: Record<string, any>): StateMachine {
  let machine = machines.get(definition);
  if (!machine) {
    machine = new StateMachine(definition as StateMachineDefinition);
    machines.set(definition, machine);
  }
  return machine;
}

/**
 * Runs `definition` in aws-local-stepfunctions with `standIns` answering every Task state (a Task without one
 * is refused: the library would call AWS), Wait states and retries without waiting, and a context object
 * that gives `$$.Execution` and `$$.StateMachine` the names a real execution has.
 */
export async function runLocally(
  definition: Record<string, any>,
  standIns: Record<string, TaskStandIn>,
  input: Record<string, unknown> = {},
): Promise<LocalExecution> {
  const states = definition.States as Record<string, { Type: string; Retry?: unknown[] }>;
  const named = (type: string) => Object.keys(states).filter((name) => states[name]?.Type === type);
  const missing = named('Task').filter((name) => !(name in standIns));
  if (missing.length > 0) throw new Error(`No stand-in for the Task states ${missing.join(', ')}`);

  const calls: Record<string, any[]> = {};
  const taskResourceLocalHandlers = Object.fromEntries(
    Object.entries(standIns).map(([name, standIn]) => [
      name,
      async (taskInput: any) => {
        const attempts = calls[name] ?? [];
        calls[name] = attempts;
        attempts.push(taskInput);
        return standIn(taskInput, attempts.length) as any;
      },
    ]),
  );
  const stateMachineName = 'launchpad-dev-pipeline';
  const machine = machineOf(definition);
  const execution = machine.run(input as any, {
    overrides: {
      taskResourceLocalHandlers,
      waitTimeOverrides: Object.fromEntries(named('Wait').map((name) => [name, 0])),
      retryIntervalOverrides: Object.fromEntries(
        Object.keys(states)
          .filter((name) => states[name]?.Retry)
          .map((name) => [name, 0]),
      ),
    },
    context: {
      Execution: {
        Id: `arn:aws:states:us-east-1:123456789012:execution:${stateMachineName}:${EXECUTION_NAME}`,
        Name: EXECUTION_NAME,
      },
      StateMachine: {
        Id: `arn:aws:states:us-east-1:123456789012:stateMachine:${stateMachineName}`,
        Name: stateMachineName,
      },
    },
  });
  let outcome: Pick<LocalExecution, 'status' | 'output' | 'error' | 'cause'>;
  try {
    outcome = { status: 'SUCCEEDED', output: await execution.result };
  } catch (thrown) {
    if (!(thrown instanceof ExecutionError)) throw thrown;
    const failure = thrown.cause as Error;
    outcome = { status: 'FAILED', error: failure.name, cause: failure.message };
  }
  const entered: string[] = [];
  for await (const event of execution.eventLogs) {
    if (event.type === 'StateEntered') entered.push(event.state.name);
  }
  return { ...outcome, states: entered, calls };
}
