/**
 * Starting and stopping the local HTTP servers that tests put in place of AWS and GitHub: a free port on
 * the loopback interface, each request's body read before it is answered, a close that does not wait for
 * clients' idle keep-alive connections, and forwarding to another server (a fake in front of moto).
 */
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ListeningServer {
  /** `http://<host>:<port>`. */
  readonly url: string;
  close(): Promise<void>;
}

/** Answers one request, its body read in full. A thrown error is answered with HTTP 500 and its text. */
export type LocalRequestHandler = (
  request: IncomingMessage,
  body: Buffer,
  response: ServerResponse,
) => void | Promise<void>;

/**
 * Serves `handle` on a free port of 127.0.0.1. `urlHost` names the host in the URL: `localhost` where a
 * client treats an IP address differently (moto reads a bucket name from 127.0.0.1-style hosts).
 */
export function serveLocally(handle: LocalRequestHandler, urlHost = '127.0.0.1'): Promise<ListeningServer> {
  const server = createServer((request, response) => {
    readBody(request)
      .then((body) => handle(request, body, response))
      .catch((error: unknown) => {
        if (response.headersSent) return void response.destroy();
        response.writeHead(500, { 'content-type': 'text/plain' });
        response.end(String(error));
      });
  });
  return listenLocally(server, urlHost);
}

/** Listens on a free port of 127.0.0.1. */
async function listenLocally(server: Server, urlHost = '127.0.0.1'): Promise<ListeningServer> {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    url: `http://${urlHost}:${(server.address() as AddressInfo).port}`,
    close: () => closeServer(server),
  };
}

/** Closes the server and every connection it has open, idle or not. */
async function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  const closed = once(server, 'close');
  server.close();
  await closed;
}

export async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export interface ForwardedAnswer {
  readonly status: number;
  /** Without the framing headers (length, encoding, connection): the body may be changed before it is sent. */
  readonly headers: Record<string, string>;
  readonly body: Buffer;
}

/** Sends the request on to `upstream` (an origin such as moto's) as it came, and returns the answer. */
export async function forwardRequest(
  upstream: string,
  request: IncomingMessage,
  body: Buffer,
): Promise<ForwardedAnswer> {
  const headers = Object.fromEntries(
    Object.entries(request.headers).flatMap(([k, v]) =>
      // fetch refuses `expect` (the SDK sends 100-continue with uploads over 1 MB) and sets its own connection.
      v === undefined || k === 'connection' || k === 'expect'
        ? []
        : [[k, Array.isArray(v) ? v.join(', ') : v]],
    ),
  );
  const answer = await fetch(`${upstream}${request.url}`, {
    method: request.method,
    headers,
    // A plain Uint8Array: @cdktf/hcl2json's types pull in the DOM lib, whose BodyInit has no Buffer.
    body: body.length > 0 ? new Uint8Array(body) : undefined,
  });
  const kept: Record<string, string> = {};
  answer.headers.forEach((value, name) => {
    // fetch has already decoded the body, and its length may change.
    if (!['content-length', 'content-encoding', 'transfer-encoding', 'connection'].includes(name))
      kept[name] = value;
  });
  return { status: answer.status, headers: kept, body: Buffer.from(await answer.arrayBuffer()) };
}

/** Writes a forwarded (possibly changed) answer. */
export function sendForwarded(response: ServerResponse, answer: ForwardedAnswer): void {
  response.writeHead(answer.status, { ...answer.headers, 'content-length': String(answer.body.length) });
  response.end(answer.body);
}
