import type { IncomingHttpHeaders } from 'node:http';
import { readRawBody } from '../../src/http/body.js';
import { listen } from '../../src/http/server.js';

/** One request a test receiver got, with the exact body bytes signatures are computed over. */
export interface ReceivedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  rawBody: Buffer;
}

/** What the receiver answers; a responder may also delay to simulate a slow endpoint. */
export interface ReceiverAnswer {
  status?: number;
  contentType?: string;
  body?: string;
  delayMs?: number;
}

/** A local webhook receiver for tests: records every request and answers as told. */
export interface WebhookReceiver {
  url: string;
  requests: ReceivedRequest[];
  /** Resolves once `count` requests have arrived. */
  waitFor(count: number): Promise<ReceivedRequest[]>;
  close(): Promise<void>;
}

export async function startReceiver(
  respond: (request: ReceivedRequest) => ReceiverAnswer = () => ({ status: 200 }),
): Promise<WebhookReceiver> {
  const requests: ReceivedRequest[] = [];
  const waiters: { count: number; resolve: (all: ReceivedRequest[]) => void }[] = [];
  const server = await listen(
    async (req, res) => {
      const request: ReceivedRequest = {
        method: req.method ?? 'GET',
        path: req.url ?? '/',
        headers: req.headers,
        rawBody: await readRawBody(req),
      };
      requests.push(request);
      for (const waiter of waiters.filter((w) => requests.length >= w.count)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve([...requests]);
      }
      const answer = respond(request);
      if (answer.delayMs) await new Promise((resolve) => setTimeout(resolve, answer.delayMs));
      if (res.destroyed) return;
      res.writeHead(answer.status ?? 200, { 'content-type': answer.contentType ?? 'text/plain' });
      res.end(answer.body ?? '');
    },
    { name: 'test webhook receiver' },
  );
  return {
    url: server.url,
    requests,
    waitFor(count) {
      if (requests.length >= count) return Promise.resolve([...requests]);
      return new Promise((resolve) => waiters.push({ count, resolve }));
    },
    close: () => server.close(),
  };
}
