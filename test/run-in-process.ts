import { format } from 'node:util';
import { type CliMain, runMain } from '../scripts/run-cli.ts';
import { isolatedEnvironment } from './child-process.ts';
import type { ScriptRun } from './run-script.ts';

/** A script's exports for running it in process. */
export interface Command {
  readonly HELP: string;
  readonly main: CliMain;
}

/**
 * Runs a script's main function in this process as `npm run <script>` would run it (test/run-script.ts):
 * the same arguments, an environment with none of this machine's AWS settings plus `env`, and what it
 * prints on standard output and error, with its exit status. No Node process to start and no module to
 * load again, so a test of options or messages takes milliseconds instead of seconds; each script keeps a
 * spawned test or two to prove its wiring. Runs one at a time: it borrows the process's console, output
 * streams, environment and exit code, and gives them back.
 */
export async function runInProcess(
  command: Command,
  args: readonly string[],
  env: Record<string, string> = {},
  drop: readonly string[] = [],
): Promise<ScriptRun> {
  let stdout = '';
  let stderr = '';
  const saved = {
    console: { ...console },
    stdoutWrite: process.stdout.write,
    stderrWrite: process.stderr.write,
    env: process.env,
    exitCode: process.exitCode,
  };
  const toStdout = (...values: unknown[]) => {
    stdout += `${format(...values)}\n`;
  };
  const toStderr = (...values: unknown[]) => {
    stderr += `${format(...values)}\n`;
  };
  Object.assign(console, { log: toStdout, info: toStdout, error: toStderr, warn: toStderr });
  process.stdout.write = ((chunk: string | Uint8Array) => {
    stdout += String(chunk);
    return true;
  }) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  }) as typeof process.stderr.write;
  process.env = isolatedEnvironment(env, (name) => drop.includes(name));
  process.exitCode = undefined;
  try {
    const status = await runMain(command.HELP, command.main, [...args]);
    return { status: status || Number(process.exitCode ?? 0), stdout, stderr };
  } finally {
    Object.assign(console, saved.console);
    process.stdout.write = saved.stdoutWrite;
    process.stderr.write = saved.stderrWrite;
    process.env = saved.env;
    process.exitCode = saved.exitCode;
  }
}
