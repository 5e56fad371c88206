/**
 * Starts moto's server (`python3 -m moto.server`, the local AWS that ships with this machine's Python)
 * on a free port, as pipeline/conftest.py does for the Python tests, so the real SDK clients can talk
 * to it over HTTP with dummy credentials.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';

export interface MotoServer {
  readonly endpoint: string;
  /** Output of the server, for failure messages. */
  output(): string;
  /** Forgets every resource (POST /moto-api/reset). */
  reset(): Promise<void>;
  close(): Promise<void>;
}

/** Dummy credentials: moto accepts any, and they can never reach a real account. */
export const MOTO_CREDENTIALS = { accessKeyId: 'testing', secretAccessKey: 'testing' } as const;

const START_TIMEOUT_MS = 30_000;

export async function startMotoServer(python = process.env.PYTHON ?? 'python3'): Promise<MotoServer> {
  let lastOutput = '';
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    const endpoint = `http://127.0.0.1:${port}`;
    const child = spawn(python, ['-m', 'moto.server', '-H', '127.0.0.1', '-p', String(port)], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, PYTHONUNBUFFERED: '1' },
    });
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
    });
    const exited = once(child, 'exit').then(() => true);
    const deadline = Date.now() + START_TIMEOUT_MS;
    while (Date.now() < deadline) {
      if (await Promise.race([exited, new Promise<false>((r) => setTimeout(() => r(false), 100))])) break;
      if (await answers(endpoint)) {
        return {
          endpoint,
          output: () => output,
          reset: async () => {
            await fetch(`${endpoint}/moto-api/reset`, { method: 'POST' });
          },
          close: () => stop(child),
        };
      }
    }
    lastOutput = output;
    await stop(child);
  }
  throw new Error(
    `moto server did not start (is moto[server] installed for python3?). Its output:\n${lastOutput}`,
  );
}

async function answers(endpoint: string): Promise<boolean> {
  try {
    await fetch(`${endpoint}/moto-api/`, { signal: AbortSignal.timeout(1000) });
    return true; // any HTTP answer means the server is up
  } catch {
    return false;
  }
}

async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  if (address === null || typeof address === 'string') throw new Error('No free port');
  return address.port;
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}
