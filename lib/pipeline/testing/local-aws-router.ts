import { createServer, type Server } from 'node:http';
import { listenLocally } from '../../testing/local-http-server.ts';

export interface LocalRouter {
  readonly endpoint: string;
  close(): Promise<void>;
}

const ISO_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:?\d\d)?$/;

/** Every ISO-8601 string in `value` as epoch seconds. */
export function isoTimesToEpoch(value: unknown): unknown {
  if (typeof value === 'string' && ISO_TIME.test(value)) return Date.parse(value) / 1000;
  if (Array.isArray(value)) return value.map(isoTimesToEpoch);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, isoTimesToEpoch(v)]));
  }
  return value;
}

export async function startLocalAwsRouter(targets: {
  readonly moto: string;
  readonly codePipeline: string;
}): Promise<LocalRouter> {
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', async () => {
      try {
        const headers = Object.fromEntries(
          Object.entries(request.headers).flatMap(([k, v]) =>
            // fetch refuses `expect` (the SDK sends 100-continue with uploads over 1 MB) and sets its own connection.
            v === undefined || k === 'connection' || k === 'expect'
              ? []
              : [[k, Array.isArray(v) ? v.join(', ') : v]],
          ),
        );
        const amzTarget = String(request.headers['x-amz-target'] ?? '');
        const target = amzTarget.startsWith('CodePipeline_') ? targets.codePipeline : targets.moto;
        const upstream = await fetch(`${target}${request.url}`, {
          method: request.method,
          headers,
          body: chunks.length > 0 ? Buffer.concat(chunks) : undefined,
        });
        let body = Buffer.from(await upstream.arrayBuffer());
        const codeBuild = amzTarget.startsWith('CodeBuild_');
        if (codeBuild && upstream.ok && body.length > 0) {
          body = Buffer.from(JSON.stringify(isoTimesToEpoch(JSON.parse(body.toString('utf8')))));
        }
        const out: Record<string, string> = {};
        upstream.headers.forEach((v, k) => {
          // fetch has already decoded the body, and its length may have changed.
          if (!['content-length', 'content-encoding', 'transfer-encoding', 'connection'].includes(k))
            out[k] = v;
        });
        response.writeHead(upstream.status, { ...out, 'content-length': String(body.length) });
        response.end(body);
      } catch (error) {
        response.writeHead(502, { 'content-type': 'text/plain' });
        response.end(String(error));
      }
    });
  });
  const listening = await listenLocally(server);
  return { endpoint: listening.url, close: listening.close };
}
