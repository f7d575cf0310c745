import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request as a bridge route would see it: exact bytes and Web Headers. */
export interface CapturedRequest {
  path: string;
  rawBody: Buffer;
  headers: Headers;
}

/** A loopback endpoint that records webhooks and answers each with a fixed TwiML body. */
export interface Capture {
  url: string;
  requests: CapturedRequest[];
  close(): Promise<void>;
}

export async function startCapture(twiml: string): Promise<Capture> {
  const requests: CapturedRequest[] = [];
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers))
      if (typeof value === 'string') headers.set(name, value);
    requests.push({ path: req.url ?? '/', rawBody: Buffer.concat(chunks), headers });
    res.writeHead(200, { 'content-type': 'text/xml' });
    res.end(twiml);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
