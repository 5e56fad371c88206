import { spawn } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');

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
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !k.startsWith('AWS_') && !drop.includes(k)),
  );
  const child = spawn(TSX, [`scripts/${name}.ts`, ...args], {
    cwd: ROOT,
    env: {
      ...clean,
      AWS_CONFIG_FILE: '/nonexistent',
      AWS_SHARED_CREDENTIALS_FILE: '/nonexistent',
      AWS_EC2_METADATA_DISABLED: 'true',
      ...env,
    },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString('utf8');
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}
