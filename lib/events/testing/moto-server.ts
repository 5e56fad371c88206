/**
 * moto's server (moto.server, the local AWS of the Python requirements) on a free port, as
 * pipeline/conftest.py starts it for the Python tests, so the real SDK clients can talk to it over HTTP with
 * dummy credentials. A server stops when the process that started it ends, however that ends.
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

/** moto's server, which exits when its standard input closes: when the process that started it has ended. */
const SERVE_UNTIL_PARENT_ENDS = [
  'import os, sys, threading',
  'threading.Thread(target=lambda: (sys.stdin.read(), os._exit(0)), daemon=True).start()',
  'from moto.server import main',
  'main(sys.argv[1:])',
].join('\n');

let shared: Promise<MotoServer> | undefined;
let sharedInUse = false;

/**
 * moto's server shared by the test files a worker runs one after another (isolate: false in
 * vitest.config.ts): started once, emptied (reset) for each caller, whose close() hands it back. Loading
 * moto's CloudFormation model costs a second of CPU, once per worker instead of once per file. A caller
 * that finds it in use gets a server of its own.
 */
export async function sharedMotoServer(): Promise<MotoServer> {
  shared ??= startMotoServer();
  const server = await shared.catch((error: unknown) => {
    shared = undefined;
    throw error;
  });
  if (sharedInUse) return startMotoServer();
  sharedInUse = true;
  try {
    await server.reset();
  } catch {
    // Gone (it stops with its parent only, but a test may have killed it): start another.
    shared = undefined;
    sharedInUse = false;
    return sharedMotoServer();
  }
  let released = false;
  return {
    ...server,
    close: async () => {
      if (released) return;
      released = true;
      sharedInUse = false;
    },
  };
}

async function startMotoServer(python = process.env.PYTHON ?? 'python3'): Promise<MotoServer> {
  let lastOutput = '';
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    const endpoint = `http://127.0.0.1:${port}`;
    const child = spawn(python, ['-c', SERVE_UNTIL_PARENT_ENDS, '-H', '127.0.0.1', '-p', String(port)], {
      stdio: ['pipe', 'pipe', 'pipe'],
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
