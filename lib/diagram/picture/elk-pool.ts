/**
 * elkjs in a child process of its own. The layouts run off the calling thread, which goes on meanwhile
 * (`npm run docs` writes its charts and pages while the pictures are laid out), and the process can be
 * started early at the lowest CPU priority to load elkjs and warm it up ({@link warmUpLayouts}): V8 compiles
 * elkjs's code as it runs, which makes a first layout about twice as slow as a later one, and at the lowest
 * priority that work only uses CPU the caller leaves idle (the synthesis, in `npm run docs`). elkjs ships its
 * worker as plain JavaScript (`elk-worker.min.js`, written for a browser's Web Worker); a few lines of glue
 * serve it over Node's IPC channel, so the process runs no file of ours that would need compiling.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import module, { createRequire } from 'node:module';
import { setPriority } from 'node:os';
import ELK, { type ElkNode } from 'elkjs/lib/elk-api.js';

const require = createRequire(import.meta.url);

/**
 * Runs in the child: elkjs's own dispatcher (its "FakeWorker", exported when `module` exists) answers
 * elk-api's messages. A warm-up graph is laid out only while no real one waits: the queue is checked between
 * layouts, and the last warm-up layout is the most a real one waits for. A layout sent `ahead` goes before
 * the real ones waiting. elkjs reports a failure as a Java
 * exception object; only its message crosses the channel.
 */
const GLUE = `
const [elkWorker, compileCache] = process.argv.slice(1);
if (compileCache) require('node:module').enableCompileCache?.(compileCache);
const { Worker: Dispatcher } = require(elkWorker);
const elk = new Dispatcher();
const waiting = [];
let busy = false;
let warmUp = [];
elk.onmessage = ({ data }) => {
  busy = false;
  if (data.error) data.error = { message: String(data.error.message ?? data.error) };
  if (!String(data.id).startsWith('warm-up')) process.send(data);
  next();
};
function next() {
  if (busy) return;
  const message = waiting.shift() ?? warmUp.shift();
  if (!message) return;
  busy = true;
  elk.postMessage(message);
}
process.on('message', (message) => {
  if (message.cmd === 'warm-up') warmUp = message.graphs.map((graph, i) => ({ id: 'warm-up-' + i, cmd: 'layout', graph }));
  else if (message.ahead) waiting.unshift(message);
  else waiting.push(message);
  next();
});
process.on('disconnect', () => process.exit(0));
`;

/** The layout process with its elk-api front and the number of layouts it has yet to answer. */
interface Engine {
  readonly elk: InstanceType<typeof ELK>;
  readonly child: ChildProcess;
  pending: number;
  /** Started at the lowest priority by {@link warmUpLayouts}. */
  lowered: boolean;
  /** Rejects when the process ends while layouts wait for it: elk-api would wait for their answers forever. */
  readonly stopped: Promise<never>;
}

let engine: Engine | undefined;
/** Graphs to lay out before the ones already waiting (see {@link layout}). */
const ahead = new WeakSet<ElkNode>();

function start(): Engine {
  const compileCache = (module as { getCompileCacheDir?: () => string | undefined }).getCompileCacheDir?.();
  const child = spawn(
    process.execPath,
    ['-e', GLUE, require.resolve('elkjs/lib/elk-worker.min.js'), compileCache ?? ''],
    { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] },
  );
  // An idle child must not keep the caller's process alive; a busy one must (see `layout`).
  idle(child);
  const stopped = new Promise<never>((_, reject) => {
    const fail = (why: string) =>
      reject(
        new Error(
          `the elkjs layout process ${why} before it answered; run the command again (the next layout starts another process).`,
        ),
      );
    child.once('error', (error) => fail(`could not start (${error.message})`));
    child.once('exit', (code, signal) => {
      if (engine?.child === child) engine = undefined;
      fail(`stopped (${signal ?? `exit code ${code}`})`);
    });
  });
  // Only layouts waiting at that moment see the rejection.
  stopped.catch(() => undefined);
  const elk = new ELK({
    algorithms: ['layered'],
    // elk-api uses only these three members of the Web Worker it types the factory with.
    workerFactory: () =>
      ({
        // elk-api builds the message itself: a graph to lay out ahead is recognised by its object.
        postMessage: (message: { graph?: ElkNode }) =>
          child.send(message.graph && ahead.has(message.graph) ? { ...message, ahead: true } : message),
        terminate: () => child.kill(),
        set onmessage(handler: (event: { data: unknown }) => void) {
          child.on('message', (data) => handler({ data }));
        },
      }) as unknown as globalThis.Worker,
  });
  return { elk, child, pending: 0, lowered: false, stopped };
}

const running = (): Engine => {
  engine ??= start();
  return engine;
};

function idle(child: ChildProcess): void {
  child.unref();
  (child.channel as { unref?: () => void } | undefined)?.unref?.();
}

function busy(child: ChildProcess): void {
  child.ref();
  (child.channel as { ref?: () => void } | undefined)?.ref?.();
}

/**
 * Lays a graph out in the layout process. `ahead`: before the layouts already waiting, for a picture's second
 * layout (its first is done, and its PNG can be drawn while the other pictures are laid out).
 */
export async function layout(graph: ElkNode, options: { ahead?: boolean } = {}): Promise<ElkNode> {
  if (options.ahead) ahead.add(graph);
  const current = running();
  if (current.lowered) {
    // The caller now waits for the layouts: back to normal priority where that is allowed (root, or
    // CAP_SYS_NICE; elsewhere a process may not raise its priority again, and the layouts share what is idle).
    current.lowered = false;
    setPriorityIfAllowed(current.child, 0);
  }
  if (current.pending++ === 0) busy(current.child);
  try {
    return await Promise.race([current.elk.layout(graph), current.stopped]);
  } catch (error) {
    const message = (error as { message?: string })?.message ?? String(error);
    throw new Error(`elkjs could not lay out graph ${graph.id}: ${message}`);
  } finally {
    if (--current.pending === 0) idle(current.child);
  }
}

/**
 * Starts the layout process at the lowest CPU priority and has it lay out sample graphs until the first real
 * layout arrives, so that elkjs is loaded and compiled by then. Returns at once. For a caller with CPU-bound
 * work of its own to do first: at that priority the warm-up takes only the cores the caller leaves idle.
 */
export function warmUpLayouts(graphs: readonly ElkNode[]): void {
  const current = running();
  current.lowered = setPriorityIfAllowed(current.child, 19);
  current.child.send({ cmd: 'warm-up', graphs });
}

function setPriorityIfAllowed(child: ChildProcess, priority: number): boolean {
  if (child.pid === undefined) return false;
  try {
    setPriority(child.pid, priority);
    return true;
  } catch {
    return false;
  }
}

/** The layout process's id while one runs (tests, diagnostics). */
export const layoutProcessId = (): number | undefined => engine?.child.pid;

/** Stops the layout process (tests; a command's process exits without this). */
export async function stopLayouts(): Promise<void> {
  const stopping = engine;
  engine = undefined;
  if (!stopping || stopping.child.exitCode !== null) return;
  const exited = new Promise((resolve) => stopping.child.once('exit', resolve));
  // Referenced again, or the caller's process could end before the exit arrives and leave this promise open.
  busy(stopping.child);
  stopping.child.kill();
  await exited;
}
