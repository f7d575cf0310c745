import type { IncomingMessage, ServerResponse } from 'node:http';

/** Headers the browser SDK sends; listed because `*` does not cover `Authorization` by standard. */
const SDK_HEADERS =
  'authorization,content-type,stream-auth-type,x-client-request-id,x-stream-client';

/** Sets the CORS headers every answer needs; the browser page and the API are on other ports. */
export function applyCors(req: IncomingMessage, res: ServerResponse): void {
  const origin = req.headers.origin;
  res.setHeader('Access-Control-Allow-Origin', origin ?? '*');
  if (origin) res.setHeader('Vary', 'Origin');
  res.setHeader('Access-Control-Expose-Headers', 'x-ratelimit-limit,x-ratelimit-remaining');
}

/** Answers a preflight: echoes the requested headers (or the SDK's list) and allows edits. */
export function answerPreflight(req: IncomingMessage, res: ServerResponse): void {
  const requested = req.headers['access-control-request-headers'];
  res.writeHead(204, {
    'Access-Control-Allow-Methods': 'GET, POST, PUT, PATCH, DELETE, OPTIONS',
    'Access-Control-Allow-Headers': requested ?? SDK_HEADERS,
    'Access-Control-Max-Age': '600',
    'Content-Length': '0',
  });
  res.end();
}
