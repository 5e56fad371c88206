import type { ChildProcess } from 'node:child_process';

/** This process's variables without any AWS setting of this machine, plus `extra` (which wins). */
export function isolatedEnvironment(
  extra: Record<string, string>,
  drop: (name: string) => boolean = () => false,
): NodeJS.ProcessEnv {
  const kept = Object.entries(process.env).filter(([k]) => !k.startsWith('AWS_') && !drop(k));
  return {
    ...Object.fromEntries(kept),
    AWS_CONFIG_FILE: '/nonexistent',
    AWS_SHARED_CREDENTIALS_FILE: '/nonexistent',
    AWS_EC2_METADATA_DISABLED: 'true',
    ...extra,
  };
}

/** Everything a child writes to stdout and stderr, and its exit status. */
export function collectOutput(
  child: ChildProcess,
): Promise<{ readonly status: number | null; readonly stdout: string; readonly stderr: string }> {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString('utf8');
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}
