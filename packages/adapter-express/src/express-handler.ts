import type { Bridge } from '@smsbridge/core';
import type * as express from 'express';

/** Where `keepRawBody` leaves the exact bytes for the bridge. */
const RAW_BODY = Symbol.for('smsbridge.rawBody');

type RequestWithRawBody = express.Request & { [RAW_BODY]?: Buffer; _body?: boolean };

/**
 * For apps that parse JSON app-wide: `app.use(express.json({ verify: keepRawBody }))` keeps the
 * raw bytes the webhook signatures are computed over. Without it, `express.json()` consumes the
 * body before the bridge sees it.
 */
export function keepRawBody(req: express.Request, _res: unknown, buffer: Buffer): void {
  (req as RequestWithRawBody)[RAW_BODY] = buffer;
}

function toHeaders(req: express.Request): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  return headers;
}

/**
 * The request body as a web stream. Not `Readable.toWeb(req)`: cancelling that destroys the
 * request and with it the socket, so the 413 the bridge answers to a body that grows too large
 * would never arrive. Cancelling this one only stops reading; the answer then closes the
 * connection (see {@link send}).
 */
function bodyStream(req: express.Request): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        req.on('data', (chunk: Buffer) => {
          controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
          if ((controller.desiredSize ?? 0) <= 0) req.pause();
        });
        req.once('end', () => controller.close());
        req.once('error', (error) => controller.error(error));
        req.pause();
      },
      pull() {
        req.resume();
      },
      cancel() {
        req.pause();
      },
    },
    { highWaterMark: 4 },
  );
}

/**
 * Bodies up to this declared size are read into one buffer before the bridge sees them: a
 * webhook is a few KB, and a buffer costs far less than a web stream fed from Node's events
 * (about a third of the adapter's CPU per webhook). The bridge refuses more than 64 KiB anyway;
 * a larger declared body, or one without a length, still streams, so the bridge's 413 comes
 * before it is read.
 */
const BUFFERED_BODY_BYTES = 65_536;

function declaredLength(req: express.Request): number | undefined {
  const header = req.headers['content-length'];
  if (header === undefined || req.headers['transfer-encoding'] !== undefined) return undefined;
  const length = Number(header);
  return Number.isSafeInteger(length) && length >= 0 ? length : undefined;
}

/** The whole body of a request whose declared length is small, read from Node's events. */
function readSmallBody(req: express.Request): Promise<Uint8Array<ArrayBuffer>> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.once('end', () => resolve(Buffer.concat(chunks)));
    req.once('error', reject);
    // A client that goes away mid-body: no 'end' will come.
    req.once('close', () => {
      if (!req.complete) reject(new Error('The client closed the request before its body ended.'));
    });
  });
}

/** The request as the bridge needs it: the URL the client called, headers, and the raw body. */
async function toRequest(req: RequestWithRawBody): Promise<Request | 'consumed'> {
  const url = `${req.protocol}://${req.get('host') ?? 'localhost'}${req.originalUrl}`;
  const init: RequestInit & { duplex?: 'half' } = { method: req.method, headers: toHeaders(req) };
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    const kept = req[RAW_BODY];
    const length = declaredLength(req);
    if (kept) init.body = new Uint8Array(kept);
    else if (req._body || req.readableEnded) return 'consumed';
    else if (length !== undefined && length <= BUFFERED_BODY_BYTES)
      init.body = await readSmallBody(req);
    else {
      init.body = bodyStream(req);
      init.duplex = 'half';
    }
  }
  return new Request(url, init);
}

/**
 * Writes the bridge's answer. An answer given before the body was read to the end (413, a 401
 * before a long body) leaves the rest of that body on the connection, where the next request of
 * a keep-alive client would be read from: such a connection is closed after the answer instead.
 */
async function send(req: express.Request, res: express.Response, response: Response) {
  res.status(response.status);
  response.headers.forEach((value, name) => {
    res.setHeader(name, value);
  });
  if (!req.complete) res.setHeader('connection', 'close');
  res.end(Buffer.from(await response.arrayBuffer()));
}

/**
 * Mounts a bridge in Express 4 or 5: `app.use('/bridge', createExpressHandler(bridge))`. Passes
 * the mount path (stripped before routing), the raw body and `req.ip` (which honours the app's
 * `trust proxy` setting) to `bridge.fetch`.
 */
export function createExpressHandler(bridge: Bridge): express.RequestHandler {
  return (req, res) => {
    const answer = toRequest(req as RequestWithRawBody).then((request) =>
      request === 'consumed'
        ? Response.json(
            {
              error: {
                code: 'misconfigured',
                message:
                  'The request body was consumed by a body parser before smsbridge; use express.json({ verify: keepRawBody }) from @smsbridge/adapter-express, or mount the bridge before the parser.',
              },
            },
            { status: 500 },
          )
        : bridge.fetch(request, {
            basePath: req.baseUrl,
            ...(req.ip ? { clientIp: req.ip } : {}),
          }),
    );
    answer
      .then((response) => send(req, res, response))
      .catch(() => {
        if (!res.headersSent)
          res.status(500).json({ error: { code: 'internal', message: 'Internal error.' } });
        else res.end();
      });
  };
}
