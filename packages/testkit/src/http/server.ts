import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request handler for the emulators' plain `node:http` servers. */
export type RequestListener = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

/** A started HTTP server on loopback and how to stop it. */
export interface ListeningServer {
  server: Server;
  /** `http://127.0.0.1:PORT`, no trailing slash. */
  url: string;
  port: number;
  close(): Promise<void>;
}

/**
 * Starts `listener` on 127.0.0.1. Port 0 (the default) picks a free ephemeral port so test files
 * can run in parallel. A handler that throws answers 500 instead of crashing the process, because
 * an emulator that dies mid-test hides the bug that made it die.
 */
export async function listen(
  listener: RequestListener,
  options: { port?: number; host?: string; name: string },
): Promise<ListeningServer> {
  const host = options.host ?? '127.0.0.1';
  const server = createServer((req, res) => {
    Promise.resolve()
      .then(() => listener(req, res))
      .catch((error: unknown) => {
        console.error(`[smsbridge] [testkit] ${options.name} handler failed:`, error);
        if (!res.headersSent) {
          res.writeHead(500, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ error: { code: 'emulator_error', message: String(error) } }));
        } else {
          res.destroy();
        }
      });
  });
  // Keep-alive sockets would otherwise hold close() open until they time out.
  server.keepAliveTimeout = 1_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  let closing: Promise<void> | undefined;
  return {
    server,
    port,
    url: `http://${host}:${port}`,
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
