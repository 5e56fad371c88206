/**
 * Starting and stopping the local HTTP servers that tests put in place of AWS and GitHub: a free port on
 * the loopback interface, and a close that does not wait for clients' idle keep-alive connections.
 */
import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ListeningServer {
  /** `http://<host>:<port>`. */
  readonly url: string;
  close(): Promise<void>;
}

/**
 * Listens on a free port of 127.0.0.1. `urlHost` names the host in the URL: `localhost` where a client
 * treats an IP address differently (moto reads a bucket name from 127.0.0.1-style hosts).
 */
export async function listenLocally(server: Server, urlHost = '127.0.0.1'): Promise<ListeningServer> {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    url: `http://${urlHost}:${(server.address() as AddressInfo).port}`,
    close: () => closeServer(server),
  };
}

/** Closes the server and every connection it has open, idle or not. */
export async function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  const closed = once(server, 'close');
  server.close();
  await closed;
}
