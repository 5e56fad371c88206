import { spawn } from 'node:child_process';
import path from 'node:path';
import { collectOutput, isolatedEnvironment } from './child-process.ts';

const ROOT = path.resolve(import.meta.dirname, '..');

export interface ScriptRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs `scripts/<name>.ts` as its npm script does, in a child process, with none of this machine's AWS
 * settings (no profile, no credentials file, no instance metadata): only what `env` passes.
 * `drop` names further variables of this process to leave out.
 */
export function runScript(
  name: string,
  args: readonly string[],
  env: Record<string, string> = {},
  drop: readonly string[] = [],
): Promise<ScriptRun> {
  const child = spawn(process.execPath, ['scripts/launch.mjs', `scripts/${name}.ts`, ...args], {
    cwd: ROOT,
    env: isolatedEnvironment(env, (k) => drop.includes(k)),
  });
  return collectOutput(child);
}
